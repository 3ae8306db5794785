"""UsernameSpider: one request per (site, username), the answer classified as found / missing / blocked / error.

Each site has its own download slot (one request at a time per site); many sites run at once. For a
found account it yields an AccountItem; where the site's profile page is public it also yields the
page (PageItem, for the detection engine) and up to MAX_IMAGES of its images (MediaItem, for their
location metadata). Only the username is ever sent to a site.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from scrapy.http import TextResponse

from scanner.words import plural
from spiders.detection import BLOCKED, ERROR, NO_RESULTS, RESULTS, SKIPPED, Verdict
from spiders.items import AccountItem, MediaItem, PageItem
from spiders.sourcebase import SourceSpider, failure_words, text_of
from spiders.usernames import FOUND, MISSING, OTHERS_ID, classify_account, sites_by_id

MAX_IMAGES = 4
MAX_IMAGE_BYTES = 15 * 1024 * 1024
WORDS = {FOUND: "account found:", MISSING: "no account:", BLOCKED: "could not check", ERROR: "could not check"}


class UsernameSpider(SourceSpider):
    name = "usernames"

    def __init__(self, checks=(), source_ids: tuple[str, ...] = (), **kwargs):
        super().__init__(source_ids=source_ids, **kwargs)
        self.checks = list(checks)
        self.order = {check: i for i, check in enumerate(self.checks)}
        self.sites = sites_by_id()
        self.results: dict[str, list[tuple[object, Verdict]]] = defaultdict(list)  # source -> (check, verdict)

    async def start(self):
        planned = {c.source for c in self.checks}
        for source_id in self.source_ids:
            if source_id not in planned:
                self.finish(source_id, Verdict(SKIPPED, "the usernames in the profile are not allowed on this site"), "")
        for check in self.checks:
            self.first_url.setdefault(check.source, check.profile_url)
        # The sites with the most checks first: a site's checks go one at a time, so the longest chains set
        # the scan's length, and Scrapy takes these requests in only as fast as its loop turns.
        per_site = Counter(c.site for c in self.checks)
        for i in sorted(range(len(self.checks)), key=lambda i: -per_site[self.checks[i].site]):
            check = self.checks[i]
            yield self.request(check.check_url, check.source, self.parse_check, kind="search",
                               check=i, download_slot=check.site, dont_redirect=True, handle_httpstatus_all=True)

    def parse_check(self, response):
        check = self.checks[response.meta["check"]]
        site = self.sites[check.site]
        verdict = classify_account(response.status, text_of(response), site)
        self.results[check.source].append((check, verdict))
        if verdict.status == FOUND:
            yield AccountItem(site=check.source, platform=site.id, platform_name=site.name, subject=check.subject,
                              username=check.username, url=check.profile_url)
            if site.public_profile and check.profile_url == check.check_url:
                yield from self._profile(response, check)
            elif site.public_profile:
                yield self.request(check.profile_url, check.source, self.parse_profile, kind="profile",
                                   check=response.meta["check"], download_slot=site.id)
        self.done_one(check.source)

    def parse_profile(self, response):
        check = self.checks[response.meta["check"]]
        if response.status == 200 and isinstance(response, TextResponse):
            yield from self._profile(response, check)
        self.done_one(check.source)

    def _profile(self, response, check):
        yield PageItem(site=check.source, url=check.profile_url, subject=check.subject, page_kind="profile",
                       html=text_of(response), card_selector="")
        images = response.css("img::attr(src), meta[property='og:image']::attr(content)").getall()
        seen: list[str] = []
        for src in images:
            url = response.urljoin(src.strip())
            if url.startswith(("http://", "https://")) and url not in seen:
                seen.append(url)
        for url in seen[:MAX_IMAGES]:
            yield self.request(url, check.source, self.parse_image, kind="image", check=response.meta["check"],
                               download_slot=check.site, download_maxsize=MAX_IMAGE_BYTES)

    def parse_image(self, response):
        check = self.checks[response.meta["check"]]
        if response.status == 200 and response.body:
            yield MediaItem(site=check.source, url=response.url, data=response.body, page_url=check.profile_url,
                            subject=check.subject)
        self.done_one(check.source)

    def failed(self, failure):
        meta = failure.request.meta
        if meta.get("page_kind") == "search":
            check = self.checks[meta["check"]]
            reason = failure_words(failure)
            self.results[check.source].append((check, Verdict(ERROR, f"could not reach the site ({reason})")))
        self.done_one(meta["site"])

    def final_verdict(self, source_id: str) -> Verdict:
        # in the plan's order, not the order of the answers (a retried request can come after the next one)
        results = sorted(self.results[source_id], key=lambda result: self.order[result[0]])
        if not results:
            return Verdict(ERROR, "no check could be made")
        unchecked = [c for c, v in results if v.status in (BLOCKED, ERROR)]
        if unchecked:  # the link a person opens to check by hand
            self.first_url[source_id] = unchecked[0].profile_url
        if source_id == OTHERS_ID:
            return summarise_others(results)
        return summarise_platform(results)


def _status(results) -> str:
    statuses = {v.status for _, v in results}
    for status, word in ((BLOCKED, BLOCKED), (ERROR, ERROR), (FOUND, RESULTS)):
        if status in statuses:
            return word
    return NO_RESULTS


def summarise_platform(results) -> Verdict:
    """One major platform, every username: "account found: jq_pdx; could not check averyq (why)"."""
    groups: dict[tuple[str, str], list[str]] = {}
    for check, verdict in results:
        why = verdict.detail if verdict.status in (BLOCKED, ERROR) else ""
        groups.setdefault((WORDS.get(verdict.status, verdict.status.lower()), why), []).append(check.username)
    parts = [f"{word} {', '.join(dict.fromkeys(users))}" + (f" ({why})" if why else "")
             for (word, why), users in groups.items()]
    return Verdict(_status(results), "; ".join(parts))


def summarise_others(results, names_shown: int = 8) -> Verdict:
    """The other sites together: counts per username, and which sites could not be checked."""
    per_user: dict[str, list[int]] = {}
    unchecked: list[str] = []
    sites = sites_by_id()
    for check, verdict in results:
        counts = per_user.setdefault(check.username, [0, 0])
        counts[0] += verdict.status == FOUND
        counts[1] += 1
        if verdict.status in (BLOCKED, ERROR):
            unchecked.append(sites[check.site].name)
    parts = [f"{user}: account found on {found} of {plural(total, 'site')}" for user, (found, total) in per_user.items()]
    if unchecked:
        names = sorted(set(unchecked))
        shown = ", ".join(names[:names_shown]) + (f" and {len(names) - names_shown} more" if len(names) > names_shown else "")
        parts.append(f"{plural(len(unchecked), 'check')} could not be made ({shown}); those sites are not \"not found\"")
    return Verdict(_status(results), "; ".join(parts))

"""Therapist directories, NPI copies and licensing boards: fetch a search page, classify it, follow the
user's own profile links (bounded), and yield pages. Sources that cannot be searched automatically end
as a manual check (SKIPPED, with the page a person opens), without any request.
"""

from __future__ import annotations

from spiders.detection import BLOCKED, RESULTS, SKIPPED, Verdict, classify
from spiders.items import PageItem
from spiders.sourcebase import SourceSpider, text_of
from scanner.sources.targets import PageTarget


class ProfessionalPagesSpider(SourceSpider):
    name = "professional_pages"

    def __init__(self, targets: tuple[PageTarget, ...] = (), **kwargs):
        super().__init__(source_ids=tuple(t.source for t in targets), **kwargs)
        self.targets = {t.source: t for t in targets}
        self.followed: dict[str, set[str]] = {t.source: set() for t in targets}
        for t in targets:
            self.first_url[t.source] = t.searches[0] if t.searches else t.manual_url

    async def start(self):
        for target in self.targets.values():
            if target.manual_reason or not target.searches:
                self.finish(target.source, Verdict(SKIPPED, target.manual_reason or "no search could be made"),
                            search_url=target.manual_url)
        for target in self.targets.values():
            if target.source in self.outcomes:
                continue
            for url in target.searches:
                yield self.request(url, target.source, self.parse_search)

    def parse_search(self, response):
        source = response.meta["site"]
        target = self.targets[source]
        text = text_of(response)
        verdict = classify(response.status, text, target.detection)
        self.verdicts[source].append(verdict)
        if verdict.status == RESULTS:
            yield PageItem(site=source, url=response.url, subject="self", page_kind="results", html=text,
                           card_selector=target.card)
            yield from self._follow(response, target)
        self.done_one(source)

    def _follow(self, response, target: PageTarget):
        if not target.profile_link:
            return
        followed = self.followed[target.source]
        try:
            hrefs = response.css(target.profile_link).getall()
        except Exception:  # noqa: BLE001 - a malformed selector in the data must not crash a scan
            hrefs = []
        for href in hrefs:
            if len(followed) >= target.max_profiles:
                break
            url = response.urljoin(href.strip())
            if url in followed or not url.startswith(target.base.rstrip("/") + "/"):
                continue
            followed.add(url)
            yield self.request(url, target.source, self.parse_profile, kind="profile")

    def parse_profile(self, response):
        source = response.meta["site"]
        text = text_of(response)
        verdict = classify(response.status, text, self.targets[source].detection)
        if verdict.status == BLOCKED:
            self.verdicts[source].append(verdict)
        elif response.status < 400:
            yield PageItem(site=source, url=response.url, subject="self", page_kind="detail", html=text,
                           card_selector="")
        self.done_one(source)

"""Social accounts: the username data file, the exists/missing/blocked classifier, the plan, the spider
callbacks (on built responses, no crawl), the findings and the sandbox route."""

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
import scrapy
from scrapy.http import HtmlResponse, Response

from scanner.config import make_config
from scanner.engine.items import findings_for_item
from scanner.profile import load_profile, parse_profile
from scanner.sandbox.server import DEMO_PROFILE, load_scenario
from scanner.sandbox.routes import RouteContext
from scanner.sandbox.usernames import handle, photo
from scanner.engine.matcher import Finding
from scanner.sources.social import NO_USERNAMES, plan_usernames, sandboxed, social_fix, social_source_names
from spiders.items import AccountItem, MediaItem, PageItem
from spiders.usernames import (
    DATA_FILE, FOUND, MISSING, OTHERS_ID, UsernameDataError, classify_account, load_sites, parse_site, parse_sites,
    sites_by_id, synthetic_answer,
)
from spiders.usernames.spider import UsernameSpider

ROOT = Path(__file__).resolve().parents[2]
SITES = sites_by_id()
TODAY = dt.date(2026, 11, 23)
SANDBOX = "http://127.0.0.1:1"
DEMO = load_profile(DEMO_PROFILE)


def raw_site(**changes):
    raw = json.loads(DATA_FILE.read_text("utf-8"))["sites"][0]
    raw.update(changes)
    return raw


# --- data -----------------------------------------------------------------------------

def test_data_file_has_300_plus_sites_each_with_both_signatures():
    sites = load_sites()
    assert len(sites) >= 300
    for site in sites:
        assert site.exists.status is not None or site.exists.text, site.id
        assert site.missing.status is not None or site.missing.text, site.id
    majors = [s for s in sites if s.major]
    assert {"facebook", "instagram", "x", "tiktok", "strava", "venmo", "reddit", "github", "pinterest",
            "youtube", "threads", "mastodon_social"} <= {s.id for s in majors}
    assert all(s.privacy_url.startswith("https://") for s in majors)
    assert any(s.public_profile for s in sites)


@pytest.mark.parametrize("site", load_sites(), ids=lambda s: s.id)
def test_every_site_tells_exists_from_missing(site):
    for exists, want in ((True, FOUND), (False, MISSING)):
        status, body = synthetic_answer(site, exists)
        assert classify_account(status, body, site).status == want


@pytest.mark.parametrize("changes, message", [
    ({"surprise": 1}, "unknown key 'surprise'"),
    ({"exists": {"status": 200, "txt": ["x"]}}, "unknown key 'txt'"),
    ({"missing": {"status": None, "text": []}}, "needs a status or a text"),
    ({"exists": {"status": 200, "text": []}, "missing": {"status": 200, "text": ["gone"]}}, "cannot be told apart"),
    ({"check_url": "ftp://example.com/{username}"}, "check_url"),
    ({"id": "Bad Id"}, "lower-case id"),
])
def test_loader_is_strict(changes, message):
    with pytest.raises(UsernameDataError, match=message):
        parse_site(raw_site(**changes), 0)
    with pytest.raises(UsernameDataError, match="unknown key"):
        parse_sites({"schema": 1, "sites": [], "extra": True})


def test_runtime_code_never_reads_the_reference_folder():
    for folder in ("scanner", "spiders", "reports"):
        for path in (ROOT / folder).rglob("*.py"):
            assert "shared/reference" not in path.read_text("utf-8"), path
    notice = (DATA_FILE.parent / "NOTICE").read_text()
    assert "WhatsMyName" in notice and "CC BY-SA 4.0" in notice and "maigret" in notice


# --- classification ---------------------------------------------------------------------

SITE = SITES["mastodon_social"]
EXISTS_BODY = synthetic_answer(SITE, True)[1]


@pytest.mark.parametrize("status, body, want", [
    (200, EXISTS_BODY, "FOUND"),
    (404, synthetic_answer(SITE, False)[1], "MISSING"),
    (200, "<html><title>Just a moment...</title>" + EXISTS_BODY + "</html>", "BLOCKED"),   # WAF first
    (200, '<div class="g-recaptcha"></div>', "BLOCKED"),
    (403, EXISTS_BODY, "BLOCKED"),
    (429, "", "BLOCKED"),
    (503, "", "BLOCKED"),
    (500, "<h1>oops</h1>", "ERROR"),
    (200, "<html><body>a page we do not know</body></html>", "ERROR"),   # neither: never "missing"
    (404, "", "ERROR"),
])
def test_classify_account(status, body, want):
    assert classify_account(status, body, SITE).status == want


# --- plan -------------------------------------------------------------------------------

def _plan(profile, sandbox=SANDBOX):
    return plan_usernames(profile, make_config("/tmp/unused-home", sandbox), TODAY)


def test_plan_sends_only_usernames_and_only_listed_family():
    (plan,) = _plan(DEMO)
    checks = plan.job.kwargs["checks"]
    assert {c.subject for c in checks} == {"self", "Jordan Quinlan"}
    assert {c.username for c in checks} == {"averyq", "jq_pdx"}
    for c in checks:
        for secret in ("Quinlan", "Avery", "Larkspur", "Portland", "555", "example.com", "97206"):
            assert secret not in c.check_url and secret not in c.profile_url, (c.site, secret)
        assert c.check_url.startswith(f"{SANDBOX}/u/{c.site}/")
    assert not any(c.site == "github" and c.username == "jq_pdx" for c in checks)   # GitHub refuses "_"
    assert {sid for sid, _ in plan.sources} == set(social_source_names()) - {"social-accounts"}

    no_family_names = dataclasses.replace(DEMO, family=tuple(dataclasses.replace(m, usernames=()) for m in DEMO.family))
    (plan,) = _plan(no_family_names)
    assert {c.subject for c in plan.job.kwargs["checks"]} == {"self"}


def test_plan_without_usernames_is_one_skipped_line():
    profile = parse_profile({"schema": 1, "person": {"name": "Rowan Example"}})
    (plan,) = _plan(profile)
    assert plan.job is None and plan.skipped == (("social-accounts", NO_USERNAMES),)


def test_real_mode_urls_are_the_sites_own():
    (plan,) = _plan(DEMO, sandbox="")
    check = next(c for c in plan.job.kwargs["checks"] if c.site == "mastodon_social" and c.username == "averyq")
    assert check.check_url == "https://mastodon.social/@averyq"
    assert sandboxed("https://a.example/x?u=1", "a", SANDBOX) == f"{SANDBOX}/u/a/a.example/x?u=1"


# --- spider callbacks ----------------------------------------------------------------------

def make_spider(*site_ids, usernames=(("self", "averyq"),)):
    (plan,) = _plan(DEMO)
    checks = [c for c in plan.job.kwargs["checks"] if c.site in site_ids and (c.subject, c.username) in usernames]
    sources = tuple(dict.fromkeys(c.source for c in checks))
    done = []
    spider = UsernameSpider(checks=checks, source_ids=sources, on_site_done=done.append)
    spider.planned = [spider.request(c.check_url, c.source, spider.parse_check, kind="search", check=i,
                                     download_slot=c.site) for i, c in enumerate(checks)]   # what start() does
    return spider, checks, done


def answer(spider, i, status, body):
    request = spider.planned[i]
    return HtmlResponse(url=request.url, body=body.encode(), status=status, request=request, encoding="utf-8")


def test_found_account_on_public_profile_yields_account_page_and_images():
    spider, checks, done = make_spider("mastodon_social", usernames=(("Jordan Quinlan", "jq_pdx"),))
    body = EXISTS_BODY.replace("</p>", f'</p><img src="{SANDBOX}/u/mastodon_social/files.example/a.jpg">')
    out = list(spider.parse_check(answer(spider, 0, 200, body)))
    account = next(o for o in out if isinstance(o, AccountItem))
    assert account.site == "social-mastodon_social" and account.subject == "Jordan Quinlan"
    page = next(o for o in out if isinstance(o, PageItem))
    assert page.subject == "Jordan Quinlan" and page.page_kind == "profile"
    (image,) = [o for o in out if isinstance(o, scrapy.Request)]
    assert image.meta["download_slot"] == "mastodon_social" and image.meta["page_kind"] == "image"
    assert not done   # the image is still pending
    list(spider.parse_image(Response(url=image.url, body=b"", status=404, request=image)))
    assert [(d.site, d.status) for d in done] == [("social-mastodon_social", "RESULTS")]


@pytest.mark.parametrize("status, body, want", [
    (404, synthetic_answer(SITES["x"], False)[1], "NO_RESULTS"),
    (403, "<h1>Access denied</h1>", "BLOCKED"),
    (500, "", "ERROR"),
])
def test_platform_status_is_honest(status, body, want):
    spider, checks, done = make_spider("x")
    status_used, body_used = (status, body) if status != 404 else synthetic_answer(SITES["x"], False)
    assert list(spider.parse_check(answer(spider, 0, status_used, body_used))) == []
    assert [(d.site, d.status) for d in done] == [("social-x", want)]
    if want in ("BLOCKED", "ERROR"):
        assert done[0].detail.startswith("could not check averyq (")
        assert done[0].search_url == checks[0].profile_url   # the link to open by hand


def test_other_sites_line_counts_and_names_what_could_not_be_checked():
    spider, checks, done = make_spider("letterboxd", "duolingo", "coroflot")
    by_site = {c.site: i for i, c in enumerate(checks)}
    for site_id, exists in (("letterboxd", True), ("duolingo", False)):
        list(spider.parse_check(answer(spider, by_site[site_id], *synthetic_answer(SITES[site_id], exists))))
    assert not done
    list(spider.parse_check(answer(spider, by_site["coroflot"], 200, "<title>Just a moment...</title>")))
    (outcome,) = done
    assert outcome.site == OTHERS_ID and outcome.status == "BLOCKED"
    assert "averyq: account found on 1 of 3 sites" in outcome.detail and "coroflot" in outcome.detail


# --- findings and actions ----------------------------------------------------------------------

def test_account_finding_is_about_the_family_member_with_a_privacy_link():
    item = AccountItem(site="social-strava", platform="strava", platform_name="Strava", subject="Jordan Quinlan",
                       username="jq_pdx", url="https://www.strava.com/athletes/jq_pdx")
    (f,) = findings_for_item(item, DEMO)
    assert (f.kind, f.subject, f.site, f.severity) == ("account", "Jordan Quinlan", "social-strava", "medium")
    assert "jq_pdx" in f.evidence and f.reasons
    what, where = social_fix(f)
    assert where == "https://www.strava.com/settings/privacy" and "Strava's privacy settings" in what

    def account(site, url):
        return dataclasses.replace(f, site=site, value=url, source_url=url)

    assert social_fix(account(OTHERS_ID, "https://letterboxd.com/averyq/"))[1] == "https://letterboxd.com/averyq/"
    assert social_fix(account(OTHERS_ID, "https://fosstodon.org/@averyq"))[1] == "https://fosstodon.org/settings/privacy"
    post = Finding("home_address", "Jordan Quinlan", "4821 SE Larkspur Ct", 0.9, "critical", "e",
                   "https://mastodon.social/@jq_pdx", (), "social-mastodon_social")
    assert social_fix(post) == (social_fix(post)[0], "https://mastodon.social/settings/privacy")
    assert social_fix(dataclasses.replace(post, site="whitepages")) is None


def test_geotagged_photo_from_a_family_account_is_about_them():
    item = MediaItem(site="social-flickr", url="https://live.example/p.jpg", data=photo((45.48728, -122.60105)),
                     subject="Jordan Quinlan")
    (f,) = findings_for_item(item, DEMO)
    assert (f.kind, f.subject, f.severity, f.site) == ("geolocation", "Jordan Quinlan", "critical", "social-flickr")
    assert findings_for_item(dataclasses.replace(item, data=b"<html>not an image</html>"), DEMO) == []


# --- sandbox route -------------------------------------------------------------------------------

CTX = RouteContext(root=SANDBOX, today=TODAY, settings=load_scenario().routes["u"])


def _ask(site_id, username, url_kind="check_url"):
    url = getattr(SITES[site_id], "check_for" if url_kind == "check_url" else "profile_for")(username)
    rest, _, query = url.split("://", 1)[1].partition("?")
    return handle(f"/{site_id}/{rest}", query, CTX)


def test_sandbox_answers_hit_miss_blocked_and_error():
    hit, miss = _ask("strava", "jq_pdx"), _ask("strava", "averyq")
    assert classify_account(hit.status, hit.body.decode(), SITES["strava"]).status == FOUND
    assert classify_account(miss.status, miss.body.decode(), SITES["strava"]).status == MISSING
    for site_id, want in (("instagram", "BLOCKED"), ("tiktok", "BLOCKED"), ("facebook", "ERROR")):
        reply = _ask(site_id, "averyq")
        assert classify_account(reply.status, reply.body.decode(), SITES[site_id]).status == want
    page = _ask("mastodon_social", "jq_pdx")
    assert b"4821 SE Larkspur Ct" in page.body
    assert classify_account(page.status, page.body.decode(), SITES["mastodon_social"]).status == FOUND
    assert handle("/nosuchsite/x", "", CTX).status == 404
    assert handle("/strava/x", "", RouteContext(SANDBOX, TODAY, {"acounts": {}})).status == 500


def test_start_sends_the_sites_with_the_most_checks_first():
    """A site's checks go one at a time, so the sites with the most checks set the scan's length: they go first."""
    import asyncio

    spider, checks, _ = make_spider("letterboxd", "duolingo", "x",
                                    usernames=(("self", "averyq"), ("Jordan Quinlan", "jq_pdx")))
    # x only for averyq: letterboxd and duolingo then have two checks each, x one; put x's first in the list
    spider.checks = sorted((c for c in checks if c.site != "x" or c.username == "averyq"), key=lambda c: c.site != "x")

    async def first_sites():
        return [r.meta["download_slot"] async for r in spider.start()]

    sent = asyncio.run(first_sites())
    assert sent[-1] == "x" and sorted(sent[:4]) == ["duolingo", "duolingo", "letterboxd", "letterboxd"]


def test_a_platforms_line_names_the_usernames_in_the_plans_order_whatever_order_they_answered():
    """A retried request can answer after the next one: the report's words must not depend on it."""
    spider, checks, done = make_spider("x", usernames=(("self", "averyq"), ("Jordan Quinlan", "jq_pdx")))
    assert [c.username for c in checks] == ["averyq", "jq_pdx"]
    for i in (1, 0):
        list(spider.parse_check(answer(spider, i, 500, "")))
    assert done[0].detail.startswith("could not check averyq, jq_pdx (")
    assert done[0].search_url == checks[0].profile_url

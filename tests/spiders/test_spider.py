"""Spider callbacks on fixture responses (no crawl, no reactor)."""

import datetime as dt

import pytest
import scrapy
from scrapy.http import HtmlResponse

from scanner.sandbox.server import render_fixture
from spiders.base import CatalogSpider
from spiders.catalog import default_catalog
from spiders.items import PageItem
from scanner.sources.queries import Query

SITES = {s.id: s for s in default_catalog()}
BASE = "http://127.0.0.1:1/s"


def make_spider(site_id: str, n_queries: int = 1):
    done = []
    queries = [Query(site_id, "name_location", "self", f"{BASE}/{site_id}/search{i}") for i in range(n_queries)]
    spider = CatalogSpider(sites=(SITES[site_id],), bases={site_id: f"{BASE}/{site_id}"}, queries=queries,
                           on_site_done=done.append)
    return spider, queries, done


def response_for(spider, site_id: str, url: str, page: str, status: int = 200, kind: str = "search"):
    body = render_fixture(SITES[site_id].fixture(page).read_text(), f"{BASE}/{site_id}", dt.date(2026, 11, 23))
    request = spider.request(url, site_id, spider.parse_search, kind=kind, subject="self")
    return HtmlResponse(url=url, body=body, encoding="utf-8", status=status, request=request)


@pytest.mark.parametrize("site_id", sorted(s for s in SITES if SITES[s].extraction.detail_link))
def test_results_page_yields_page_and_follows_details(site_id):
    spider, queries, done = make_spider(site_id)
    spider.pending.clear()
    out = list(spider.parse_search(response_for(spider, site_id, queries[0].url, "results.html")))
    pages = [o for o in out if isinstance(o, PageItem)]
    requests = [o for o in out if isinstance(o, scrapy.Request)]
    assert len(pages) == 1 and pages[0].page_kind == "results" and pages[0].site == site_id
    assert pages[0].card_selector == SITES[site_id].extraction.card
    assert requests and all(r.url.startswith(f"{BASE}/{site_id}/__detail/") for r in requests)
    assert len(requests) <= SITES[site_id].extraction.max_detail_pages
    assert all(r.meta["download_slot"] == site_id for r in requests)
    assert not done  # detail pages still pending


@pytest.mark.parametrize("page, status, expected", [
    ("no_results.html", 200, "NO_RESULTS"), ("blocked.html", 403, "BLOCKED"), ("blocked.html", 200, "BLOCKED"),
])
def test_search_outcomes(page, status, expected):
    spider, queries, done = make_spider("thatsthem")
    spider.pending.clear()
    out = list(spider.parse_search(response_for(spider, "thatsthem", queries[0].url, page, status)))
    assert out == []
    assert [d.status for d in done] == [expected]
    assert done[0].search_url == queries[0].url


def test_one_blocked_search_makes_the_site_blocked_not_clean():
    spider, queries, done = make_spider("thatsthem", 2)
    spider.pending.clear()
    first = response_for(spider, "thatsthem", queries[0].url, "no_results.html")
    second = response_for(spider, "thatsthem", queries[1].url, "blocked.html", 429)
    list(spider.parse_search(first))
    assert not done
    list(spider.parse_search(second))
    assert [d.status for d in done] == ["BLOCKED"]


def test_unfinished_sites_end_as_error_when_the_scan_stops():
    spider, _, done = make_spider("thatsthem")
    spider.closed_by_engine(spider, "closespider_timeout")
    assert done[0].status == "ERROR" and "ran out of time" in done[0].detail


def test_detail_links_off_site_are_not_followed():
    spider, queries, _ = make_spider("thatsthem")
    spider.pending.clear()
    url = queries[0].url
    body = b'<div class="card"><div class="name"><a class="web" href="https://evil.example/x">A</a></div></div>'
    request = spider.request(url, "thatsthem", spider.parse_search, subject="self")
    out = list(spider.parse_search(HtmlResponse(url=url, body=body, encoding="utf-8", request=request)))
    assert not [o for o in out if isinstance(o, scrapy.Request)]


def test_sites_without_detail_pages_yield_the_results_page_only():
    site_id = next(s for s in sorted(SITES) if SITES[s].enabled and not SITES[s].extraction.detail_link)
    spider, queries, done = make_spider(site_id)
    spider.pending.clear()
    out = list(spider.parse_search(response_for(spider, site_id, queries[0].url, "results.html")))
    assert [type(o).__name__ for o in out] == ["PageItem"] and [d.status for d in done] == ["RESULTS"]


def test_a_card_selector_that_no_longer_matches_falls_back_to_the_generic_extractor():
    spider, queries, _ = make_spider("fastpeoplesearch")
    spider.pending.clear()
    url = f"{BASE}/fastpeoplesearch/__detail/"
    body = b'<html><body><main><h1>Avery J Quinlan</h1><p>4821 SE Larkspur Ct, Portland, OR 97206</p></main></body></html>'
    request = spider.request(url, "fastpeoplesearch", spider.parse_detail, kind="detail", subject="self")
    out = list(spider.parse_detail(HtmlResponse(url=url, body=body, encoding="utf-8", request=request)))
    assert len(out) == 1 and out[0].card_selector == ""   # "#site-content" is gone: the whole page is read
    detail = render_fixture(SITES["fastpeoplesearch"].fixture("detail.html").read_text(), f"{BASE}/fastpeoplesearch", dt.date(2026, 11, 23))
    request = spider.request(url, "fastpeoplesearch", spider.parse_detail, kind="detail", subject="self")
    out = list(spider.parse_detail(HtmlResponse(url=url, body=detail, encoding="utf-8", request=request)))
    assert out[0].card_selector == "#site-content"


def test_disabled_sites_end_skipped_with_their_reason_and_manual_link():
    import asyncio

    site = next(s for s in SITES.values() if not s.enabled)
    done = []
    spider = CatalogSpider(sites=(site,), bases={site.id: f"{BASE}/{site.id}"}, queries=[], on_site_done=done.append)

    async def drain():
        return [r async for r in spider.start()]

    assert asyncio.run(drain()) == []
    assert done[0].status == "SKIPPED" and site.disabled_reason in done[0].detail
    assert done[0].search_url == site.manual_url and done[0].search_url.startswith("https://")


def test_page_cap_bounds_detail_pages():
    import dataclasses

    site = dataclasses.replace(SITES["fastpeoplesearch"], max_pages=2)
    spider = CatalogSpider(sites=(site,), bases={site.id: f"{BASE}/{site.id}"},
                           queries=[Query(site.id, "name_location", "self", f"{BASE}/{site.id}/q")])
    spider.pending.clear()
    out = list(spider.parse_search(response_for(spider, site.id, f"{BASE}/{site.id}/q", "results.html")))
    assert sum(isinstance(o, scrapy.Request) for o in out) == 1   # the search + one detail page = the cap of 2


# --- Retry-After -----------------------------------------------------------------------------------

def test_retry_after_values():
    from spiders.middlewares import retry_after_seconds

    assert retry_after_seconds(b"7", 0) == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470.0) == pytest.approx(10.0)
    assert retry_after_seconds(b"soon", 0) is None and retry_after_seconds(None, 0) is None


def test_retry_after_middleware_retries_once_within_the_cap_else_passes_on():
    from scrapy.http import Request, Response

    from spiders.middlewares import RetryAfterMiddleware

    mw = RetryAfterMiddleware(crawler=None, max_wait=120)
    paused = []
    mw._pause_slot = lambda request, wait: paused.append(wait)
    request = Request("http://127.0.0.1:1/s/x/q", meta={"site": "x"})
    limited = Response(request.url, status=429, headers={"Retry-After": "5"}, request=request)
    mw.response_downloaded(limited, request, None)
    retry = mw.process_response(request, limited)
    assert isinstance(retry, Request) and retry.dont_filter and retry.meta["site"] == "x" and paused == [5.0]
    again = Response(request.url, status=429, headers={"Retry-After": "5"}, request=retry)
    assert mw.process_response(retry, again) is again                    # a second refusal: BLOCKED
    too_long = Response(request.url, status=429, headers={"Retry-After": "3600"}, request=request)
    assert mw.process_response(request, too_long) is too_long             # over the cap: BLOCKED
    plain = Response(request.url, status=429, request=request)
    assert mw.process_response(request, plain) is plain                   # no Retry-After: BLOCKED


def test_cards_that_keep_their_record_link_in_a_data_attribute_are_followed_and_hidden_ones_are_not():
    """An entry whose selector finds <a href> links still follows a card that opens its record by script
    (data-detail-link, as TruePeopleSearch writes it); a hidden duplicate card is not followed."""
    spider, queries, _ = make_spider("fastpeoplesearch")
    spider.pending.clear()
    body = ('<div class="people-list"><div class="card" data-detail-link="/s/fastpeoplesearch/__detail/avery-quinlan">'
            '<h2>Avery Quinlan</h2></div><div class="card d-none" data-detail-link="/s/fastpeoplesearch/__detail/hidden-copy">'
            '<h2>Avery Quinlan</h2></div></div>')
    url = queries[0].url
    request = spider.request(url, "fastpeoplesearch", spider.parse_search, subject="self")
    response = HtmlResponse(url=url, body=body.encode(), encoding="utf-8", request=request)
    followed = [o.url for o in spider._follow_details(response, SITES["fastpeoplesearch"])]
    assert followed == [f"{BASE}/fastpeoplesearch/__detail/avery-quinlan"]

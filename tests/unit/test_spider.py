"""Spider callbacks on fixture responses (no crawl, no reactor)."""

import datetime as dt

import pytest
import scrapy
from scrapy.http import HtmlResponse

from scanner.sandbox import render_fixture
from spiders.base import CatalogSpider
from spiders.catalog import default_catalog
from spiders.items import PageItem
from spiders.query import Query

SITES = {s.id: s for s in default_catalog()}
BASE = "http://127.0.0.1:1/s"


def make_spider(site_id: str, n_queries: int = 1):
    done = []
    queries = [Query(site_id, "name_location", "self", f"{BASE}/{site_id}/search{i}") for i in range(n_queries)]
    spider = CatalogSpider(sites=(SITES[site_id],), bases={site_id: f"{BASE}/{site_id}"}, queries=queries,
                           on_site_done=done.append)
    return spider, queries, done


def response_for(spider, site_id: str, url: str, page: str, status: int = 200, kind: str = "results"):
    body = render_fixture(SITES[site_id].fixture(page).read_text(), f"{BASE}/{site_id}", dt.date(2026, 11, 23))
    request = spider._request(url, site_id, "self", kind, spider.parse_search)
    return HtmlResponse(url=url, body=body, encoding="utf-8", status=status, request=request)


@pytest.mark.parametrize("site_id", sorted(SITES))
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
    request = spider._request(url, "thatsthem", "self", "results", spider.parse_search)
    out = list(spider.parse_search(HtmlResponse(url=url, body=body, encoding="utf-8", request=request)))
    assert not [o for o in out if isinstance(o, scrapy.Request)]

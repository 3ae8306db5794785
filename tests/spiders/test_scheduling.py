"""The scheduler's queue: the free site with the most requests waiting goes first; a busy site waits."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy.squeues import FifoMemoryQueue
from scrapy.utils.test import get_crawler

from spiders.scheduling import LongestQueueFirst


class _Downloader:
    """What the queue reads of Scrapy's downloader: each site's slot, with its requests under way."""

    def __init__(self):
        self.slots: dict[str, SimpleNamespace] = {}

    def get_slot_key(self, request) -> str:
        return request.meta["download_slot"]

    def busy(self, site: str, requests: int = 1, concurrency: int = 1) -> None:
        self.slots[site] = SimpleNamespace(active=set(range(requests)), concurrency=concurrency)


@pytest.fixture
def queue_and_downloader():
    crawler = get_crawler()
    downloader = _Downloader()
    crawler.engine = SimpleNamespace(downloader=downloader)
    return LongestQueueFirst(crawler, FifoMemoryQueue, ""), downloader


def _push(queue, site: str, n: int) -> None:
    for i in range(n):
        queue.push(Request(f"http://127.0.0.1/{site}/{i}", meta={"download_slot": site}))


def _site(request) -> str:
    return request.meta["download_slot"]


def test_the_free_site_with_the_most_requests_waiting_goes_first(queue_and_downloader):
    queue, _ = queue_and_downloader
    _push(queue, "aardvark", 1)
    _push(queue, "zebra", 3)
    _push(queue, "moose", 2)
    assert len(queue) == 6
    # Scrapy's own queue would start with "aardvark" (alphabetical turn); the longest chain goes first,
    # and of two sites with as many waiting, the one that has waited longer
    assert [_site(queue.pop()) for _ in range(6)] == ["zebra", "moose", "zebra", "aardvark", "moose", "zebra"]
    assert len(queue) == 0 and queue.pop() is None and not queue.pqueues


def test_a_busy_site_gets_nothing_more_until_it_is_free(queue_and_downloader):
    queue, downloader = queue_and_downloader
    _push(queue, "zebra", 3)
    _push(queue, "moose", 1)
    downloader.busy("zebra")
    assert _site(queue.pop()) == "moose"
    downloader.busy("moose")
    assert queue.pop() is None and len(queue) == 3      # both busy: nothing is handed out, nothing is lost
    assert queue.peek() is None
    downloader.busy("zebra", requests=0)
    assert _site(queue.peek()) == "zebra"
    assert _site(queue.pop()) == "zebra" and len(queue) == 2


def test_a_site_allowed_two_at_a_time_is_free_with_one_under_way(queue_and_downloader):
    queue, downloader = queue_and_downloader
    _push(queue, "zebra", 2)
    downloader.busy("zebra", requests=1, concurrency=2)
    assert _site(queue.pop()) == "zebra"


def test_a_sites_own_requests_keep_their_order(queue_and_downloader):
    queue, _ = queue_and_downloader
    _push(queue, "zebra", 3)
    queue.push(Request("http://127.0.0.1/zebra/first", meta={"download_slot": "zebra"}, priority=5))
    assert [queue.pop().url.rsplit("/", 1)[1] for _ in range(4)] == ["first", "0", "1", "2"]


def test_close_empties_it(queue_and_downloader):
    queue, _ = queue_and_downloader
    _push(queue, "zebra", 2)
    queue.close()
    assert len(queue) == 0 and queue.pop() is None


def test_every_scan_uses_it():
    from scrapy.utils.misc import load_object

    from spiders.settings import scrapy_settings

    for sandbox in (True, False):
        assert load_object(scrapy_settings(sandbox=sandbox)["SCHEDULER_PRIORITY_QUEUE"]) is LongestQueueFirst

"""The order in which sites get their next request: the longest queue first.

A scan lasts as long as its longest chain of one-at-a-time requests to one site. Scrapy's
DownloaderAwarePriorityQueue hands the next request to an idle site in alphabetical turn, so a
site with ten searches to make may wait behind hundreds of sites with one or two, ten times over.
This queue gives it to the free site with the most requests still waiting (the classic
longest-first rule). A site that is busy gets nothing more until it is free: its next request
would only wait in the downloader, holding a place other sites could use.

Scrapy's own queue also counts every site's waiting requests on each call (hundreds of sites,
thousands of calls); this one keeps the counts as requests come and go.
"""

from __future__ import annotations

from scrapy.pqueues import DownloaderAwarePriorityQueue


class LongestQueueFirst(DownloaderAwarePriorityQueue):

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._waiting: dict[str, int] = {}             # site -> its requests waiting here
        self._by_count: dict[int, dict[str, None]] = {}   # requests waiting -> the sites with that many
        self._total = 0

    def push(self, request) -> None:
        super().push(request)
        slot = self._downloader_interface.get_slot_key(request)
        self._move(slot, self._waiting.get(slot, 0), +1)

    def pop(self):
        slot = self._free_slot()
        if slot is None:
            return None
        queue = self.pqueues[slot]
        request = queue.pop()
        self._move(slot, self._waiting[slot], -1)
        if slot not in self._waiting:
            del self.pqueues[slot]
            queue.close()
        return request

    def peek(self):
        slot = self._free_slot()
        return None if slot is None else self.pqueues[slot].peek()

    def _free_slot(self) -> str | None:
        """The free site with the most requests waiting (the first such site on a tie); None when every
        site with requests waiting is busy (the engine asks again when a download ends)."""
        slots = self._downloader_interface.downloader.slots
        for count in sorted(self._by_count, reverse=True):
            for slot in self._by_count[count]:
                downloading = slots.get(slot)
                if downloading is None or len(downloading.active) < downloading.concurrency:
                    return slot
        return None

    def _move(self, slot: str, count: int, change: int) -> None:
        if count:
            del self._by_count[count][slot]
            if not self._by_count[count]:
                del self._by_count[count]
        if count + change:
            self._waiting[slot] = count + change
            self._by_count.setdefault(count + change, {})[slot] = None
        else:
            del self._waiting[slot]
        self._total += change

    def close(self):
        self._waiting.clear()
        self._by_count.clear()
        self._total = 0
        return super().close()

    def __len__(self) -> int:
        return self._total

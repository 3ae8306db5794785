"""Reading crawled items into findings beside the crawl, in other processes.

Matching is the scan's heaviest work. Done in the crawl's own thread it holds up the event loop that
downloads the pages and drives the web browser; here it runs in worker processes (one per spare
CPU), and the findings come back in the order the items came in, so a scan's result does not depend
on which worker finished first. Where worker processes cannot be started, items are read in this
process, one by one, as before.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable

from scanner.engine.items import findings_for_item
from scanner.profile import Profile

_profile: Profile | None = None


def _start_worker(profile: Profile) -> None:
    global _profile     # one per worker process: the profile every item is matched against
    _profile = profile


def _read(item) -> list:
    return findings_for_item(item, _profile)


def worker_count(cpus: int | None = None) -> int:
    """A CPU for the crawl, the rest (at most 4) for matching; 0 on a one-CPU machine."""
    cpus = cpus or os.cpu_count() or 1
    return max(0, min(4, cpus - 1))


class ItemReader:
    """submit(item) during the crawl; results() after it: every item's findings, in submission order.
    `on_read(findings)` is called as each item is read (from a helper thread: keep it short)."""

    def __init__(self, profile: Profile, on_read: Callable[[list], None] | None = None, workers: int | None = None):
        self.profile = profile
        self.on_read = on_read
        self.pending: list[tuple[object, Future | list]] = []
        count = worker_count() if workers is None else workers
        self.pool = None
        if count:
            try:
                import multiprocessing

                self.pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_start_worker, initargs=(profile,))
            except (OSError, ValueError, ImportError):
                self.pool = None

    def submit(self, item) -> None:
        if self.pool is None:
            found = findings_for_item(item, self.profile)
            self.pending.append((item, found))
            if self.on_read:
                self.on_read(found)
            return
        future = self.pool.submit(_read, item)
        if self.on_read:
            future.add_done_callback(lambda f: self.on_read(f.result()) if not f.exception() else None)
        self.pending.append((item, future))

    def results(self, finished_only: bool = False) -> list[list]:
        """Every submitted item's findings, in order (waits for the workers; `finished_only`: only those
        already read, for a scan that was stopped). An item a worker could not read (the worker died)
        is read here instead: no item goes unread."""
        out = []
        for item, done in self.pending:
            if isinstance(done, Future):
                if finished_only and not done.done():
                    continue
                try:
                    done = done.result()
                except Exception:    # noqa: BLE001 - BrokenProcessPool, or the item's own error: read it here
                    done = findings_for_item(item, self.profile)
            out.append(done)
        return out

    def close(self, cancel: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=not cancel, cancel_futures=cancel)

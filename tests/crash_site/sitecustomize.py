# Test-only (tests/e2e/test_crash_safety.py): put this folder first on PYTHONPATH, next to
# tests/guard_site, and a process stays loopback-only AND can be made to pause at one point of a
# rescan, so that the test can SIGKILL it exactly there. Nothing in the product reads these
# variables; the pauses are installed by wrapping functions from outside.
#
#   UNLISTED_CRASH_PAUSE = run | store | finish | report-tmp | report-done
#   UNLISTED_CRASH_MARK  = a file this process creates when it has reached the point (then sleeps)
import os
import time

import netguard

netguard.install()

_POINT = os.environ.get("UNLISTED_CRASH_PAUSE", "")
_MARK = os.environ.get("UNLISTED_CRASH_MARK", "")


def _pause() -> None:
    with open(_MARK, "w", encoding="utf-8") as fh:
        fh.write(_POINT)
    time.sleep(120)  # the test kills us long before this ends


if _POINT and _MARK:
    import scanner.history.store as store

    Store = store.Store

    if _POINT == "run":  # the rescan is recorded, the scan has not started
        _begin_run = Store.begin_run

        def begin_run(self, *args, **kw):
            run_id = _begin_run(self, *args, **kw)
            _pause()
            return run_id

        Store.begin_run = begin_run

    if _POINT == "store":  # inside the results transaction: rows written, not committed
        _record = Store.record_results
        _exit = store._Transaction.__exit__
        _inside = []

        def record_results(self, *args, **kw):
            _inside.append(True)
            return _record(self, *args, **kw)

        def __exit__(self, exc_type, exc, tb):
            if _inside and exc_type is None:
                _pause()
            return _exit(self, exc_type, exc, tb)

        Store.record_results = record_results
        store._Transaction.__exit__ = __exit__

    if _POINT == "finish":  # results committed, scan not yet marked complete
        _finish = Store.finish_scan

        def finish_scan(self, *args, **kw):
            _pause()
            return _finish(self, *args, **kw)

        Store.finish_scan = finish_scan

    if _POINT == "report-tmp":  # the report's temp file is written, not yet renamed into place
        _replace = os.replace

        def replace(src, dst, *args, **kw):
            if str(dst).endswith(".html") and "unlisted-scan-" in str(dst):
                _pause()
            return _replace(src, dst, *args, **kw)

        os.replace = replace

    if _POINT == "report-done":  # the report is in place, its path not yet recorded
        _set = Store.set_report_path

        def set_report_path(self, *args, **kw):
            _pause()
            return _set(self, *args, **kw)

        Store.set_report_path = set_report_path

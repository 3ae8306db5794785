"""`unlisted scan --progress json`: what the scan is doing, as one JSON object per line on standard output,
for a program that starts the scan and reads along (the local web app). Each line is compact UTF-8 JSON
with an "event" key, flushed at once:

  start     {"sites_total"}                                          once, before any other event but an error
  progress  {"sites_done", "sites_total", "exposures", "site", "site_name", "status"}   when one of them changed
  waiting   {"site", "site_name", "seconds_left"}                    a site waits for a human check (--assist)
  done      {"scan_id", "state", "exposures", "possible_matches", "sites_searched", "sites_total",
             "could_not_check", "report", "exit"}                    the last line of a scan that ran
  error     {"message", "exit"}                                      the last line of a command that failed

The scan calls back from more than one thread: one lock keeps the lines whole and in order. A failing command
finds the emitter in the click context (common.fail), so errors before the scan starts are events too."""

from __future__ import annotations

import json
import os
import sys
import threading

META_KEY = "unlisted.progress_events"   # click ctx.meta: the JsonEvents of this command, if any


class JsonEvents:
    def __init__(self, stream=None) -> None:
        self._stream = stream
        self._names: dict[str, str] = {}
        self._started = False
        self._last: tuple = ()
        self._lock = threading.Lock()
        self._gone = False

    def _emit(self, event: str, **fields) -> None:   # the caller holds the lock
        if self._gone:
            return
        line = json.dumps({"event": event, **fields}, ensure_ascii=False, separators=(",", ":")) + "\n"
        stream = self._stream or sys.stdout
        try:
            stream.flush()
            raw = getattr(stream, "buffer", None)
            if raw is not None:
                raw.write(line.encode("utf-8"))     # UTF-8 whatever the locale: the reader decodes UTF-8
                raw.flush()
            else:
                stream.write(line)
                stream.flush()
        except BrokenPipeError:
            # the reader (the app) has gone: the scan goes on to its end and keeps its results, unheard
            self._gone = True
            sys.stdout = open(os.devnull, "w", encoding="utf-8")

    def _start(self, sites_total: int) -> None:
        if not self._started:
            self._started = True
            self._emit("start", sites_total=sites_total)

    def callback(self, names: dict[str, str]):
        """The on_progress for service.run_scan; `names`: site id -> the name people know it by."""
        self._names = names
        return self.progress

    def progress(self, p) -> None:
        with self._lock:
            self._start(p.sites_total)
            if p.waiting:
                self._emit("waiting", site=p.waiting, site_name=self._names.get(p.waiting, p.waiting),
                           seconds_left=max(0, round(p.waiting_seconds)))
                return
            now = (p.sites_done, p.sites_total, p.findings, p.last_site, p.last_status)
            if now != self._last:       # an item read that changed nothing is not news
                self._last = now
                self._emit("progress", sites_done=now[0], sites_total=now[1], exposures=now[2], site=now[3],
                           site_name=self._names.get(now[3], now[3]), status=now[4])

    def done(self, summary, code: int) -> None:
        coverage = summary.coverage
        with self._lock:
            self._start(coverage.total)
            self._emit("done", scan_id=summary.scan_id, state=summary.state, exposures=summary.findings,
                       possible_matches=summary.possible_matches, sites_searched=coverage.searched,
                       sites_total=coverage.total, could_not_check=coverage.unchecked,
                       report=str(summary.report_path), exit=int(code))

    def error(self, message: str, code: int) -> None:
        with self._lock:
            self._emit("error", message=message, exit=int(code))

"""A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``: no websocket, no
Selenium, no Playwright. Chromium reads commands from file descriptor 3 and writes replies and
events to file descriptor 4, each message one JSON object ended by a NUL byte.

Every wait is bounded; ``Browser`` is a context manager that always kills the browser and
removes its throw-away profile folder.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

# Known to work as root in a container; nothing here needs the network.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
         "--disable-extensions", "--mute-audio", "--remote-debugging-pipe")
TIMEOUT = 20.0


class CDPError(RuntimeError):
    pass


def _high(fd: int) -> int:
    new = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return new


class Browser:
    def __init__(self, executable: str, timeout: float = TIMEOUT):
        self.executable = executable
        self.timeout = timeout
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self.all_events: list[dict] = []     # every event, in order (append-only, under the lock)
        self._lock = threading.Condition()
        self._closed = False

    # --- process -------------------------------------------------------------------------

    def __enter__(self) -> "Browser":
        self.profile_dir = tempfile.mkdtemp(prefix="unlisted-chromium-")
        self.log_path = Path(self.profile_dir) / "stderr.log"
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # the child's ends move above 9, so that putting them on 3 and 4 cannot overwrite one another
        to_child_r, from_child_w = (_high(fd) for fd in (to_child_r, from_child_w))
        # fd 3 = commands in, fd 4 = messages out; bash (dash takes one-digit fds only) puts the pipes there,
        # then becomes chromium
        shell = f'exec "$0" "$@" 3<&{to_child_r} 4>&{from_child_w} {to_child_r}<&- {from_child_w}>&-'
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                ["/bin/bash", "-c", shell, self.executable, *FLAGS, f"--user-data-dir={self.profile_dir}",
                 "about:blank"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, pass_fds=(to_child_r, from_child_w),
                start_new_session=True)
        os.close(to_child_r)
        os.close(from_child_w)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._send("Browser.close", {}, None)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        finally:
            for fd in (self._to_child, self._from_child):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile_dir, ignore_errors=True)

    def stderr_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-2000:]
        except OSError:
            return ""

    # --- messages ------------------------------------------------------------------------

    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_child, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._lock:
                    self._lock.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                if "id" in msg:
                    with self._lock:
                        self._replies[msg["id"]] = msg
                        self._lock.notify_all()
                else:
                    with self._lock:
                        self.all_events.append(msg)
                        self._lock.notify_all()

    def _send(self, method: str, params: dict, session: str | None) -> int:
        self._next_id += 1
        msg: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            data = data[os.write(self._to_child, data):]
        return self._next_id

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send a command and wait (bounded) for its reply."""
        mid = self._send(method, params or {}, session)
        deadline = time.monotonic() + self.timeout
        with self._lock:
            while mid not in self._replies:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise CDPError(f"no reply to {method} within {self.timeout}s; chromium: {self.stderr_tail()}")
                self._lock.wait(min(left, 0.5))
            reply = self._replies.pop(mid)
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_event(self, method: str, session: str, after: int = 0, timeout: float | None = None) -> dict:
        """Wait (bounded) for an event of ``session`` received after the first ``after`` events."""
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._lock:
            while True:
                for msg in self.all_events[after:]:
                    if msg.get("method") == method and msg.get("sessionId") == session:
                        return msg
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise CDPError(f"no {method} within the time limit; chromium: {self.stderr_tail()}")
                self._lock.wait(min(left, 0.5))


class Page:
    """One tab, attached in flat mode, recording every event it gets."""

    def __init__(self, browser: Browser):
        self.browser = browser
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.browser.call(method, params, self.session)

    def open(self, url: str) -> None:
        with self.browser._lock:
            start = len(self.browser.all_events)
        self.call("Page.navigate", {"url": url})
        self.browser.wait_event("Page.loadEventFired", self.session, start)

    def recorded(self, method: str) -> list[dict]:
        """The parameters of every ``method`` event this tab has sent so far."""
        with self.browser._lock:
            events = list(self.browser.all_events)
        return [e["params"] for e in events if e.get("method") == method and e.get("sessionId") == self.session]

    def evaluate(self, expression: str) -> Any:
        """CDP evaluation (the test's own probe, not the page's script)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise CDPError(f"evaluate {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def viewport(self, width: int, height: int, mobile: bool) -> None:
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def pdf(self) -> bytes:
        """The page printed (print media, Letter paper, Chromium's default margins), as PDF bytes."""
        return base64.b64decode(self.call("Page.printToPDF", {"printBackground": False})["data"])

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

"""`unlisted app`: the routes, and the server on 127.0.0.1 that serves them to this computer's browser.

Starlette for the routes and uvicorn to serve them: a small, well-kept ASGI pair with no database,
template or session layer of its own to configure away; ours are the store, reports/render.py's
template setup and guard.py.
"""

from __future__ import annotations

import socket
import threading
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from starlette.applications import Starlette
from starlette.routing import Route

from scanner.app import actions, pages, settings_page
from scanner.app.guard import Keys, LocalOnly
from scanner.app.jobs import Job
from scanner.app.settings_page import CommandResult
from scanner.config import Config

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


@dataclass
class AppContext:
    """Everything a route needs, for one run of the app."""

    config: Config
    keys: Keys
    sandbox: bool = False
    auto: bool = False            # the simulated web only: "Do it for me" plays her part (`optout --auto`)
    job: Job | None = None        # the scan
    optout: Job | None = None     # the opt-out being filed
    quit: Callable[[], None] = lambda: None
    env: object = None
    last_settings: CommandResult | None = None   # the Settings page's last `schedule ...`, shown after its redirect
    lock: threading.Lock = field(default_factory=threading.Lock)


ROUTES = [
    Route("/", pages.home),
    Route("/profile", pages.profile_page),
    Route("/profile", actions.save_profile, methods=["POST"]),
    Route("/plan", pages.plan_page),
    Route("/tasks/{task_id:int}", pages.task_page),
    Route("/tasks/{task_id:int}/optout", actions.start_optout, methods=["POST"]),
    Route("/tasks/{task_id:int}/confirm", actions.confirm_link, methods=["POST"]),
    Route("/tasks/{task_id:int}/{action:str}", actions.task_button, methods=["POST"]),
    Route("/optout/status", pages.optout_status),
    Route("/findings", pages.findings_page),
    Route("/history", pages.history_page),
    Route("/settings", settings_page.settings_page),
    Route("/settings", settings_page.save_browser, methods=["POST"]),
    Route("/settings/rescans/on", settings_page.rescans_on, methods=["POST"]),
    Route("/settings/rescans/off", settings_page.rescans_off, methods=["POST"]),
    Route("/settings/notify-test", settings_page.notify_test, methods=["POST"]),
    Route("/findings/{finding_id:int}/verdict", actions.verdict_button, methods=["POST"]),
    Route("/scan", pages.scan_page),
    Route("/scan/status", pages.scan_status),
    Route("/scan/start", actions.start_scan, methods=["POST"]),
    Route("/scan/stop", actions.stop_scan, methods=["POST"]),
    Route("/quit", actions.quit_app, methods=["POST"]),
    Route("/static/{name:str}", pages.static_file),
]


def create_app(ctx: AppContext):
    from reports.render import make_environment

    ctx.env = make_environment(TEMPLATE_DIR)
    app = Starlette(routes=ROUTES, exception_handlers={404: pages.not_found, 405: pages.not_found})
    app.state.ctx = ctx
    return LocalOnly(app, ctx.keys)


def bind(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 only (port 0: any free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(64)
    return sock


def serve(config: Config, port: int, open_browser: bool, sandbox: bool, say: Callable[[str], None],
          auto: bool = False) -> None:
    """Serve until Ctrl-C or the Quit button. The first thing said is the address to open."""
    import uvicorn

    sock = bind(port)
    keys = Keys(port=sock.getsockname()[1])
    ctx = AppContext(config=config, keys=keys, sandbox=sandbox, auto=sandbox and auto)
    server = uvicorn.Server(uvicorn.Config(create_app(ctx), log_level="warning", access_log=False, lifespan="off"))

    def quit_soon() -> None:
        server.should_exit = True

    ctx.quit = quit_soon
    url = f"http://127.0.0.1:{keys.port}/?token={keys.token}"
    say(url)
    say("This address signs you in once, in one browser. Keep this window open while you use the app; "
        "Ctrl-C or the Quit button stops it.")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()

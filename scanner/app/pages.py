"""The app's pages (GET): what the store holds, shown through the report's own view-model.

Each page opens the store for the time of one request (a scan in its own process may be writing to it)
and renders one template of templates/; every value is escaped by reports/render.py's setup.
"""

from __future__ import annotations

import math
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_TYPES = {"app.css": "text/css", "app.js": "text/javascript"}
FINDING_GROUPS_PER_PAGE = 10
NOTICES = {   # the one-line messages a button's answer may show: by key, so no text comes from the address
    "saved": "Your profile is saved. Next: scan.",
    "started": "The scan has started.",
    "stopping": "The scan is stopping; what it found so far is kept.",
    "busy": "A scan is already running.",
    "no-profile": "First, fill in your profile: the scan searches for what it says.",
    "filed": "Marked as filed. The next scans check that the listing is gone.",
    "done": "Marked as done. The next scans check it.",
    "skip": "Skipped: it stays closed, whatever later scans find.",
    "reopen": "Back on your list.",
    "optout-started": "Started: follow it below. A web form opens in a browser window for you to finish.",
    "confirm-started": "Opening the link: follow it below.",
    "bad-link": "That is not a web link: paste the whole link from the site's email, starting with https://.",
    "optout-busy": "Another opt-out is being filed: wait until it ends.",
    "not-me": "Hidden: this finding is left out from now on, in every later scan too.",
    "me": "It counts as yours again.",
    "schedule-on": "Monthly rescans are on.",
    "schedule-off": "Monthly rescans are off. Your scans, reports and settings are kept.",
    "schedule-failed": "That did not work: the reason is below.",
    "schedule-sandbox": "Not turned on: this app searches the simulated web.",
    "notify-sent": "The test notification was sent: check that it arrived.",
    "notify-failed": "The test notification was not sent: the reason is below.",
    "browser-saved": "Saved: scans use this browser for the sites that need one.",
    "browser-cleared": "Saved: unlisted looks for a browser by itself.",
}
NAV = (("/", "Home"), ("/plan", "Your plan"), ("/findings", "What we found"), ("/history", "History"),
       ("/settings", "Settings"), ("/scan", "Scan"), ("/profile", "Your profile"))


def context(request: Request):
    return request.app.state.ctx


def render(request: Request, template: str, status: int = 200, **values) -> HTMLResponse:
    ctx = context(request)
    notice = NOTICES.get(request.query_params.get("said", ""), "")
    html = ctx.env.get_template(template).render(csrf=ctx.keys.csrf, sandbox=ctx.sandbox, nav=NAV,
                                                 here=request.url.path, notice=notice, **values)
    return HTMLResponse(html, status_code=status)


def profile_path(request: Request) -> Path:
    return context(request).config.home / "profile.toml"


def latest_view(request: Request):
    """The latest scan's report view (None before the first scan)."""
    from reports.view import build_view
    from scanner.service import open_store, report_data

    store = open_store(context(request).config)
    try:
        latest = store.latest_scan()
        return build_view(report_data(store, latest.id)) if latest else None
    finally:
        store.close()


IDLE = {"running": False, "stopping": False, "progress": {}, "end": {}, "lines": [], "task": 0}


def job_status(request: Request) -> dict:
    job = context(request).job
    return job.status() if job else dict(IDLE)


def optout_job_status(request: Request) -> dict:
    job = context(request).optout
    return job.status() if job else dict(IDLE)


def home(request: Request) -> Response:
    if not profile_path(request).exists():
        return RedirectResponse("/profile?said=no-profile", status_code=303)
    view = latest_view(request)
    return render(request, "home.html.j2", view=view, job=job_status(request))


def profile_page(request: Request) -> Response:
    from scanner.app.profileform import SECTIONS, values_from_profile
    from scanner.profile import ProfileError, load_profile

    path = profile_path(request)
    problems: dict[str, str] = {}
    profile = None
    if path.exists():
        try:
            profile = load_profile(path)
        except ProfileError as exc:
            problems[""] = "Your profile file has problems; correct them here and save: " + "; ".join(exc.problems)
    return render(request, "profile.html.j2", sections=SECTIONS, values=values_from_profile(profile),
                  errors=problems, first_run=not path.exists())


def plan_page(request: Request) -> Response:
    return render(request, "plan.html.j2", view=latest_view(request))


def task_page(request: Request) -> Response:
    view = latest_view(request)
    task_id = request.path_params["task_id"]
    task = next((t for t in (view.plan.tasks if view and view.plan else ()) if t.id == task_id), None)
    if task is None:
        return not_found(request, None)
    return render(request, "task.html.j2", view=view, t=task, optout=optout_job_status(request))


def findings_page(request: Request) -> Response:
    view = latest_view(request)
    groups = view.groups if view else ()
    pages = max(1, math.ceil(len(groups) / FINDING_GROUPS_PER_PAGE))
    try:
        page = min(max(1, int(request.query_params.get("page", "1"))), pages)
    except ValueError:
        page = 1
    shown = groups[(page - 1) * FINDING_GROUPS_PER_PAGE: page * FINDING_GROUPS_PER_PAGE]
    return render(request, "findings.html.j2", view=view, groups=shown, page=page, pages=pages)


def history_page(request: Request) -> Response:
    return render(request, "history.html.j2", view=latest_view(request))


def scan_page(request: Request) -> Response:
    return render(request, "scan.html.j2", job=job_status(request), has_profile=profile_path(request).exists())


def scan_status(request: Request) -> Response:
    return JSONResponse(job_status(request))


def optout_status(request: Request) -> Response:
    return JSONResponse(optout_job_status(request))


def static_file(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in STATIC_TYPES:
        return not_found(request, None)
    return FileResponse(STATIC_DIR / name, media_type=STATIC_TYPES[name])


def not_found(request: Request, exc) -> Response:
    return render(request, "missing.html.j2", status=404)

"""The app's buttons (POST): each checks the CSRF token, does one thing through the service, and sends
the browser on to a page that says what happened ("Post/Redirect/Get": a reload never does it twice)."""

from __future__ import annotations

import datetime as _dt

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from scanner.app.guard import check_csrf
from scanner.app.pages import context, profile_path, render

TASK_ACTIONS = ("filed", "done", "skip", "reopen")
MAX_FORM_FIELDS = 200


async def _form(request: Request):
    """The submitted form when its CSRF token is right, else None."""
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    given = str(form.get("csrf") or request.headers.get("x-csrf-token") or "")
    return form if check_csrf(context(request).keys, given) else None


def _refused() -> Response:
    return HTMLResponse("<!DOCTYPE html><title>unlisted</title><p>This form has expired: go back, reload the page "
                        "and try again.</p>", status_code=403)


def _back(path: str, said: str) -> RedirectResponse:
    return RedirectResponse(f"{path}?said={said}", status_code=303)


async def save_profile(request: Request) -> Response:
    from scanner.app.profileform import SECTIONS, read_form
    from scanner.profile import write_profile_file

    form = await _form(request)
    if form is None:
        return _refused()
    values = {key: str(value) for key, value in form.items() if isinstance(value, str)}
    profile, errors = read_form(values)
    if profile is None:
        return render(request, "profile.html.j2", status=400, sections=SECTIONS, values=values, errors=errors,
                      first_run=not profile_path(request).exists())
    await run_in_threadpool(write_profile_file, profile_path(request), profile)
    return _back("/", "saved")


async def task_button(request: Request) -> Response:
    from scanner.service import open_store, task_action

    action = request.path_params["action"]
    task_id = request.path_params["task_id"]
    form = await _form(request)
    if form is None:
        return _refused()
    if action not in TASK_ACTIONS:
        return render(request, "missing.html.j2", status=404)

    def act() -> dict:
        store = open_store(context(request).config)
        try:
            return task_action(store, str(task_id), action, _dt.date.today())
        finally:
            store.close()

    try:
        task = await run_in_threadpool(act)
    except LookupError:
        return render(request, "missing.html.j2", status=404)
    return _back(f"/tasks/{task_id}", "filed" if task["status"] == "filed" else action)   # an opt-out done is filed


async def verdict_button(request: Request) -> Response:
    from scanner.service import open_store, record_verdict

    form = await _form(request)
    if form is None:
        return _refused()
    decision = str(form.get("decision", ""))
    if decision not in ("not-me", "me"):
        return render(request, "missing.html.j2", status=404)

    def act() -> None:
        store = open_store(context(request).config)
        try:
            record_verdict(store, str(request.path_params["finding_id"]), decision)
        finally:
            store.close()

    try:
        await run_in_threadpool(act)
    except LookupError:
        return render(request, "missing.html.j2", status=404)
    page = str(form.get("page", "1"))
    return RedirectResponse(f"/findings?said={decision}&page={int(page) if page.isdigit() else 1}", status_code=303)


async def start_scan(request: Request) -> Response:
    from scanner.app.jobs import Job, scan_args

    form = await _form(request)
    if form is None:
        return _refused()
    ctx = context(request)
    if not profile_path(request).exists():
        return _back("/profile", "no-profile")
    with ctx.lock:
        if ctx.job and ctx.job.running:
            return _back("/scan", "busy")
        ctx.job = Job(scan_args(ctx.config.home, ctx.sandbox, form.get("assist") == "on"))
        ctx.job.start()
    return _back("/scan", "started")


def _task_job(request: Request, args: list[str], said: str) -> Response:
    """Start `unlisted optout ...` for the task of this address, one at a time; its page shows what it says."""
    from scanner.app.jobs import Job

    ctx, task_id = context(request), request.path_params["task_id"]
    with ctx.lock:
        if ctx.optout and ctx.optout.running:
            return _back(f"/tasks/{task_id}", "optout-busy")
        ctx.optout = Job(args, json_lines=False, task_id=task_id)
        ctx.optout.start()
    return _back(f"/tasks/{task_id}", said)


async def start_optout(request: Request) -> Response:
    """"Do it for me": `unlisted optout TASK` in its own process."""
    from scanner.app.jobs import optout_args

    form = await _form(request)
    if form is None:
        return _refused()
    ctx = context(request)
    return _task_job(request, optout_args(ctx.config.home, request.path_params["task_id"], ctx.sandbox, ctx.auto),
                     "optout-started")


async def confirm_link(request: Request) -> Response:
    """The confirmation link from the site's email, opened by `unlisted optout confirm` in its own process."""
    from scanner.app.jobs import confirm_args

    form = await _form(request)
    if form is None:
        return _refused()
    ctx, task_id = context(request), request.path_params["task_id"]
    link = str(form.get("link", "")).strip()
    if not link.startswith(("https://", "http://")) or len(link) > 2000 or any(c.isspace() for c in link):
        return _back(f"/tasks/{task_id}", "bad-link")
    return _task_job(request, confirm_args(ctx.config.home, task_id, link, ctx.sandbox), "confirm-started")


async def stop_scan(request: Request) -> Response:
    form = await _form(request)
    if form is None:
        return _refused()
    job = context(request).job
    if job:
        job.stop()
    return _back("/scan", "stopping")


async def quit_app(request: Request) -> Response:
    form = await _form(request)
    if form is None:
        return _refused()
    context(request).quit()
    return render(request, "quit.html.j2")

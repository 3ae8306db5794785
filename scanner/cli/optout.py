"""`unlisted optout TASK... | --all` and `unlisted optout confirm TASK LINK`: file opt-out requests for the
user, in her browser and from her mail account (the use case: scanner/optout/)."""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import sys

import click

from scanner.cli.common import browser_option, cli_config, fail, load_settings_or_fail, open_store_or_fail
from scanner.exitcodes import Exit

SANDBOX_OPTOUT_EMAIL = "optouts.avery@example.com"   # the demo therapist's (fictional) opt-out address
HELP = """File opt-out requests for you: TASK numbers from `unlisted tasks`, or --all (most important first).

A web form opens in a browser window: unlisted fills in what the form needs, then you solve the check and
press Submit yourself. A letter is shown first and sent from your own email account only once you say yes.

`unlisted optout confirm TASK LINK` opens the confirmation link a site emailed you, and records it.
"""


@click.command("optout", help=HELP)
@click.argument("args", nargs=-1, metavar="TASK... | confirm TASK LINK")
@click.option("--all", "all_tasks", is_flag=True, help="Every opt-out still to do, most important first.")
@click.option("--method", type=click.Choice(["web_form", "email"]), default=None,
              help="Only this way of filing (default: the web form when we know its steps, else email).")
@click.option("--yes", is_flag=True, help="Send the letters without asking first (you still see each one).")
@click.option("--sandbox", is_flag=True, help="File the demo's opt-outs on the simulated web, not on real sites.")
@click.option("--auto", is_flag=True, help="With --sandbox only: play your part (the check, Submit, the email link) "
                                          "so the whole path runs unattended.")
@browser_option
@click.pass_context
def optout(ctx, args, all_tasks, method, yes, sandbox, auto, browser) -> None:
    if auto and not sandbox:
        fail("--auto plays your part (the check and Submit) and is only for the simulated web: add --sandbox, "
             "or leave --auto out to file real requests yourself")
    if args[:1] == ("confirm",):
        if all_tasks or len(args) != 3:
            fail("use: unlisted optout confirm TASK LINK (the task's number and the link from the site's email)")
        return _confirm(ctx, args[1], args[2], sandbox, browser)
    if bool(args) == all_tasks:
        fail("name the tasks to file (numbers from `unlisted tasks`) or use --all, not both")
    _file(ctx, args, all_tasks, method, yes or auto, sandbox, auto, browser)


def _pick_tasks(ctx, store, ids, all_tasks, sandbox) -> list[dict]:
    from scanner.history.tasks import STATUS_LABELS, TO_DO, current_tasks

    latest = store.latest_scan()
    if latest is None:
        fail("no scans yet: run `unlisted scan` (or `unlisted demo`) first")
    if (latest.mode == "sandbox") != sandbox:
        fail("these tasks come from the simulated web (the demo): add --sandbox" if not sandbox else
             "these tasks come from a real scan: --sandbox files only the demo's tasks, on the simulated web")
    items = current_tasks(store)
    if all_tasks:
        return [t for t in items if t["kind"] == "optout" and t["status"] in TO_DO]
    by_id = {str(t["id"]): t for t in items}
    chosen = []
    for ref in ids:
        t = by_id.get(ref)
        if t is None or t["kind"] != "optout":
            fail(f"task {ref!r} is not an opt-out request of your latest scan (see `unlisted tasks`)")
        if t["status"] not in TO_DO:
            fail(f"task {ref} is not to do (its status: {STATUS_LABELS[t['status']]}): `unlisted tasks reopen {ref}` "
                 "first if you want to file it again")
        chosen.append(t)
    return chosen


def _session(ctx, store, settings, sandbox_url, auto, yes, method, browser, stack):
    from scanner.crawl import browser_for
    from scanner.optout.run import Session
    from scanner.profile import load_profile
    from scanner.sandbox.server import DEMO_PROFILE
    from spiders.catalog import default_catalog

    config = cli_config(ctx, sandbox_url, browser=browser if browser is not None else settings.browser,
                        assist=not auto, attended=True)
    if sandbox_url:
        profile, optout_email = load_profile(DEMO_PROFILE), settings.optout_email or SANDBOX_OPTOUT_EMAIL
    else:
        from scanner.cli.common import load_profile_or_fail

        profile, optout_email = load_profile_or_fail(settings.profile or None, config.home), settings.optout_email
    if not optout_email:
        fail("set the email address you keep for opt-outs first: add `[optout]` with `email = \"...\"` to "
             f"{config.home / 'settings.toml'} (a separate address, without your name, is best)")

    def ask(question: str) -> bool:
        return yes or click.confirm(question, default=False)

    def filed_by_hand(question: str) -> bool:
        """Her own answer: --yes never gives it; no answer (no terminal) is no."""
        try:
            return click.confirm(question, default=False)
        except click.Abort:
            return False

    return Session(home=config.home, store=store, profile=profile, catalog=default_catalog(), today=_dt.date.today(),
                   optout_email=optout_email, say=lambda text: click.echo(_plain(text)), confirm=ask,
                   filed_by_hand=filed_by_hand, browser_run=_window_run(browser_for(config), auto), sandbox_url=sandbox_url, auto=auto,
                   method=method or "", send_letter=_mailer(settings, optout_email, config.home, bool(sandbox_url), stack))


def _window_run(run, auto: bool):
    """The browser for opt-out forms: a window she can use (headless only when --auto plays her part); with
    no screen to open it on, the forms are left to her and the letters still go."""
    import dataclasses

    from scanner.optout.run import with_window
    from spiders.browser.locate import assist_problem

    if not auto and run.available and assist_problem(sys.platform, os.environ):
        why = "this computer has no screen to open a browser window on (no DISPLAY)"
        click.echo(f"Web forms are left to you: {why}; letters can still be sent.")
        return dataclasses.replace(run, executable="", missing=why)
    return with_window(run, auto)


def _mailer(settings, sender: str, home, sandbox: bool, stack):
    """send(letter, task id) -> (Message-ID, kept file): through settings.toml's mail server; on the simulated
    web only through one on this computer (the built-in sink when none is set up)."""
    from scanner.schedule.settings import EmailSettings, is_loopback_host

    cfg = settings.email
    if sandbox and (cfg is None or not is_loopback_host(cfg.host)):
        from scanner.sandbox.smtpsink import SmtpSink

        sink = stack.enter_context(SmtpSink())
        cfg = EmailSettings(host="127.0.0.1", to=(sender,), sender=sender, port=sink.port, security="none")
    if cfg is None:
        return None
    if not sandbox and cfg.sender.casefold() != sender.casefold():
        click.echo(f"Letters go out from {sender} through the mail server of {cfg.sender} ([email] in the settings); "
                   "if that server does not let you send as the opt-out address, set [email] to its own server.")

    def send(letter, task_id: int) -> tuple[str, str]:
        from scanner.optout.evidence import evidence_dir, stem_for
        from scanner.optout.mail import keep_message, letter_message, send_message
        from scanner.schedule.notify import NotifyError

        try:
            mail = letter_message(letter, sender, _dt.datetime.now(_dt.timezone.utc))
            send_message(cfg, mail, os.environ)
        except (NotifyError, ValueError) as exc:
            raise ValueError(str(exc)) from None
        path = keep_message(mail, evidence_dir(home), stem_for(task_id, "letter", _dt.date.today().isoformat()))
        return mail["Message-ID"], str(path)

    return send


def _plain(text: str) -> str:
    from scanner.cli.tasks import _plain as plain

    return plain(text)


def _file(ctx, ids, all_tasks, method, yes, sandbox, auto, browser) -> None:
    from scanner.optout.run import FILED, file_one

    home = cli_config(ctx).home
    settings = load_settings_or_fail(home)
    store = open_store_or_fail(ctx)
    results = []
    try:
        tasks = _pick_tasks(ctx, store, ids, all_tasks, sandbox)
        if not tasks:
            click.echo("No opt-out requests left to file: `unlisted tasks --all` shows where each one stands.")
            return
        with contextlib.ExitStack() as stack:
            server = stack.enter_context(_sandbox()) if sandbox else None
            session = _session(ctx, store, settings, server.url if server else "", auto, yes, method, browser, stack)
            stack.callback(session.close)
            if server is not None:
                session.mailbox = lambda: list(server.mailbox)
            click.echo(f"Filing {len(tasks)} opt-out request{'s' if len(tasks) != 1 else ''}"
                       + (" on the simulated web" if sandbox else "") + ". Ctrl-C stops after nothing half-done.")
            with _ctrl_c_noted() as pressed:
                for task in tasks:
                    if pressed:      # pressed while the browser driver had the interrupt and let it go
                        raise KeyboardInterrupt
                    click.echo(f"\nTask {task['id']}: {_plain(task['title'])}")
                    result = file_one(session, task)
                    results.append(result)
                    click.echo(f"  {result.outcome.capitalize()}: {_plain(result.message)}")
    except KeyboardInterrupt:
        import logging

        # the browser driver's pending calls end with "target closed" as it shuts down: expected, not news
        logging.getLogger("asyncio").disabled = True
        click.echo(f"\nStopped. {sum(r.outcome == FILED for r in results)} filed before that; none is left "
                   "half-filed.", err=True)
        sys.exit(int(Exit.INTERRUPTED))
    finally:
        store.close()
    _summary(results)


@contextlib.contextmanager
def _ctrl_c_noted():
    """Ctrl-C interrupts as usual, and is also noted: an interrupt that lands inside the browser driver can
    be swallowed there, and the noted press then stops the run before the next task."""
    import signal
    import threading

    pressed: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield pressed
        return

    def on_ctrl_c(signum, frame):
        pressed.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


def _sandbox():
    from scanner.cli.common import sandbox_server

    return sandbox_server()


def _summary(results) -> None:
    """Exit 1 when a request could not be filed; tasks left to her (by hand, or she said no) are no failure."""
    from scanner.optout.run import FILED, NOT_FILED

    filed = [r for r in results if r.outcome == FILED]
    by = {via: sum(1 for r in filed if r.via == via) for via in ("web_form", "email")}
    left = sum(1 for r in results if r.outcome != FILED)
    click.echo(f"\n{len(filed)} of {len(results)} filed ({by['web_form']} by web form, {by['email']} by email)"
               + (f"; {left} left to you (each says why above)" if left else "")
               + ". The next scans check that the listings are gone; `unlisted tasks --all` shows each task.")
    if any(r.outcome == NOT_FILED for r in results):
        sys.exit(int(Exit.PARTIAL))


def _confirm(ctx, ref: str, link: str, sandbox: bool, browser) -> None:
    from scanner.optout.run import confirm_link

    home = cli_config(ctx).home
    settings = load_settings_or_fail(home)
    store = open_store_or_fail(ctx)
    try:
        tasks = _pick_any(store, ref, sandbox)
        with contextlib.ExitStack() as stack:
            server = stack.enter_context(_sandbox()) if sandbox else None
            # the link opens out of sight (auto=True: no window); what the site said is printed
            session = _session(ctx, store, settings, server.url if server else "", True, True, "", browser, stack)
            stack.callback(session.close)
            try:
                said = confirm_link(session, store.task(tasks["id"]), tasks, link)
            except ValueError as exc:
                fail(f"task {ref}: {exc}")
    finally:
        store.close()
    click.echo(_plain(said))


def _pick_any(store, ref: str, sandbox: bool) -> dict:
    from scanner.history.tasks import current_tasks

    latest = store.latest_scan()
    if latest is None or (latest.mode == "sandbox") != sandbox:
        fail("no such task here: the demo's tasks need --sandbox, a real scan's tasks none")
    task = next((t for t in current_tasks(store) if str(t["id"]) == ref and t["kind"] == "optout"), None)
    if task is None:
        fail(f"task {ref!r} is not an opt-out request (see `unlisted tasks`)")
    if task["status"] not in ("filed", "awaiting"):
        fail(f"task {ref} is not filed yet: file it first (`unlisted optout {ref}`)")
    return task

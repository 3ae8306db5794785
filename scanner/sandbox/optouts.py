"""The simulated web's opt-out forms (route prefix "o"): each catalog site with opt-out steps
(spiders/catalog/optout/NAME.toml) served from the pages in spiders/catalog/optout/fixtures/NAME/.

    /o/<site><path of its optout.url>   start.html: the opt-out page (a form, or a search, or a button)
    /o/<site>/search?...                results.html: the demo's therapist and a namesake in another state
    /o/<site>/record/1 | /record/2      record.html: the record picked (1: Portland, OR; 2: Boise, ID)
    /o/<site>/form                      form.html: the page after a button (fields sent to it are carried on)
    /o/<site>/submit                    success.html, once the simulated human check was passed: the form's
                                        hidden field "human_check" is set by the page's script when the box
                                        is ticked; without it the form comes back with an error. Steps with
                                        email_confirmation: a message goes into the server's mailbox
    /o/<site>/confirm/<token>           confirmed.html, once; the same link again: 410

Scenario table [o]: changed = [site ids] serves those sites' pages with every id and class renamed
(the steps' selectors miss); hostile = [site ids] serves fixtures/hostile/ (an SSN field at the first
declared selector, a form sent to another host, script next to the success text).
"""

from __future__ import annotations

import html
import re
import secrets
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from scanner.sandbox.routes import RouteContext, SandboxResponse
from spiders.catalog.steps import STEPS_DIR, OptOutSteps, steps_named

FIXTURES = STEPS_DIR / "fixtures"
HOSTILE = FIXTURES / "hostile"
RECORDS = {"1": ("Avery J. Quinlan", "Portland, OR"), "2": ("Avery Quinlan", "Boise, ID")}
HUMAN_FIELD = "human_check"
REFUSED = "refused"
ERROR = ('<p class="form-error" role="alert">Please tick "I\'m not a robot" before you submit '
         "(the request was not sent).</p>")
_CLASS_OR_ID = re.compile(r'\b(id|class|for)="([^"]*)"')
_SITE = re.compile(r"^/([a-z0-9_]+)(/.*)?$")


def _page(status: int, body: str) -> SandboxResponse:
    return SandboxResponse(status, body.encode("utf-8"))


def _not_found() -> SandboxResponse:
    return _page(404, "<html><body><h1>Page not found</h1></body></html>")


def handle(rest: str, query: str, ctx: RouteContext) -> SandboxResponse:
    match = _SITE.match(rest)
    site = _site(match.group(1)) if match else None
    if site is None:
        return _not_found()
    steps = steps_named(site.optout.steps)
    path = match.group(2) or "/"
    fields = parse_qsl(query, keep_blank_values=True)
    base = f"{ctx.root}/o/{site.id}"
    settings = ctx.settings or {}
    hostile = site.id in settings.get("hostile", ())
    status, name, extra = _which(path, site, steps, fields, ctx, hostile)
    if name is None:
        return extra or _not_found()
    folder = HOSTILE if hostile else FIXTURES / steps.name
    page_file = folder / name
    if not page_file.is_file():
        return _not_found()
    text = page_file.read_text("utf-8")
    if extra == REFUSED:                 # the form again, with the error above it
        text = text.replace("<!--FORM_ERROR-->", ERROR)
    text = _fill(text, base, ctx, site.name, path, fields, steps)
    if site.id in settings.get("changed", ()):
        text = _CLASS_OR_ID.sub(lambda m: f'{m.group(1)}="{" ".join("v2-" + t for t in m.group(2).split())}"', text)
    return _page(status, text)


def _site(site_id: str):
    from spiders.catalog import default_catalog

    for site in default_catalog():
        if site.id == site_id and site.optout.steps:
            return site
    return None


def _which(path, site, steps: OptOutSteps, fields, ctx, hostile):
    """(status, page file name, REFUSED or a whole response or None) for a path below /o/<site>."""
    start = urlsplit(site.optout.url).path or "/"
    if path.rstrip("/") == start.rstrip("/"):
        return 200, "start.html", None
    if hostile:
        return (200, "success.html", None) if path == "/submit" else (200, "start.html", None)
    if path == "/search":
        return 200, "results.html", None
    if re.fullmatch(r"/record/[12]", path):
        return 200, "record.html", None
    if path == "/form":
        return 200, "form.html", None
    if path == "/submit":
        if steps.human.check and not dict(fields).get(HUMAN_FIELD):
            return 200, _form_page(steps.name), REFUSED
        if steps.email_confirmation:
            _send_confirmation(site.id, fields, ctx)
        return 200, "success.html", None
    confirm = re.fullmatch(r"/confirm/([A-Za-z0-9_-]{8,64})", path)
    if confirm:
        return _confirm(site.id, confirm.group(1), ctx)
    return 404, None, None


def _form_page(name: str) -> str:
    for page in ("form.html", "record.html", "start.html"):
        if (FIXTURES / name / page).is_file():
            return page
    return "start.html"


def _send_confirmation(site_id: str, fields, ctx: RouteContext) -> None:
    to = next((v for k, v in fields if "email" in k.lower() and v), "")
    if ctx.mailbox is None or ctx.lock is None or not to:
        return
    token = secrets.token_urlsafe(12)
    with ctx.lock:
        ctx.confirmations[token] = [site_id, False]
        ctx.mailbox.append((to, site_id, f"{ctx.root}/o/{site_id}/confirm/{token}"))


def _confirm(site_id: str, token: str, ctx: RouteContext):
    if ctx.confirmations is None or ctx.lock is None:
        return 404, None, None
    with ctx.lock:
        entry = ctx.confirmations.get(token)
        if entry is None or entry[0] != site_id:
            return 404, None, None
        if entry[1]:
            return 410, None, _page(410, "<html><body><h1>This link has expired</h1>"
                                         "<p>It was already used.</p></body></html>")
        entry[1] = True
    return 200, "confirmed.html", None


def _fill(text: str, base: str, ctx: RouteContext, site_name: str, path: str, fields, steps: OptOutSteps) -> str:
    record = RECORDS.get(path.rpartition("/")[2], RECORDS["1"])
    carry = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">\n'
                    for k, v in fields if k not in (HUMAN_FIELD,) and "<" not in k)
    text = (text.replace("<!--CARRY-->", carry if path == "/form" else "")
            .replace("<!--HOSTILE_FIELDS-->", hostile_fields(steps))
            .replace("__SUCCESS_TEXT__", html.escape(steps.success.text or "Your request has been received"))
            .replace("__RECORD_NAME__", record[0]).replace("__RECORD_PLACE__", record[1])
            .replace("__SITE_NAME__", html.escape(site_name)))
    return text.replace("__BASE__", base).replace("__THIRD_PARTY__", ctx.third_party)


# --- the hostile form: an element for each declared selector, the first field asking for an SSN -----


def hostile_fields(steps: OptOutSteps) -> str:
    """The first field the steps fill, as a Social Security Number input matching its selector, then the
    person's check and the submit button at theirs."""
    fill = next((s for s in steps.steps if s.action == "fill"), None)
    parts = []
    if fill:
        parts.append(_element(fill.fields[0][0], "input", {"name": "ssn", "type": "text", "placeholder": "123-45-6789",
                                                             "autocomplete": "off"},
                              label="Social Security Number (SSN)"))
    human = steps.human
    if human.check:
        parts.append(_element(human.check, "div", {}, inner='<div class="robot-box" role="checkbox" aria-checked="false"'
                              ' tabindex="0" data-human-check>I\'m not a robot</div>'))
        parts.append(f'<input type="hidden" name="{HUMAN_FIELD}" value="">')
    parts.append(_element(human.submit, "button", {"type": "submit"}, inner="Continue"))
    return "\n".join(parts)


def _element(selector: str, default_tag: str, extra: dict, inner: str = "", label: str = "") -> str:
    from cssselect import parse   # a dependency of lxml's CSS selectors, which the engine uses

    tree = parse(selector)[0].parsed_tree
    chain = []
    while type(tree).__name__ == "CombinedSelector":
        chain.append(tree.selector)
        tree = tree.subselector
    tag, attrs = _compound(tree)
    tag = tag or default_tag
    attrs = {**{k: v for k, v in extra.items() if k not in attrs}, **attrs}
    if tag == "input" and attrs.get("type") == "submit":
        inner = ""
    attr_text = "".join(f' {k}="{html.escape(v)}"' for k, v in attrs.items())
    out = f"<{tag}{attr_text}>" if tag == "input" else f"<{tag}{attr_text}>{inner}</{tag}>"
    if label:
        out = f"<label>{html.escape(label)} {out}</label>"
    for wrapper in reversed(chain):
        wtag, wattrs = _compound(wrapper)
        wtag = "div" if wtag in (None, "form", "input", "button") else wtag
        out = f"<{wtag}{''.join(f' {k}={chr(34)}{html.escape(v)}{chr(34)}' for k, v in wattrs.items())}>{out}</{wtag}>"
    return out


def _compound(node) -> tuple[str | None, dict[str, str]]:
    attrs: dict[str, str] = {}
    classes: list[str] = []
    tag = None
    while node is not None:
        kind = type(node).__name__
        if kind == "Element":
            tag = node.element if node.element and node.element != "*" else None
            break
        if kind == "Hash":
            attrs["id"] = node.id
        elif kind == "Class":
            classes.append(node.class_name)
        elif kind == "Attrib":
            value = getattr(node.value, "value", node.value) or ""
            attrs[node.attrib] = value + ("-x1" if node.operator == "^=" else "")
        node = getattr(node, "selector", None)
    if classes:
        attrs["class"] = " ".join(reversed(classes))
    return tag, attrs


def fixture_path(name: str, page: str) -> Path:
    return FIXTURES / name / page

"""Opt-out steps: how a site's opt-out web form is filled in, as data (spiders/catalog/optout/NAME.toml).

A site's catalog entry names its steps (`[optout] steps = "NAME"`); storefronts of one company that
share one opt-out form share one file. Modelled on DuckDuckGo's broker definitions (Apache-2.0): open
the page, fill fields, click, pick the listing, the person's own part, the sign of success.

    source = "where the selectors come from"
    needs = ["name", "listing"]      # what the form receives, besides the opt-out email address
    email_confirmation = true        # the site emails a link to click

    [[step]]  action = "open"                                    # the site's opt-out page (always first)
    [[step]]  action = "fill"   fields = { "#name" = "{first} {last}", "#email" = "{optout_email}" }
    [[step]]  action = "click"  selector = "button.search"
    [[step]]  action = "pick"   links = "a.record"  card = ".result"   # the listing: by its URL, else by name
    [[step]]  action = "human"  say = "tick the box, then press Submit"  check = ".captcha"  submit = "#send"
    [[step]]  action = "expect" text = "request has been received"       # or url = "/removal/done"

Only a person may do the `human` step: the tool fills and picks, then hands over the window. It is
the one step before the last, `expect`. Every value typed is a template of the declared fields: a form
gets nothing else.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spiders.catalog import CATALOG_DIR, PLACEHOLDER, PLACEHOLDERS, CatalogError, _css, typed_table

STEPS_DIR = CATALOG_DIR / "optout"
ACTIONS = ("open", "fill", "click", "pick", "human", "expect")
STEP_KEYS = {
    "open": {"action": str},
    "fill": {"action": str, "fields": dict},
    "click": {"action": str, "selector": str},
    "pick": {"action": str, "links": str, "card": str},
    "human": {"action": str, "say": str, "check": str, "submit": str},
    "expect": {"action": str, "text": str, "url": str},
}
REQUIRED = {"open": set(), "fill": {"fields"}, "click": {"selector"}, "pick": {"links"},
            "human": {"say", "submit"}, "expect": set()}
# what a form may be given: the search placeholders' fields, the listing's address, the opt-out email
FIELD_OF = {**PLACEHOLDERS, "listing_url": "listing", "optout_email": "optout_email"}
NEEDS = tuple(sorted(set(PLACEHOLDERS.values()) | {"listing"}))
MAX_STEPS = 20
MAX_FIELDS = 12
STEPS_NAME = re.compile(r"^[a-z0-9][a-z0-9_]{1,40}$")


@dataclass(frozen=True)
class Step:
    action: str
    fields: tuple[tuple[str, str], ...] = ()   # fill: (CSS selector, template) pairs
    selector: str = ""                         # click: what to click
    links: str = ""                            # pick: the links to the listings shown
    card: str = ""                             # pick: the element around each link (its text names the person)
    say: str = ""                              # human: what is left for the person, in plain words
    check: str = ""                            # human: the check the person passes (a captcha, a box)
    submit: str = ""                           # human: the button the person presses
    text: str = ""                             # expect: words the success page shows
    url: str = ""                              # expect: part of the success page's address


@dataclass(frozen=True)
class OptOutSteps:
    name: str
    source: str
    needs: tuple[str, ...]
    email_confirmation: bool
    steps: tuple[Step, ...]

    @property
    def human(self) -> Step:
        return self.steps[-2]

    @property
    def success(self) -> Step:
        return self.steps[-1]

    def templates(self) -> tuple[str, ...]:
        return tuple(value for step in self.steps for _, value in step.fields)


def _fail(where: str, message: str) -> CatalogError:
    return CatalogError(f"{where}: {message}")


def _one_line(value: str, where: str, max_len: int = 200) -> str:
    if not value.strip() or "\n" in value or len(value) > max_len:
        raise _fail(where, f"must be one line of text (1 to {max_len} characters)")
    return value


def _template(value: Any, where: str, needs: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise _fail(where, f'must be text to type, like "{{first}}" (not {type(value).__name__})')
    _one_line(value, where)
    for match in PLACEHOLDER.finditer(value):
        name = match.group(1)
        if name not in FIELD_OF:
            raise _fail(where, f'unknown placeholder "{{{name}}}"')
        if FIELD_OF[name] != "optout_email" and FIELD_OF[name] not in needs:
            raise _fail(f"{where}", f'uses {{{name}}} but needs does not declare "{FIELD_OF[name]}"')
    if "{" in PLACEHOLDER.sub("", value) or "}" in PLACEHOLDER.sub("", value):
        raise _fail(where, "has a malformed {placeholder}")
    return value


def _step(raw: Any, where: str, needs: tuple[str, ...]) -> Step:
    if not isinstance(raw, dict) or raw.get("action") not in ACTIONS:
        action = raw.get("action") if isinstance(raw, dict) else None
        raise _fail(f"{where}.action", f'"{action}" is not one of {", ".join(ACTIONS)}')
    action = raw["action"]
    t = typed_table(raw, where, STEP_KEYS[action], {"action"} | REQUIRED[action])
    for key in ("selector", "links", "card", "check", "submit"):
        if key in t:
            _css(t[key], f"{where}.{key}")
    fields = []
    if action == "fill":
        if not t["fields"] or len(t["fields"]) > MAX_FIELDS:
            raise _fail(f"{where}.fields", f"needs 1 to {MAX_FIELDS} fields (CSS selector = text to type)")
        for selector, value in t["fields"].items():
            _css(selector, f'{where}.fields."{selector}"')
            fields.append((selector, _template(value, f'{where}.fields."{selector}"', needs)))
    if action == "human":
        _one_line(t["say"], f"{where}.say")
    if action == "expect":
        if ("text" in t) == ("url" in t):
            raise _fail(where, "needs text or url (the sign that the request went through), not both")
        _one_line(t.get("text") or t.get("url", ""), f"{where}.{'text' if 'text' in t else 'url'}")
    return Step(action=action, fields=tuple(fields), **{k: v for k, v in t.items() if k not in ("action", "fields")})


def parse_steps(doc: Any, where: str, name: str) -> OptOutSteps:
    t = typed_table(doc, where, {"source": str, "needs": list, "email_confirmation": bool, "step": list},
                    {"source", "needs", "step"})
    _one_line(t["source"], f"{where}.source", 300)
    needs = t["needs"]
    for i, need in enumerate(needs):
        if need not in NEEDS:
            raise _fail(f"{where}.needs[{i}]", f'"{need}" is not one of {", ".join(NEEDS)}')
    raw_steps = t["step"]
    if not 3 <= len(raw_steps) <= MAX_STEPS:
        raise _fail(f"{where}.step", f"needs 3 to {MAX_STEPS} steps (open ... human, expect)")
    steps = tuple(_step(s, f"{where}.step[{i}]", tuple(needs)) for i, s in enumerate(raw_steps))
    actions = [s.action for s in steps]
    if actions[0] != "open" or actions.count("open") != 1:
        raise _fail(f"{where}.step[0]", 'the first step, and only it, is action = "open"')
    if actions[-1] != "expect" or actions.count("expect") != 1:
        raise _fail(f"{where}.step[{len(steps) - 1}]", 'the last step, and only it, is action = "expect"')
    if actions[-2] != "human" or actions.count("human") != 1:
        raise _fail(f"{where}.step[{len(steps) - 2}]",
                    'the step before the last, and only it, is action = "human" (the person submits)')
    used = {FIELD_OF[m.group(1)] for s in steps for _, v in s.fields for m in PLACEHOLDER.finditer(v)}
    unused = [n for n in needs if n not in used]
    if unused:
        raise _fail(f"{where}.needs", f'declares "{unused[0]}" but no field types it')
    return OptOutSteps(name=name, source=t["source"], needs=tuple(needs),
                       email_confirmation=t.get("email_confirmation", False), steps=steps)


def load_steps_file(path: Path) -> OptOutSteps:
    try:
        doc = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogError(f"optout/{path.name}: not valid TOML ({exc})") from None
    return parse_steps(doc, f"optout/{path.name}", path.stem)


@lru_cache(maxsize=None)
def steps_named(name: str, directory: Path = STEPS_DIR) -> OptOutSteps:
    """The steps file a catalog entry names; CatalogError when there is none or it is invalid."""
    if not STEPS_NAME.match(name):
        raise CatalogError(f'optout.steps: "{name}" is not a steps name (lower-case letters, digits, _)')
    path = directory / f"{name}.toml"
    if not path.is_file():
        raise CatalogError(f'optout.steps: "{name}" has no file optout/{name}.toml')
    return load_steps_file(path)


def all_steps(directory: Path = STEPS_DIR) -> dict[str, OptOutSteps]:
    return {p.stem: load_steps_file(p) for p in sorted(directory.glob("*.toml"))}

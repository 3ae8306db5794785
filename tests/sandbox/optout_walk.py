"""A plain-HTTP walk of a site's opt-out steps through the sandbox: what the browser runner does, without
a browser. Every fill, click, pick and human selector must match exactly one element of the page it is
used on (pick.links at least one); a click on a submit button or a link, a pick and the human step move
to the next page. The human step ticks the simulated check the way the page's script does (it sets the
hidden field "human_check"), unless told not to.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin

import lxml.html

from spiders.catalog.steps import OptOutSteps

# the demo therapist's values, as the runner would give them (listing_url is set per walk)
VALUES = {"first": "Avery", "middle": "J", "last": "Quinlan", "city": "Portland", "state": "OR",
          "state_full": "Oregon", "zip": "97206", "optout_email": "optouts@example.com"}
PLACEHOLDER = re.compile(r"\{([a-z_0-9]+)\}")


class Mismatch(AssertionError):
    """A step's selector did not match the page as the steps say."""


@dataclass
class Walk:
    url: str
    html: str = ""
    status: int = 0
    pages: list[str] = field(default_factory=list)     # the URL of every page shown
    filled: dict = field(default_factory=dict)        # form element -> {field name: value}
    ticked: set = field(default_factory=set)          # form elements whose human check was passed

    def get(self, url: str, data: bytes | None = None) -> None:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, data=data), timeout=10) as reply:
                self.status, self.html = reply.status, reply.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            self.status, self.html = exc.code, exc.read().decode("utf-8", "replace")
        self.url = url
        self.pages.append(url)
        self.root = lxml.html.fromstring(self.html)
        self.filled, self.ticked = {}, set()

    def one(self, selector: str, what: str):
        found = self.root.cssselect(selector)
        if len(found) != 1:
            raise Mismatch(f"{what} {selector!r} matches {len(found)} elements on {self.url}")
        return found[0]

    def submit(self, form, button=None) -> None:
        values = [(i.name, i.value or "") for i in form.inputs
                  if i.name and i.tag != "button" and getattr(i, "type", "") not in ("checkbox", "submit", "file")]
        values = [(k, v) for k, v in values if k not in self.filled.get(form, {})]
        values += list(self.filled.get(form, {}).items())
        if form in self.ticked:
            values = [(k, "passed" if k == "human_check" else v) for k, v in values]
        action = (button.get("formaction") if button is not None else None) or form.get("action") or self.url
        target = urljoin(self.url, action)
        query = urlencode(values)
        if (form.get("method") or "get").lower() == "post":
            self.get(target, query.encode())
        else:
            self.get(target + ("?" + query if query else ""))

    def press(self, element) -> None:
        """A click: a link is followed, a submit button sends its form, a checkbox is ticked."""
        if element.tag == "a":
            return self.get(urljoin(self.url, element.get("href")))
        form = next(element.iterancestors("form"), None)
        kind = (element.get("type") or ("submit" if element.tag == "button" else "")).lower()
        if kind == "checkbox" and form is not None:
            self.filled.setdefault(form, {})[element.get("name")] = element.get("value") or "on"
            return None
        if kind == "submit" and form is not None:
            return self.submit(form, element)
        raise Mismatch(f"{element.tag} is neither a link, a submit button nor a checkbox on {self.url}")


def walk(steps: OptOutSteps, start: str, listing_url: str, tick: bool = True,
         text_of=lambda html: lxml.html.fromstring(html).text_content()) -> Walk:
    values = {**VALUES, "listing_url": listing_url}
    w = Walk(url=start)
    for step in steps.steps:
        if step.action == "open":
            w.get(start)
        elif step.action == "fill":
            for selector, template in step.fields:
                element = w.one(selector, "fill")
                form = next(element.iterancestors("form"), None)
                if form is None or not element.get("name"):
                    raise Mismatch(f"fill {selector!r} is no named field of a form on {w.url}")
                w.filled.setdefault(form, {})[element.get("name")] = PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
        elif step.action == "click":
            w.press(w.one(step.selector, "click"))
        elif step.action == "pick":
            links = w.root.cssselect(step.links)
            if not links:
                raise Mismatch(f"pick.links {step.links!r} matches nothing on {w.url}")
            cards = w.root.cssselect(step.card) if step.card else links
            mine = [c for c in cards if "Portland" in c.text_content() and "Quinlan" in c.text_content()]
            if len(mine) != 1:
                raise Mismatch(f"pick.card {step.card!r}: {len(mine)} cards name the person in Portland on {w.url}")
            inside = [link for link in links if link is mine[0] or mine[0] in link.iterancestors()]
            if len(inside) != 1:
                raise Mismatch(f"pick.links {step.links!r}: {len(inside)} links in the person's card on {w.url}")
            w.press(inside[0])
        elif step.action == "human":
            button = w.one(step.submit, "human.submit")
            form = next(button.iterancestors("form"), None)
            if step.check:
                check = w.one(step.check, "human.check")
                if not check.cssselect("[data-human-check]") or form is None or form not in check.iterancestors("form"):
                    raise Mismatch(f"human.check {step.check!r} holds no simulated check inside the form on {w.url}")
                if tick:
                    w.ticked.add(form)
            if form is None:
                raise Mismatch(f"human.submit {step.submit!r} sends no form on {w.url}")
            w.submit(form, button)
        elif step.action == "expect":
            if step.text and step.text not in " ".join(text_of(w.html).split()):
                raise Mismatch(f"expect: {step.text!r} is not on {w.url}")
            if step.url and step.url not in w.url:
                raise Mismatch(f"expect: {step.url!r} is not in {w.url}")
    return w

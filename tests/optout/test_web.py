"""Which form a task is filed through, and what each field of it gets (scanner/optout/web.py)."""

from __future__ import annotations

import datetime as _dt

import pytest

from scanner.optout.web import (NotFillable, form_fields, own_hosts, profile_details, start_url, web_form_for,
                                what_it_gets)
from scanner.profile import load_profile
from scanner.sandbox.server import DEMO_PROFILE
from spiders.catalog import default_catalog
from spiders.catalog.steps import parse_steps

TODAY = _dt.date(2026, 12, 7)
CATALOG = default_catalog()
BY_ID = {s.id: s for s in CATALOG}


def _task(sites, first_url, methods=("web_form",)):
    return {"id": 7, "title": "t", "sites": list(sites), "methods": list(methods),
            "links": [{"label": "Opt-out page", "url": first_url},
                      {"label": "A listing the scan found", "url": "https://centeda.com/p/avery-quinlan"}]}


def test_the_company_entry_whose_page_the_task_opens_gives_the_steps():
    verecor = BY_ID["verecor"]
    assert verecor.optout.steps == "verecor"
    form = web_form_for(_task(["centeda", "verecor"], verecor.optout.url), CATALOG)
    assert form.site.id == "verecor" and form.steps.name == "verecor"


def test_no_steps_or_no_web_form_means_no_form():
    assert web_form_for(_task(["verecor"], "https://x.example/", methods=("email",)), CATALOG) is None
    assert web_form_for(_task(["no_such_site"], "https://x.example/"), CATALOG) is None


def test_a_form_gets_only_what_its_steps_declare():
    profile = load_profile(DEMO_PROFILE)
    details = profile_details(profile, TODAY)
    assert {"street", "phone10", "zip", "age"} <= set(details)      # the profile has them ...
    form = web_form_for(_task(["verecor"], BY_ID["verecor"].optout.url), CATALOG)
    fields = form_fields(form, details, "https://verecor.com/p/avery-quinlan", "opt@example.com")
    typed = " ".join(fields.values())
    assert typed == "Avery Quinlan opt@example.com https://verecor.com/p/avery-quinlan"   # ... the form gets none
    assert what_it_gets(form) == ("your name, the address of your listing and the email address you keep for "
                                  "opt-outs")


def test_a_missing_detail_is_named_not_typed_empty():
    form = web_form_for(_task(["verecor"], BY_ID["verecor"].optout.url), CATALOG)
    with pytest.raises(NotFillable, match="address of your listing"):
        form_fields(form, profile_details(load_profile(DEMO_PROFILE), TODAY), "", "opt@example.com")
    steps = parse_steps({"source": "s", "needs": ["name", "zip"], "step": [
        {"action": "open"}, {"action": "fill", "fields": {"#n": "{first} {last}", "#z": "{zip}"}},
        {"action": "human", "say": "press Send", "submit": "#go"}, {"action": "expect", "text": "thanks"}]},
        "optout/x.toml", "x")
    from scanner.optout.web import WebForm

    with pytest.raises(NotFillable, match="your ZIP code"):
        form_fields(WebForm(BY_ID["verecor"], steps), {"first": "A", "last": "B"}, "", "o@example.com")


def test_the_sandbox_has_its_own_copy_of_the_page_and_only_loopback():
    site = BY_ID["verecor"]
    assert start_url(site, "http://127.0.0.1:5000") == "http://127.0.0.1:5000/o/verecor/ng/control/privacy"
    assert start_url(site, "") == site.optout.url
    assert own_hosts(site, True) == ("127.0.0.1",)
    assert own_hosts(site, False) == ("verecor.com",)

"""A detail report's sections are one person's record, not person cards; a site's menu is not a town."""

from __future__ import annotations

import datetime as _dt

from scanner.engine.matcher import analyze_html
from scanner.profile import parse_profile

TODAY = _dt.date(2026, 11, 15)
PROFILE = parse_profile({
    "schema": 1,
    "person": {"name": "Marisol T. Brackenridge", "birth_date": "1979-08-09", "phones": ["(541) 555-0171"]},
    "addresses": [{"kind": "home", "street": "77 NW Quillback Way", "city": "Bend", "state": "OR", "postal_code": "97703"}],
    "family": [{"name": "Anselm Brackenridge", "relation": "spouse", "birth_year": 1977},
               {"name": "Juniper Brackenridge", "relation": "child", "birth_year": 2010}],
})

MENU = "".join(f'<li><a href="/state/{s}">People By State, {s}</a></li>' for s in ("AL", "AK", "AZ"))
REPORT = f"""<html><head><title>Marisol Brackenridge | Public Record Report</title></head><body>
<nav><ul>{MENU}</ul></nav>
<main><div class="report">
 <section class="block"><h1>Marisol T Brackenridge</h1><div><span>Age 47</span> · <span>Bend, OR</span></div></section>
 <section class="block"><h3>Current Address</h3><dl><dt>Address</dt><dd>77 NW Quillback Way, Bend, OR 97703</dd>
   <dt>Recorded</dt><dd>2018 - 2026</dd></dl></section>
 <section class="block"><h3>Past Addresses</h3><dl><dt>Address</dt><dd>402 Larch St, Redmond, OR 97756</dd>
   <dt>Recorded</dt><dd>2009 - 2018</dd></dl></section>
 <section class="block"><h3>Phone Numbers</h3><ul><li>(541) 555-0171 · Wireless</li><li>(541) 555-0199 · Landline</li></ul></section>
 <section class="block"><h3>Possible Relatives</h3><ul><li><a href="/p/ab">Anselm Brackenridge</a> Age 49</li>
   <li><a href="/p/jb">Juniper Brackenridge</a> Age 16</li></ul></section>
</div></main></body></html>"""


def test_a_reports_sections_are_the_persons_record():
    found = analyze_html(REPORT, "https://records.example/p/mb", PROFILE, today=TODAY)
    by_kind = {(f.kind, f.subject, f.value) for f in found}
    assert ("relative", "self", "Anselm Brackenridge") in by_kind
    assert ("relative", "self", "Juniper Brackenridge") in by_kind
    assert not [f for f in found if f.subject != "self"], "a relatives section is not a listing about the spouse"
    assert any(f.kind == "birth_date" and f.subject == "self" for f in found)


def test_a_menu_of_states_is_not_where_the_person_lives():
    found = analyze_html(REPORT, "https://records.example/p/mb", PROFILE, today=TODAY)
    reasons = " ".join(r for f in found for r in f.reasons)
    assert "other states" not in reasons and "People By State" not in reasons

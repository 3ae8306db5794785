"""match_listing / analyze_html: identity resolution, near misses, subjects, fingerprints, reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from scanner.engine.extract import Listing
from scanner.engine.identity import identify, index_profile, read_facts
from scanner.engine.matcher import REPORT_THRESHOLD, Finding, analyze_html, match_listing
from scanner.profile import parse_profile

TODAY = dt.date(2025, 5, 1)
PROFILE = parse_profile({
    "schema": 1,
    "person": {"name": "Avery J. Quinlan", "aliases": ["Avery Marsh"], "birth_date": "1983-06-02",
               "phones": ["(503) 555-0147"], "emails": ["avery.q@example.com"]},
    "addresses": [
        {"kind": "home", "street": "4821 SE Larkspur Ct", "city": "Portland", "state": "OR", "postal_code": "97206", "lat": 45.48, "lon": -122.6},
        {"kind": "previous", "street": "1190 NW Glisan St", "unit": "Apt 5", "city": "Portland", "state": "OR", "postal_code": "97209"},
        {"kind": "practice", "street": "700 NE Multnomah St", "unit": "Suite 300", "city": "Portland", "state": "OR", "postal_code": "97232"},
    ],
    "family": [{"name": "Jordan Quinlan", "relation": "spouse", "birth_year": 1982, "city": "Portland"}],
})


def listing(**kw) -> Listing:
    base = dict(url="https://people.example/p/1", names=(), age=None, birth_dates=(), addresses=(), phones=(),
                emails=(), relatives=(), text="")
    base.update(kw)
    if not base["text"]:
        base["text"] = ", ".join([*base["names"], *(f"Age {base['age']}" for _ in [0] if base["age"]), *base["addresses"],
                                  *base["phones"], *base["emails"], *base["relatives"]])
    return Listing(**base)


def kinds(findings) -> dict[str, Finding]:
    return {f.kind: f for f in findings}


def test_full_record_about_the_user():
    found = kinds(match_listing(listing(names=("Avery J Quinlan",), age=41, addresses=("4821 SE Larkspur Ct, Portland, OR 97206",),
                                        phones=("503.555.0147",), emails=("avery.q [at] example [dot] com",),
                                        relatives=("Jordan Quinlan", "Pat Quinlan")), PROFILE, TODAY))
    assert set(found) == {"home_address", "phone", "email", "relative", "birth_date"}
    assert {f.subject for f in found.values()} == {"self"}
    assert found["home_address"].severity == "critical" and found["phone"].severity == "high"
    assert found["email"].severity == "medium" and found["relative"].severity == "high" and found["birth_date"].severity == "medium"
    assert found["relative"].value == "Jordan Quinlan"
    assert found["birth_date"].value == "Age 41"
    reasons = " | ".join(found["home_address"].reasons)
    assert "street number and name match your home address" in reasons
    assert "age 41 matches your birth year 1983" in reasons
    assert "Portland, OR" in reasons
    assert all(len(f.evidence) <= 200 for f in found.values())
    assert all(f.confidence >= REPORT_THRESHOLD for f in found.values())


@pytest.mark.parametrize("age,location", [(67, "Columbus, OH"), (None, "Tulsa, OK"), (23, "Portland, OR"), (70, None)])
def test_namesake_stays_below_threshold(age, location):
    text = ", ".join(x for x in ("Avery Quinlan", f"Age {age}" if age else "", f"Lives in {location}" if location else "",
                                 "Relatives: Pat Quinlan") if x)
    found = match_listing(listing(names=("Avery Quinlan",), age=age, relatives=("Pat Quinlan",), text=text), PROFILE, TODAY)
    assert found == []


@pytest.mark.parametrize("age,location", [(67, "Columbus, OH"), (None, "Tulsa, OK"), (22, "Portland, OR"), (70, "Eugene, OR")])
def test_namesake_with_a_coincidental_relative_stays_below(age, location):
    """Name + a relative named like the spouse would pass the threshold; the conflicts must pull it down."""
    text = ", ".join(x for x in ("Avery Quinlan", f"Age {age}" if age else "", f"Lives in {location}", "Relatives: Jordan Quinlan") if x)
    lst = listing(names=("Avery Quinlan",), age=age, relatives=("Jordan Quinlan",), text=text)
    assert match_listing(lst, PROFILE, TODAY) == []
    index = index_profile(PROFILE)
    who = identify(lst, index, read_facts(lst, index), TODAY)
    assert who.score < REPORT_THRESHOLD
    assert any("does not fit" in r or "other states" in r for r in who.reasons)


def test_namesake_with_own_address_and_phone_has_no_findings():
    found = match_listing(listing(names=("Avery Quinlan",), age=61, addresses=("88 Elm St, Columbus, OH 43004",),
                                  phones=("(614) 555-0199",), relatives=("Robin Quinlan",)), PROFILE, TODAY)
    assert found == []


@pytest.mark.parametrize("address", [
    "4823 SE Larkspur Ct, Portland, OR 97206",   # neighbour
    "4821 SE Larkspur Ct, Salem, OR 97301",      # same street other city
    "1190 NW Glisan St Apt 7, Portland, OR 97209",  # other flat in the old building
])
def test_address_near_misses(address):
    found = match_listing(listing(names=("Casey Voss",), age=50, addresses=(address,)), PROFILE, TODAY)
    assert found == []


def test_phone_one_digit_off_is_not_a_match():
    for phone in ("(503) 555-0148", "(503) 555-0174", "(503) 556-0147"):
        assert match_listing(listing(names=("Casey Voss",), phones=(phone,)), PROFILE, TODAY) == []


def test_practice_address_is_not_a_home_address():
    found = match_listing(listing(names=("Avery J. Quinlan, LCSW",), addresses=("700 NE Multnomah St Suite 300, Portland, OR 97232",),
                                  phones=("(503) 555-0190",)), PROFILE, TODAY)
    assert [f for f in found if f.kind == "home_address"] == []
    assert all(f.severity == "info" for f in found if "practice" in f.kind)


def test_previous_address_medium():
    (f,) = match_listing(listing(names=("Casey Voss",), addresses=("1190 Northwest Glisan Street #5, Portland, OR 97209",)), PROFILE, TODAY)
    assert (f.kind, f.severity, f.subject) == ("previous_address", "medium", "self")


def test_spouse_record_with_home_address_names_the_spouse():
    found = kinds(match_listing(listing(names=("Jordan M Quinlan",), age=43, addresses=("4821 Southeast Larkspur Court, Portland, OR 97206",),
                                        relatives=("Avery Quinlan",)), PROFILE, TODAY))
    assert found["home_address"].subject == "Jordan Quinlan"
    assert found["home_address"].severity == "critical"
    assert found["birth_date"].subject == "Jordan Quinlan"
    assert found["relative"].value == "Avery Quinlan"


def test_spouse_namesake_elsewhere_is_ignored():
    assert match_listing(listing(names=("Jordan Quinlan",), age=19, text="Jordan Quinlan, Age 19, Lives in Reno, NV"), PROFILE, TODAY) == []


def test_street_only_needs_corroboration():
    assert match_listing(listing(names=("Casey Voss",), text="Casey Voss, 4821 SE Larkspur Ct"), PROFILE, TODAY) == []
    found = match_listing(listing(names=("Avery Quinlan",), text="Avery Quinlan, 4821 SE Larkspur Ct"), PROFILE, TODAY)
    assert [f.kind for f in found] == ["home_address"]
    assert any("shows no city" in r for r in found[0].reasons)


def test_nickname_alias_and_last_first_forms():
    for name in ("Ave Quinlan", "Avery Marsh", "QUINLAN, AVERY J"):
        found = match_listing(listing(names=(name,), age=42, text=f"{name}, Age 42, Lives in Portland, OR"), PROFILE, TODAY)
        assert [f.kind for f in found] == ["birth_date"], name


def test_birth_dates_and_conflicts():
    ok = match_listing(listing(names=("Avery Quinlan",), birth_dates=("June 2, 1983",), text="Avery Quinlan, Portland, OR, born June 2, 1983"), PROFILE, TODAY)
    assert [f.value for f in ok] == ["June 2, 1983"]
    assert "birth date June 2, 1983 matches your birth date" in ok[0].reasons
    bad = match_listing(listing(names=("Avery Quinlan",), birth_dates=("1951",), text="Avery Quinlan, Portland, OR, Born 1951"), PROFILE, TODAY)
    assert bad == []


def test_age_uses_reference_date():
    lst = listing(names=("Avery Quinlan",), age=44, text="Avery Quinlan, Age 44, Portland, OR")
    assert match_listing(lst, PROFILE, dt.date(2027, 7, 1))       # 44 then
    assert not any(f.kind == "birth_date" for f in match_listing(lst, PROFILE, TODAY))


def test_fingerprint_is_stable_and_normalised():
    a = match_listing(listing(names=("Casey Voss",), phones=("(503) 555-0147",), url="https://www.people.example/a?x=1"), PROFILE, TODAY)[0]
    b = match_listing(listing(names=("Casey Voss",), phones=("+1 503.555.0147",), url="https://people.example/b"), PROFILE, TODAY)[0]
    assert a.fingerprint == b.fingerprint
    assert replace(a, site="other-site").fingerprint != a.fingerprint
    assert replace(a, kind="email").fingerprint != a.fingerprint
    h1 = Finding("home_address", "self", "4821 SE Larkspur Ct, Portland, OR 97206", 1, "critical", "", "https://x.example/1")
    h2 = replace(h1, value="4821 SOUTHEAST LARKSPUR COURT, PORTLAND OR 97206-1234", source_url="https://x.example/2")
    assert h1.fingerprint == h2.fingerprint
    e1 = Finding("birth_date", "self", "Age 41", 1, "medium", "", "https://x.example/1")
    assert e1.fingerprint == replace(e1, value="Age 42").fingerprint


def test_deterministic():
    lst = listing(names=("Avery Quinlan",), age=41, addresses=("4821 SE Larkspur Ct, Portland, OR",), relatives=("Jordan Quinlan",))
    assert match_listing(lst, PROFILE, TODAY) == match_listing(lst, PROFILE, TODAY)


def test_analyze_html_end_to_end_and_dedupe():
    page = """<html><body><div class="r"><h3>Avery J Quinlan</h3><div>Age 41</div><div>4821 SE Larkspur Ct</div>
      <div>Portland, OR 97206</div><div>(503) 555-0147</div></div>
      <div class="r"><h3>Avery Quinlan</h3><div>Age 41</div><div>4821 SE Larkspur Ct, Portland, OR 97206</div><div>Relatives: Jordan Quinlan</div></div>
      <div class="r"><h3>Avery Quinlan</h3><div>Age 66</div><div>9 Oak Rd, Tulsa, OK 74103</div><div>(918) 555-0100</div></div></body></html>"""
    found = analyze_html(page, "https://people.example/s", PROFILE, today=TODAY)
    assert sorted(f.kind for f in found) == ["birth_date", "home_address", "phone", "relative"]
    assert len({f.fingerprint for f in found}) == len(found)
    assert found == sorted(found, key=lambda f: (-f.confidence, f.kind, f.value))

"""Ages, birth years, emails and table columns as real pages write them; each form has a namesake twin that finds nothing."""

from __future__ import annotations

import pytest

from tests.engine.forms_people import findings, got, of_kind, page

ROW = "<tr><td>{name}</td><td>{age}</td><td>{place}</td><td>{rel}</td></tr>"


def results_table(rows: list[tuple[str, str, str, str]], header=("Name", "Age", "Location", "Possible relatives")) -> str:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join(ROW.format(name=n, age=a, place=p, rel=r) for n, a, p, r in rows)
    return page(f"<h1>People named Park</h1><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


NAMESAKES = [("Marisol Park", "67", "Tulsa, OK", "Dale Park"), ("Marisol A Park", "29", "Portland, OR", "Kim Park")]


# ---------------------------------------------------------------------------------------- ages
def test_age_column_of_a_results_table():
    html = results_table([NAMESAKES[0], ("Marisol Park", "41", "Portland, OR", "Kim Park, Dale Park"), NAMESAKES[1]])
    ages = of_kind(html, "birth_date")
    assert [(f.subject, f.value) for f in ages] == [("self", "Age 41")]
    assert "age 41 matches your birth year 1984" in ages[0].reasons
    assert "Marisol Park" in ages[0].evidence and "41" in ages[0].evidence


def test_age_column_of_a_table_without_thead_and_with_a_row_header():
    rows = "".join(f"<tr><th>{n}</th><td>{a}</td><td>{p}</td></tr>" for n, a, p, _ in
                   [NAMESAKES[0], ("Marisol Park", "41", "Portland, OR", ""), NAMESAKES[1]])
    html = page(f"<table><tr><td>Full name</td><td>Age</td><td>City</td></tr>{rows}</table>")
    assert {(f.subject, f.value) for f in of_kind(html, "birth_date")} == {("self", "Age 41")}


def test_results_table_of_namesakes_only_finds_nothing():
    assert findings(results_table(NAMESAKES + [("Marisol Park", "41", "Tulsa, OK", "Dale Park")])) == []


def test_ages_in_the_results_of_a_maiden_name_search():
    html = results_table([("Marisol Vance", "58", "Eugene, OR", "Hal Vance"), ("Marisol Vance", "41", "Portland, OR", "Caleb Vance"),
                          ("Marisol R Vance", "40", "Albany, NY", "")], header=("Name", "Age", "Lives in", "Related to"))
    found = got(html)
    assert ("birth_date", "self", "Age 41") in found
    assert ("relative", "self", "Caleb Vance") in found
    assert not any("Albany" in f.evidence or "Eugene" in f.evidence for f in findings(html))


def test_maiden_name_search_of_namesakes_only_finds_nothing():
    html = results_table([("Marisol Vance", "58", "Eugene, OR", "Hal Vance"), ("Marisol R Vance", "40", "Albany, NY", "")])
    assert findings(html) == []


HEADERS = [
    "<p>~41 years old</p>",
    "<p>Age ~41</p>",
    "<p>Age: approx. 41</p>",
    "<p>AGE / DOB 41</p>",
    "<p>Age/DOB: 41</p>",
    "<p class='meta'>Portland, OR &middot; 41</p>",
    "<p class='meta'><span>Portland, OR</span> | <span>41</span></p>",
    "<p>a 41-year-old counselor</p>",
    "<p>41 y/o</p>",
    "<p>Marisol Park (41) of Portland</p>",
]


@pytest.mark.parametrize("line", HEADERS)
def test_age_in_a_profile_header(line):
    html = page(f"<header><h1>Marisol Park</h1>{line}<p>Lives in Portland, OR</p></header>"
                "<section><p>Counselor. Hikes on weekends.</p></section>")
    ages = of_kind(html, "birth_date")
    assert [(f.subject, f.value) for f in ages] == [("self", "Age 41")], line


@pytest.mark.parametrize("line", HEADERS)
def test_other_age_in_a_profile_header_is_a_namesake(line):
    html = page(f"<header><h1>Marisol Park</h1>{line.replace('41', '63')}<p>Lives in Portland, OR</p></header>"
                "<section><p>Counselor. Hikes on weekends.</p></section>")
    assert findings(html) == [], line


@pytest.mark.parametrize("prose, year", [
    ("Marisol was born in Eugene, Oregon, in 1984 and trained in Seattle.", "1984"),
    ("Marisol Park (b. 1984) trained in Seattle.", "1984"),
    ("Born in the spring of 1984, Marisol grew up in Eugene.", "1984"),
    ("Birth year: 1984", "1984"),
])
def test_birth_year_in_prose_on_a_page_about_the_subject(prose, year):
    html = page(f"<h1>Marisol Park, LCSW</h1><p>{prose}</p><p>Practice in Portland, OR.</p>")
    ages = of_kind(html, "birth_date")
    assert [(f.subject, f.value) for f in ages] == [("self", year)], prose
    assert any("birth date" in r and "matches your birth year" in r for r in ages[0].reasons)


@pytest.mark.parametrize("prose", [
    "Marisol was born in Eugene, Oregon, in 1961 and trained in Seattle.",
    "Marisol Park (b. 1961) trained in Seattle.",
    "Marisol was born in Eugene and in 1984 moved to Seattle.",
])
def test_other_birth_year_in_prose_is_a_namesake(prose):
    html = page(f"<h1>Marisol Park, LCSW</h1><p>{prose}</p><p>Practice in Portland, OR.</p>")
    assert of_kind(html, "birth_date") == [], prose
    assert not any(f.kind in ("relative", "home_address") for f in findings(html))


def test_family_members_age_on_their_own_page():
    html = page("<header><h1>Rowan Park</h1><p>Portland, OR &middot; 42</p></header><p>Woodworker, dad, cyclist.</p>")
    assert got(html) == {("birth_date", "Rowan Park", "Age 42")}


@pytest.mark.parametrize("where, age", [("Austin, TX", "42"), ("Portland, OR", "25")])
def test_namesake_of_a_family_member_with_their_own_page(where, age):
    html = page(f"<header><h1>Rowan Park</h1><p>{where} &middot; {age}</p></header><p>Woodworker, dad, cyclist.</p>")
    assert findings(html) == []


def test_a_count_after_the_place_is_not_an_age():
    html = page("<header><h1>Marisol Park</h1><p>Portland, OR &middot; 63 reviews</p><p>41 years old</p></header>")
    assert {(f.subject, f.value) for f in of_kind(html, "birth_date")} == {("self", "Age 41")}


# -------------------------------------------------------------------------------------- emails
@pytest.mark.parametrize("written", [
    "MARISOL.PARK AT EXAMPLE DOT COM",
    "marisol.park @ example . com",
    "marisol.park [@] example [.] com",
    "marisol.park -at- example -dot- com",
    "marisol dot park at example dot com",
    "marisol.park\uff20example.com",
    "marisol.park (AT) example (DOT) com",
    "marisol.park{at}example{dot}com",
    "marisol [dot] park [at] example [dot] com",
])
def test_obfuscated_email_forms(written):
    html = page(f"<h1>Marisol Park</h1><p>Portland, OR</p><p>Write to me: {written}.</p>")
    emails = of_kind(html, "email")
    assert [f.subject for f in emails] == ["self"], written
    assert "email" in emails[0].reasons[0] and "is yours" in emails[0].reasons[0]


@pytest.mark.parametrize("written", [
    "MARISOL.PARKS AT EXAMPLE DOT COM",
    "marisol.park @ example . org",
    "marisol dot parker at example dot com",
    "marisol.park [@] sample [.] com",
])
def test_other_obfuscated_emails_are_not_the_users(written):
    html = page(f"<h1>Marisol Park</h1><p>Tulsa, OK</p><p>Write to me: {written}.</p>")
    assert findings(html) == [], written


# ----------------------------------------------------------------------------- masked relatives
def test_a_masked_relative_is_never_a_relative_finding():
    html = page("<div class='card'><h2>Marisol T Park</h2><p>Age 41</p><p>Portland, OR</p>"
                "<p>Relatives: R***** Park, T*** Park, L*** V*****</p><p>Phone: (503) 555-0133</p></div>")
    found = findings(html)
    assert ("phone", "self") in {(f.kind, f.subject) for f in found}
    assert not [f for f in found if f.kind == "relative"]
    assert not any("R***** Park" in r for f in found for r in f.reasons)


def test_a_masked_relative_adds_no_weight_to_a_namesake():
    """Name and state alone stay below the threshold; a masked R***** must not lift them over it as Rowan Park."""
    html = page("<div class='card'><h2>Marisol Park</h2><p>Bend, OR</p><p>Relatives: R***** Park</p></div>")
    assert findings(html) == []

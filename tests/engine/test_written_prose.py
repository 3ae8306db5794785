"""Relatives named in prose and street addresses whose city is in the page's header; each with a near-miss twin."""

from __future__ import annotations

import pytest

from tests.engine.forms_people import findings, got, of_kind, page

BIO = "<h1>Marisol Park, LCSW</h1><p>Therapist in Portland, OR.</p><p>{prose}</p>"


# ----------------------------------------------------------------------------- relatives in prose
@pytest.mark.parametrize("prose", [
    "Outside the office she lives with her husband, Rowan, and their dog in the hills.",
    "Marisol and her husband Rowan hike every weekend.",
    "She is married to Rowan, a woodworker.",
    "Rowan, her husband of ten years, builds furniture.",
    "She shares her life with her partner, Rowan Park, and two cats.",
    "Marisol's husband, Rowan, builds the furniture in her office.",
    "Rowan (her husband) drew the logo.",
])
def test_spouse_named_in_a_bio(prose):
    rel = of_kind(page(BIO.format(prose=prose)), "relative")
    assert [(f.subject, f.value) for f in rel] == [("self", "Rowan Park")], prose
    assert any("Rowan" in r and "your spouse" in r for r in rel[0].reasons), rel[0].reasons
    assert "Rowan" in rel[0].evidence


@pytest.mark.parametrize("prose", [
    "Outside the office she lives with her husband, Rowan Ellis, and their dog.",   # another man called Rowan
    "She is married to Rowan Ellis, a woodworker.",
    "She lives near her brother, Rowan, and his dog.",                                # Rowan is the spouse, not a brother
    "Rowan, a client of ten years, says she changed his life.",                      # no relation at all
    "Jenna's husband, Rowan, built the office furniture.",                           # someone else's husband
    "She is Rowan's mom.",                                                            # Rowan is the spouse, not a son
])
def test_a_name_in_prose_that_is_not_the_family_member(prose):
    assert of_kind(page(BIO.format(prose=prose)), "relative") == [], prose


@pytest.mark.parametrize("prose", ["She is Theo's mom and a trail runner.", "Proud mother of Theo.",
                                   "She and Rowan raise their kids, Ada and Theo, in Sellwood."])
def test_child_named_in_a_bio(prose):
    assert ("relative", "self", "Theo Park") in got(page(BIO.format(prose=prose))), prose


def test_alumni_note_names_the_spouse():
    html = page("<h1>Class Notes</h1><p>Jenna Ortiz '05 opened a bakery in Bend.</p>"
                "<p>Marisol Park '06 and her husband, Rowan, celebrated their tenth anniversary in Portland, OR.</p>")
    assert ("relative", "self", "Rowan Park") in got(html)


def test_alumni_note_of_someone_else_with_a_husband_called_rowan():
    html = page("<h1>Class Notes</h1><p>Marisol Park '06 opened a practice in Portland, OR.</p>"
                "<p>Jenna Ortiz '05 and her husband, Rowan, moved to Bend.</p>")
    assert of_kind(html, "relative") == []


def test_proud_brother_on_the_siblings_own_page():
    html = page("<header><h1>Caleb Vance</h1><p>Climbing guide</p></header><p>Climber. Proud brother of Marisol and uncle of two.</p>"
                "<p>Born in 1987.</p>")
    rel = of_kind(html, "relative")
    assert [(f.subject, f.value) for f in rel] == [("Caleb Vance", "Marisol T. Park")]
    assert any("brother of Marisol" in r for r in rel[0].reasons), rel[0].reasons


@pytest.mark.parametrize("prose", ["Proud brother of Jenna and uncle of two.", "Proud son of Marisol Ortiz."])
def test_proud_brother_of_someone_else(prose):
    html = page(f"<header><h1>Caleb Vance</h1><p>Climbing guide</p></header><p>Climber. {prose}</p><p>Born in 1987.</p>")
    assert of_kind(html, "relative") == [], prose


def test_obituary_of_a_parent_names_her_children():
    html = page("<h1>Lena Vance, 1956 - 2025</h1><p>Lena Vance of Eugene, OR passed away in April. She is survived by "
                "her daughter, Marisol, and her son, Caleb.</p>")
    rel = {(f.subject, f.value) for f in of_kind(html, "relative")}
    assert rel == {("Lena Vance", "Marisol T. Park"), ("Lena Vance", "Caleb Vance")}


def test_obituary_of_a_namesake_parent():
    html = page("<h1>Lena Vance, 1931 - 2025</h1><p>Lena Vance of Mobile, AL passed away in April. She is survived by "
                "her daughter, Marisol, and her son, Caleb.</p>")
    assert findings(html) == []


# ------------------------------------------------------------------- addresses: city in the header
NEWSLETTER = ("<header class='masthead'><h1>Sunnyside Neighbors</h1><p>{city} &middot; Spring 2025</p></header>"
              "<article><h2>Block party recap</h2><p>Thanks to the Parks ({street}) for hosting, and to everyone who "
              "brought a dish. Next meeting at the library.</p></article>")


def test_newsletter_street_without_suffix_takes_the_city_from_the_masthead():
    found = of_kind(page(NEWSLETTER.format(city="Portland, Oregon", street="812 SE Alder")), "home_address")
    assert [f.subject for f in found] == ["self"]
    assert found[0].confidence >= 0.9
    assert any("city (from the page's header)" in r for r in found[0].reasons), found[0].reasons


@pytest.mark.parametrize("city, street", [
    ("Salem, Oregon", "812 SE Alder"),          # same street number and name, other city in the masthead
    ("Portland, Oregon", "816 SE Alder"),       # the neighbour two doors down
    ("Portland, Oregon", "812 SE Alder Ct"),    # another street type
    ("Portland, Oregon", "812 NE Alder"),       # another quadrant
    ("Portland, Oregon", "812 SE Alder Creek"),  # a longer street name
])
def test_newsletter_near_misses(city, street):
    assert findings(page(NEWSLETTER.format(city=city, street=street))) == [], (city, street)


MARKET = ("<header><h1>Marisol P.</h1><p class='loc'>{city}</p></header><section><h2>Kids' bike, 20 inch</h2>"
          "<p>$40. Pick up at {street} after 5pm.</p></section>")


def test_profile_header_city_completes_a_pick_up_address():
    found = of_kind(page(MARKET.format(city="Portland, OR", street="812 SE Alder St")), "home_address")
    assert [f.subject for f in found] == ["self"] and found[0].confidence >= 0.9


@pytest.mark.parametrize("city, street", [("Vancouver, WA", "812 SE Alder St"), ("Portland, OR", "810 SE Alder St")])
def test_pick_up_address_near_misses(city, street):
    assert findings(page(MARKET.format(city=city, street=street))) == []


def test_home_address_without_its_predirectional_when_the_city_matches():
    html = page("<h1>Marisol Park</h1><p>Previous addresses: 310 Elm Ave, Salem, OR</p>")
    prev = of_kind(html, "previous_address")
    assert [f.subject for f in prev] == ["self"] and prev[0].confidence >= 0.9


@pytest.mark.parametrize("written", ["310 Elm Ave, Eugene, OR", "310 Elm Ave SE, Salem, OR", "312 Elm Ave, Salem, OR",
                                     "310 Elm Ave"])
def test_address_without_predirectional_near_misses(written):
    html = page(f"<h1>Marisol Park</h1><p>Previous addresses: {written}</p><p>Tulsa, OK</p>")
    assert of_kind(html, "previous_address") == [], written


def test_an_address_with_its_own_city_ignores_the_header():
    html = page(NEWSLETTER.format(city="Portland, Oregon", street="812 SE Alder St, Salem, OR"))
    assert findings(html) == []


def test_spouses_own_page_names_the_user_and_their_son():
    html = page("<h1>Rowan Park</h1><p>Portland, OR</p><p>Woodworker. Lives with his wife, Marisol, and their son Theo.</p>")
    assert {(f.subject, f.value) for f in of_kind(html, "relative")} == {("Rowan Park", "Marisol T. Park"), ("Rowan Park", "Theo Park")}


def test_someone_elses_obituary_with_a_husband_called_rowan():
    html = page("<h1>Mary Smith</h1><p>Mary Smith of Portland, OR died in March. Survived by her husband, Rowan, "
                "and her niece Marisol Park.</p>")
    assert of_kind(html, "relative") == []

"""Pages that mention the user among other people (obituaries, newsletters, class notes, directories), and the
written forms found by the blind corpus: each rule has a twin that must find nothing."""

from __future__ import annotations

import pytest

from scanner.engine.normalize import find_emails
from scanner.engine.textfields import ages, places
from tests.engine.forms_people import got, of_kind, page

OBITUARY = ("<header><h1>Valley Tribune</h1><p>Obituaries &middot; Eugene, Oregon</p></header><article><h2>Harlan Vance</h2>"
            "<p>Harlan Vance, 88, of {town} died March 2. He worked for the railroad for forty years. He is survived by his wife "
            "of 60 years, Lena; his daughter, {child} (Rowan) of Portland; his son, Caleb Vance; and his grandson, Theo.</p></article>")


def test_an_obituary_names_the_users_family_and_its_own_age_is_not_hers():
    found = got(OBITUARY.format(town="Eugene", child="Marisol Park"))
    relatives = {value for kind, subject, value in found if kind == "relative" and subject == "self"}
    assert {"Lena Vance", "Rowan Park", "Caleb Vance", "Theo Park"} <= relatives, found
    assert not [f for f in found if f[0] == "birth_date"], "88 is the deceased's age, not hers"


def test_an_obituary_of_a_stranger_with_a_namesake_daughter_gives_nothing():
    html = OBITUARY.format(town="Mobile", child="Marisol Ortiz").replace("Lena;", "Ruth;").replace("Caleb Vance", "Amos Vance")
    assert got(html.replace("Eugene, Oregon", "Mobile, Alabama").replace("(Rowan)", "(Dale)").replace("Theo", "Eli")) == set()


NEWSLETTER = ("<header class='masthead'><h1>Sunnyside Neighbors</h1><p>{city} &middot; Fall 2025</p></header><article>"
              "<p>Treasurer Nell Orr (820 SE Alder) reported on the fund. Many thanks to Marisol and Rowan Park "
              "(812 SE Alder) for hosting the potluck.</p></article>")


def test_a_couple_is_named_and_their_street_takes_the_mastheads_city():
    found = got(NEWSLETTER.format(city="Portland, Ore."))
    assert ("relative", "self", "Rowan Park") in found
    assert any(kind == "home_address" and value.startswith("812 SE Alder") for kind, _, value in found), found


def test_the_same_couple_in_another_towns_newsletter_has_no_address():
    found = got(NEWSLETTER.format(city="Spokane, Wash."))
    assert not [f for f in found if f[0] == "home_address"], found


@pytest.mark.parametrize("line, expect", [
    ("Park, Marisol &amp; Rowan, children: Theo, 812 SE Alder St, Portland OR 97214", True),
    ("Park, Marisol &amp; Dale, children: Eli, 4410 Birch Rd, Tulsa OK 74103", False),
])
def test_a_household_line_of_a_directory(line, expect):
    body = "".join(f"<p class='household'>{x}</p>" for x in ("Orr, Nell, 820 SE Alder St, Portland OR 97214", line,
                                                             "Quist, Abe &amp; Ruthie, 3301 Harrison Blvd, Portland OR 97214"))
    relatives = {v for k, s, v in got(page(f"<h1>Member directory</h1>{body}")) if k == "relative"}
    assert relatives == ({"Rowan Park", "Theo Park"} if expect else set())


def test_the_surname_alone_then_the_relation():
    html = page("<h1>Local News</h1><p>For ten years Marisol Park has run a free grief group in Portland, OR. "
                "\u201cShe always shows up,\u201d said a neighbour, Ada Brill. Park, who lives with her husband, Rowan, "
                "plans to train more volunteers.</p>")
    assert ("relative", "self", "Rowan Park") in got(html)
    assert ("relative", "self", "Rowan Park") not in got(html.replace("her husband, Rowan", "her brother, Rowan"))


def test_married_to_the_full_name_is_enough_on_a_page_of_class_notes():
    html = page("<h1>Alumni Review</h1><p>Marisol Vance Park writes from Portland; she has been married to Rowan Park "
                "for twenty years. Jonah Ruiz is still coaching.</p>")
    assert ("relative", "self", "Rowan Park") in got(html)
    assert got(html.replace("Rowan Park", "Dale Ortiz")) == set()


def test_an_earlier_surname_as_a_middle_initial():
    lines = ["Marisol Q Park \u2014 age: 70 \u2014 Tulsa OK", "Marisol V Park \u2014 age: 41 \u2014 Portland OR",
             "Nadia Park \u2014 age: 38 \u2014 Bend OR"]
    html = page("<h1>Surname index: Park</h1><p>" + "<br>".join(lines) + "</p>")
    assert any(k == "birth_date" and s == "self" for k, s, _ in got(html)), got(html)
    assert got(page("<h1>Surname index: Park</h1><p>" + lines[0] + "<br>" + lines[2] + "</p>")) == set()


def test_a_time_after_a_street_is_no_street_type():
    html = page("<header class='profile-head'><h1>Rowan Park</h1><p>Portland, OR</p></header>"
                "<p>Carpool for the meet: we leave from 812 SE Alder at 6.</p>")
    assert [f.value for f in of_kind(html, "home_address")] == ["812 SE Alder, Portland, OR"]


def test_forms_of_the_blind_corpus():
    assert places("Knoxville, Tenn., and Asheville, N.C.") == [("knoxville", "TN"), ("asheville", "NC")]
    assert places("Dr. Smith, Mr. Jones") == []
    assert ages("Just turned 41. Cake!") == [41]
    assert ages("turned 20 years ago") == []
    assert [h.email for h in find_emails("email my mom at marisol.park@example.com.")] == ["marisol.park@example.com"]


def test_a_page_about_the_spouse_that_thanks_the_user_later_is_about_the_spouse():
    html = page("<h1>Neighbourhood news</h1><p>Congratulations to Rowan Park of Portland, OR, whose garden at 812 SE Alder St "
                "won the block prize. Rowan Park, 43, thanked Marisol Park for the roses.</p>")
    subjects = {(kind, subject) for kind, subject, _ in got(html)}
    assert ("home_address", "Rowan Park") in subjects and ("birth_date", "Rowan Park") in subjects, subjects
    assert ("relative", "self") not in subjects


def test_a_record_in_prose_gives_her_age_in_a_later_sentence():
    html = page("<h1>Record summary</h1><p>Our records show that PARK, MARISOL is associated with Portland, OR. "
                "A recorded address is 812 SE Alder St, Portland, OR 97214. Born 1984.</p>")
    assert ("birth_date", "self", "1984") in got(html)
    assert ("birth_date", "self", "1984") not in got(html.replace("Born 1984.", "Her neighbour Ada Brill was born 1984."))


@pytest.mark.parametrize("post, value", [
    ("Pick up at 812 SE Alder St from 7:30.", "812 SE Alder St"),
    ("We leave from 812 SE Alder at 6.", None),  # no street type and no one city: too little to say it is hers
])
def test_a_street_without_a_city_is_shown_without_the_words_after_it(post, value):
    html = page("<header class='profile-head'><h1>Rowan Park</h1><p>Lives in Portland, OR &middot; From Salem, OR</p></header>"
                f"<p>Garage sale Saturday. {post}</p>")
    assert [f.value for f in of_kind(html, "home_address")] == ([value] if value else [])

"""Street names that contain a street-type word ("Timber View Dr", "Park Place Ave") are addresses; prose is not."""

from __future__ import annotations

import pytest

from scanner.engine.addresses import find_addresses
from scanner.engine.extract import extract_listings


@pytest.mark.parametrize("text, street, suffix", [
    ("3220 Timber View Dr, Fairview, OR 97024", "timber view", "DR"),
    ("Lives at 45 Lake View Ct, Salem, OR 97301", "lake view", "CT"),
    ("Current address: 12 Park Place Ave Apt 4, Tacoma, WA 98402", "park place", "AVE"),
    ("900 Court St, Salem, OR 97301", "court", "ST"),
    ("608 Bay View Terrace Rd | Phone: (503) 555-0147", "bay view terrace", "RD"),
    ("77 N Mountain View Blvd, Portland, OR", "mountain view", "BLVD"),
    ("1402 Spring Garden St, Philadelphia, PA", "spring garden", "ST"),
    ("5 Mill Pond Ln", "mill pond", "LN"),
    ("88 LAKE VIEW DR, BEND, OR 97701", "lake view", "DR"),
])
def test_street_names_with_street_type_words(text, street, suffix):
    (key,) = find_addresses(text)
    assert (key.street, key.suffix) == (street, suffix)


def test_a_label_after_the_street_still_ends_it():
    (key,) = find_addresses("4821 SE Larkspur Ct View details Age 41")
    assert key.raw == "4821 SE Larkspur Ct"
    (key,) = find_addresses("3220 Timber View Dr, Fairview, OR 97024 View more")
    assert key.raw == "3220 Timber View Dr, Fairview, OR 97024"


@pytest.mark.parametrize("prose", [
    "in 2019 Park rangers closed the trail",
    "Since 2004 Lake county has kept a record of every road",
    "we walked 3 blocks to the main street",
    "She has 12 years of court experience and 4 kids at home, went to the Park Ave",
    "Opened in 1998 the Plaza Hotel view is great",
])
def test_prose_is_not_an_address(prose):
    assert find_addresses(prose) == []


def test_street_name_with_street_word_in_a_card():
    card = '<div class="c"><h3>{n}</h3><div>Age {a}</div><div>{s}</div><div>{c}</div></div>'
    page = card.format(n="Avery Quinlan", a=41, s="3220 Timber View Dr", c="Fairview, OR 97024") + card.format(
        n="Casey Voss", a=30, s="45 Lake View Ct", c="Salem, OR 97301")
    a, c = extract_listings(f"<div>{page}</div>", "https://people.example/s")
    assert a.addresses == ("3220 Timber View Dr, Fairview, OR 97024",)
    assert c.addresses == ("45 Lake View Ct, Salem, OR 97301",)

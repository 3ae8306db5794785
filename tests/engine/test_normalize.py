"""Normalisation: addresses, phones, emails, dates, names (examples + property-based)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.engine.addresses import address_key, addresses_at_number, find_addresses, parse_address, same_address
from scanner.engine.names import find_name, name_key, names_match
from scanner.engine.normalize import email_key, find_emails, find_phones, parse_date, phone_e164, phone_key
from scanner.profile import Address

HOME = Address(kind="home", street="4821 SE Larkspur Ct", city="Portland", state="OR", postal_code="97206")
FLAT = Address(kind="previous", street="1190 NW Glisan St", unit="Apt 5", city="Portland", state="OR", postal_code="97209")


def _match(text: str, addr: Address = HOME):
    page = parse_address(text)
    assert page is not None, text
    return same_address(page, address_key(addr))


@pytest.mark.parametrize("text", [
    "4821 SE Larkspur Ct, Portland, OR 97206",
    "4821 Southeast Larkspur Court, Portland, Oregon 97206-1234",
    "4821 SE LARKSPUR CT PORTLAND OR",
    "4821 S.E. Larkspur Ct., Portland, OR 97206",
    "4821 Larkspur Ct SE, Portland, OR 97206",
    "4821 SE Larkspur Ct Portland OR 97206 Phone (503) 555-0147",
])
def test_address_written_forms_match(text):
    m = _match(text)
    assert m is not None and m.level == "full"


@pytest.mark.parametrize("text", [
    "4823 SE Larkspur Ct, Portland, OR 97206",       # neighbour's house number
    "4821 SE Larkspur Ct, Salem, OR 97301",          # same street, other city
    "4821 NE Larkspur Ct, Portland, OR 97206",       # other quadrant
    "4821 SE Larkspur Ave, Portland, OR 97206",      # other suffix
    "4821 SE Larkspur Ct, Portland, WA",             # other state
    "482 SE Larkspur Ct, Portland, OR 97206",
])
def test_address_near_misses_do_not_match(text):
    assert _match(text) is None


def test_unit_forms_and_unit_conflict():
    for text in ("1190 NW Glisan St Apt 5, Portland, OR", "1190 NW Glisan St #5, Portland, OR 97209",
                 "1190 Northwest Glisan Street Unit 5 Portland OR", "1190 NW Glisan St Apt. #5 Portland"):
        assert _match(text, FLAT) is not None, text
    assert _match("1190 NW Glisan St Apt 7, Portland, OR 97209", FLAT) is None
    assert _match("1190 NW Glisan St, Portland, OR 97209", FLAT) is not None  # building shown without the unit


def test_street_only_and_missing_directional():
    assert _match("4821 SE Larkspur Ct").level == "street"
    assert _match("4821 Larkspur Ct, Portland, OR 97206") is not None   # ZIP vouches for the missing SE
    assert _match("4821 Larkspur Ct, Portland, OR").level == "full"     # city and state vouch for it (issue #12)
    assert _match("4821 Larkspur Ct, Portland") is None                 # a city alone does not: could be NE Larkspur
    assert _match("4821 Larkspur Ct, Salem, OR") is None


def test_find_addresses_in_text_and_repeated_labels():
    text = "Lives at 4821 SE Larkspur Ct, Portland, OR 97206 | Age 42. Before: 12 N.E. Third Avenue Unit 5B, Portland OR and 77 Main St"
    found = find_addresses(text)
    assert [k.number for k in found] == ["4821", "12", "77"]
    assert found[1].street == "3rd" and found[1].unit == "5b" and found[1].directional == "NE"
    assert parse_address("123 Main St 456 Oak Ave 789 Pine Rd") is not None  # repeated labels do not raise
    assert parse_address("not an address at all") is None
    assert addresses_at_number("call 4821 times; 4821 SE Larkspur Ct Portland", "4821")[-1].street == "larkspur"


DIRS = st.sampled_from(["SE", "Southeast", "S.E.", "se", "SOUTHEAST"])
SUFFIX = st.sampled_from(["Ct", "Court", "CT", "Ct.", "court"])
UNIT = st.sampled_from(["Apt 5", "#5", "Unit 5", "Apt. 5", "APT 5", "# 5", "Suite 5"])
CITY = st.sampled_from(["Portland", "PORTLAND", "portland"])
STATE = st.sampled_from(["OR", "Oregon", "or", "OREGON"])
ZIPC = st.sampled_from(["97206", "97206-1234", ""])
SEP = st.sampled_from([", ", " ", " ,  "])


@settings(max_examples=150, deadline=None)
@given(d=DIRS, s=SUFFIX, u=UNIT, c=CITY, st_=STATE, z=ZIPC, sep=SEP, with_unit=st.booleans())
def test_property_variants_normalise_equal(d, s, u, c, st_, z, sep, with_unit):
    mine = Address(kind="home", street="4821 SE Larkspur Ct", unit="Apt 5", city="Portland", state="OR", postal_code="97206")
    text = f"4821 {d} Larkspur {s}{(' ' + u) if with_unit else ''}{sep}{c}{sep}{st_} {z}".strip()
    page = parse_address(text)
    assert page is not None
    assert same_address(page, address_key(mine)) is not None, text


@settings(max_examples=150, deadline=None)
@given(delta=st.integers(min_value=-300, max_value=300).filter(lambda x: x != 0), d=DIRS, s=SUFFIX, z=ZIPC,
       other_unit=st.integers(min_value=6, max_value=99), which=st.sampled_from(["number", "city", "unit"]))
def test_property_near_misses_differ(delta, d, s, z, other_unit, which):
    mine = Address(kind="home", street="4821 SE Larkspur Ct", unit="Apt 5", city="Portland", state="OR", postal_code="97206")
    if which == "number":
        text = f"{4821 + delta} {d} Larkspur {s}, Portland, OR {z}"
    elif which == "city":
        text = f"4821 {d} Larkspur {s}, Salem, OR 97301"
    else:
        text = f"4821 {d} Larkspur {s} Apt {other_unit}, Portland, OR {z}"
    page = parse_address(text)
    assert page is None or same_address(page, address_key(mine)) is None, text


# ----------------------------------------------------------------------------------- phones
@pytest.mark.parametrize("text", ["(503) 555-0147", "503-555-0147", "503.555.0147", "+1 503 555 0147", "1-503-555-0147", "5035550147"])
def test_phone_forms(text):
    assert phone_e164(text) == "+15035550147"


def test_phone_in_text_skips_zip_and_keeps_extension():
    hits = find_phones("Portland, OR 97206-1234. NPI 1234567890. Call (503) 555-0147 ext. 12 or 503.555.0148 on 2024-03-17")
    assert [(h.e164, h.extension) for h in hits] == [("+15035550147", "12"), ("+15035550148", "")]
    assert phone_key("(503) 555-0147 x12") == "+15035550147;ext=12"


@settings(max_examples=100, deadline=None)
@given(last4=st.integers(min_value=100, max_value=199), fmt=st.sampled_from(["({a}) {b}-{c}", "{a}-{b}-{c}", "{a}.{b}.{c}", "+1 {a} {b} {c}", "{a}{b}{c}"]),
       pos=st.integers(min_value=0, max_value=9), bump=st.integers(min_value=1, max_value=9))
def test_property_phone_forms_equal_and_one_digit_off_differs(last4, fmt, pos, bump):
    digits = f"503555{last4:04d}"
    text = fmt.format(a=digits[:3], b=digits[3:6], c=digits[6:])
    assert phone_e164(text) == "+1" + digits
    off = digits[:pos] + str((int(digits[pos]) + bump) % 10) + digits[pos + 1:]
    other = fmt.format(a=off[:3], b=off[3:6], c=off[6:])
    assert phone_e164(other) != "+1" + digits


# ----------------------------------------------------------------------------------- emails
@pytest.mark.parametrize("text", [
    "avery.q@example.com", "AVERY.Q@EXAMPLE.COM", "avery.q [at] example [dot] com", "avery.q (at) example (dot) com",
    "avery.q at example dot com", "avery.q{at}example{dot}com", "write to: avery.q [at] example.com today",
])
def test_email_deobfuscation(text):
    assert email_key(text) == "avery.q@example.com"


def test_emails_not_invented():
    assert find_emails("meet me at home at noon") == []
    assert email_key("avery.q@example") == ""


# ----------------------------------------------------------------------------------- dates
@pytest.mark.parametrize("text,expected", [
    ("1984-03-17", (1984, 3, 17)), ("3/17/1984", (1984, 3, 17)), ("March 17, 1984", (1984, 3, 17)),
    ("Mar 1984", (1984, 3, None)), ("Born 1984", (1984, None, None)), ("17 March 1984", (1984, 3, 17)),
    ("Sept 1984", (1984, 9, None)),
])
def test_parse_date(text, expected):
    d = parse_date(text)
    assert (d.year, d.month, d.day) == expected


# ----------------------------------------------------------------------------------- names
def test_name_keys():
    assert name_key("Dr. Avery J. Quinlan, LCSW") == name_key("Avery J Quinlan")
    k = name_key("QUINLAN, Avery J")
    assert (k.first, k.middle, k.last) == ("avery", ("j",), "quinlan")
    assert name_key("Madonna") is None


@pytest.mark.parametrize("page,mine,level", [
    ("Avery Quinlan", "Avery J. Quinlan", "exact"), ("Bob Smith", "Robert Smith", "nickname"),
    ("Liz Corrigan", "Elizabeth Corrigan", "nickname"), ("A. Quinlan", "Avery Quinlan", "initial"),
    ("Avery Jo Quinlan", "Avery J Quinlan", "exact"),
])
def test_names_match(page, mine, level):
    assert names_match(name_key(page), name_key(mine)).level == level


@pytest.mark.parametrize("page,mine", [
    ("Avery Quinlan", "Avery Quinn"), ("Avery Mae Quinlan", "Avery Jo Quinlan"), ("Jordan Quinlan", "Avery Quinlan"),
    ("Bob Smith", "Elizabeth Smith"),
])
def test_names_differ(page, mine):
    assert names_match(name_key(page), name_key(mine)) is None


def test_find_name_in_text():
    text = "Relatives: Quinlan, Jordan; Mia Quinlan and Avery Mae Quinlan"
    assert find_name(text, name_key("Jordan Quinlan")).group(0) == "Quinlan, Jordan"
    assert find_name(text, name_key("Avery J Quinlan")) is None  # middle name contradicts


def test_last_first_is_not_read_across_a_list_of_people():
    mine = name_key("Avery Quinlan")
    assert find_name("Relatives: Morgan Quinlan, Avery Smith", mine) is None
    assert find_name("records show that QUINLAN, AVERY lives", mine).group(0) == "QUINLAN, AVERY"

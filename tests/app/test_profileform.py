"""The web app's profile form: fields, the values it shows, and reading what it sends back."""

import dataclasses
import datetime as dt


from scanner.app.profileform import (
    FIELD_NAMES, KINDS, MAX_VALUE, SECTIONS, left_out, read_form, values_from_profile,
)
from scanner.profile import (
    ADDRESS_KINDS, PROFESSIONS, RELATIONS, US_STATES, Address, FamilyMember, Person, Practice, Profile,
    load_profile, parse_profile, profile_to_doc,
)
from scanner.sandbox.server import DEMO_PROFILE

HOSTILE = "<script>alert(1)</script>"
FIELDS = {f.name: f for s in SECTIONS for f in s.fields}


def hand_built() -> Profile:
    return Profile(
        person=Person(name="Robin T. Okafor", aliases=("Robin Tess Okafor", "Robin Adeyemi"), birth_year=1979,
                      phones=("(971) 555-0123", "503-555-0188"), emails=("robin@example.com",), usernames=("robin_ok",)),
        addresses=(Address(kind="home", street="12 Fernhill Rd", city="Salem", state="OR", postal_code="97301"),
                   Address(kind="mailing", street="PO Box 77", city="Salem", state="OR", postal_code="97308-0077",
                           unit="", lat=44.9429, lon=-123.0351)),
        family=(FamilyMember(name="Sam Okafor", relation="spouse", birth_year=1978, usernames=("samok", "sam.o"), city="Salem"),
                FamilyMember(name="Lee Okafor", relation="child")),
        practice=Practice(name="Okafor Family Therapy", domain="okaforfamily.example", npi="1234567893",
                          license_state="OR", license_number="T1234", profession="mft"),
        source="form",
    )


def filled(**changes: str) -> dict[str, str]:
    values = values_from_profile(hand_built())
    values.update(changes)
    return values


# --- the form's description ---

def test_every_field_name_is_unique_and_every_label_is_words():
    names = [f.name for s in SECTIONS for f in s.fields]
    assert len(names) == len(set(names)) == len(FIELD_NAMES)
    assert [s.title for s in SECTIONS] == ["You", "Your addresses", "Family", "Your practice"]
    for f in FIELDS.values():
        assert f.label.strip() and f.kind in KINDS, f
        assert (f.kind == "select") == bool(f.options), f
        assert all(label.strip() for _, label in f.options), f


def test_the_selects_offer_the_profiles_own_values():
    def values(name):
        return {v for v, _ in FIELDS[name].options}
    assert values("address-0-kind") == set(ADDRESS_KINDS) | {""}
    assert values("address-2-state") == values("practice-license_state") == set(US_STATES) | {""}
    assert values("family-3-relation") == set(RELATIONS) | {""}
    assert values("practice-profession") == set(PROFESSIONS) | {""}
    assert ("mft", "Marriage and family therapist") in FIELDS["practice-profession"].options
    assert ("OR", "Oregon (OR)") in FIELDS["address-0-state"].options
    assert FIELDS["name"].required and FIELDS["aliases"].kind == "textarea" and FIELDS["birth_date"].kind == "date"


def test_the_empty_form():
    values = values_from_profile(None)
    assert set(values) == set(FIELD_NAMES)
    assert values["address-0-kind"] == "home"
    assert {v for k, v in values.items() if k != "address-0-kind"} == {""}
    profile, errors = read_form(values)
    assert profile is None and errors == {"name": "Please enter the full name, first and last."}


# --- round trips ---

def test_the_demo_profile_comes_back_equal():
    demo = load_profile(DEMO_PROFILE)
    values = values_from_profile(demo)
    assert values["aliases"] == "Avery Jo Quinlan" and values["birth_date"] == "1984-03-17"
    assert values["address-0-lat"] == "45.4871" and values["address-2-unit"] == "Suite 310"
    for name, value in values.items():
        if FIELDS[name].kind == "select":
            assert value in {v for v, _ in FIELDS[name].options}, name
    profile, errors = read_form(values)
    assert errors == {}
    assert profile == dataclasses.replace(demo, source="form")
    assert profile_to_doc(profile) == profile_to_doc(demo)


def test_a_hand_built_profile_with_family_and_practice_comes_back_equal():
    original = hand_built()
    assert parse_profile(profile_to_doc(original), source="form") == original
    values = values_from_profile(original)
    assert values["phones"] == "(971) 555-0123\n503-555-0188" and values["family-0-birth_year"] == "1978"
    assert read_form(values) == (original, {})


def test_values_are_trimmed_textareas_split_and_empty_rows_skipped():
    form = {"name": "  Robin T. Okafor ", "aliases": "\r\n  Robin Tess Okafor \r\n\r\nRobin Adeyemi\n",
            "address-0-kind": "home", "address-1-kind": "previous",        # a row with only its kind is empty
            "address-2-kind": "practice", "address-2-city": " Salem ", "address-2-state": "OR",
            "family-0-name": "", "family-2-name": "Lee Okafor", "family-2-relation": "child"}
    profile, errors = read_form(form)
    assert errors == {}
    assert profile.person.aliases == ("Robin Tess Okafor", "Robin Adeyemi")
    assert profile.addresses == (Address(kind="practice", street="", city="Salem", state="OR"),)
    assert profile.family == (FamilyMember(name="Lee Okafor", relation="child"),)
    assert profile.practice is None and profile.person.birth_date is None


# --- errors, one per field, in plain words ---

def test_one_wrong_state_is_an_error_on_that_field_only():
    profile, errors = read_form(filled(**{"address-0-state": "Oregon"}))
    assert profile is None
    assert list(errors) == ["address-0-state"]
    assert errors["address-0-state"].startswith('"Oregon" is not a two-letter US state code')


def test_a_missing_name():
    profile, errors = read_form(filled(name="  "))
    assert profile is None and list(errors) == ["name"]
    assert "full name" in errors["name"]


def test_a_city_without_a_state():
    profile, errors = read_form({"name": "Robin Okafor", "address-0-kind": "home", "address-0-city": "Salem"})
    assert profile is None
    assert errors == {"address-0-state": "Please choose the state: an address needs a city and a state."}


def test_a_second_row_without_its_kind():
    profile, errors = read_form(filled(**{"address-2-city": "Bend", "address-2-state": "OR"}))
    assert profile is None and errors == {"address-2-kind": "Please choose what this address is."}


def test_a_problem_in_a_later_row_is_put_on_that_row():
    form = filled(**{"family-0-name": "", "family-0-relation": "", "family-0-birth_year": "", "family-0-city": "",
                     "family-0-usernames": "", "family-3-name": "Kit Okafor", "family-3-relation": "cousin"})
    profile, errors = read_form(form)
    assert profile is None
    assert list(errors) == ["family-3-relation"] and '"cousin"' in errors["family-3-relation"]


def test_bad_birth_years_name_the_value():
    profile, errors = read_form(filled(birth_year="19x0", **{"family-1-birth_year": "1850"}))
    assert profile is None
    assert set(errors) == {"birth_year", "family-1-birth_year"}
    assert '"19x0"' in errors["birth_year"] and "1850" in errors["family-1-birth_year"]


def test_a_year_in_the_date_field_points_to_the_year_field():
    _, errors = read_form(filled(birth_date="1979"))
    assert '"1979"' in errors["birth_date"] and "Year of birth" in errors["birth_date"]


def test_several_bad_lines_of_one_textarea_make_one_message():
    _, errors = read_form(filled(phones="555\n(971) 555-0123\nnot a phone"))
    assert list(errors) == ["phones"]
    assert '"555"' in errors["phones"] and '"not a phone"' in errors["phones"]


def test_coordinates():
    _, errors = read_form(filled(**{"address-0-lat": "north", "address-0-lon": "-123.1"}))
    assert list(errors) == ["address-0-lat"] and '"north"' in errors["address-0-lat"]
    _, errors = read_form(filled(**{"address-0-lat": "44.9"}))
    assert list(errors) == ["address-0-lon"] and "both" in errors["address-0-lon"]


def test_an_over_long_value_is_an_error_on_its_field_not_a_crash():
    long_name = "Robin " + "x" * MAX_VALUE
    profile, errors = read_form(filled(name=long_name, aliases="Rob\n" * 200))
    assert profile is None
    assert set(errors) == {"name", "aliases"}
    assert "too long" in errors["name"] and str(len(long_name)) in errors["name"]
    _, errors = read_form(filled(**{"address-0-street": "1 " + "Long " * 60}))     # under 500, over the file's 200
    assert list(errors) == ["address-0-street"] and "too long" in errors["address-0-street"]


def test_hostile_text_is_kept_as_text():
    profile, errors = read_form(filled(name=HOSTILE))
    assert profile is None and errors["name"] == f'"{HOSTILE}" needs a first and a last name'
    profile, errors = read_form(filled(aliases=HOSTILE, **{"family-0-city": HOSTILE, "practice-name": HOSTILE}))
    assert errors == {}
    assert profile.person.aliases == (HOSTILE,) and profile.family[0].city == HOSTILE
    assert profile.practice.name == HOSTILE
    assert values_from_profile(profile)["aliases"] == HOSTILE
    _, errors = read_form(filled(**{"practice-domain": HOSTILE, "address-1-postal_code": "\x00"}))
    assert HOSTILE in errors["practice-domain"] and "address-1-postal_code" in errors


def test_unknown_keys_are_ignored():
    form = filled(csrf="t0ken", schema="2", **{"person.name": "Eve Other", "address-9-city": "Nowhere",
                                                "family-4-name": "Extra Person", "practice": "x"})
    assert read_form(form) == (hand_built(), {})


def test_a_profile_bigger_than_the_form_is_said():
    original = hand_built()
    assert left_out(original) == []
    family = tuple(FamilyMember(name=f"Kin{i} Okafor", relation="sibling") for i in range(5))
    bigger = dataclasses.replace(original, family=family)
    assert len(left_out(bigger)) == 1 and "5 family members" in left_out(bigger)[0]
    assert read_form(values_from_profile(bigger))[0].family == family[:4]


def test_a_birth_date_and_year_that_agree_come_back():
    original = dataclasses.replace(hand_built(), person=dataclasses.replace(
        hand_built().person, birth_date=dt.date(1979, 5, 2), birth_year=1979))
    assert read_form(values_from_profile(original)) == (original, {})

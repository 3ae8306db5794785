import datetime as dt
from pathlib import Path

import pytest

from scanner.profile import ProfileError, load_profile, parse_profile, profile_to_doc, quick_profile
from scanner.sandbox.server import DEMO_PROFILE

GOOD = """
schema = 1
[person]
name = "Avery J. Quinlan"
aliases = ["Avery Jo Quinlan"]
birth_date = "1984-03-17"
phones = ["(503) 555-0147"]
emails = ["Avery.Q@example.com"]
usernames = ["@averyq"]
[[addresses]]
kind = "home"
street = "4821 SE Larkspur Ct"
unit = "Apt 5"
city = "Portland"
state = "or"
postal_code = "97206"
lat = 45.4871
lon = -122.6012
[[family]]
name = "Jordan Quinlan"
relation = "spouse"
birth_year = 1982
usernames = ["jq_pdx"]
city = "Portland"
[practice]
name = "Quinlan Counseling"
domain = "quinlancounseling.example"
npi = "1234567893"
license_state = "OR"
license_number = "C4567"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(text)
    return path


def test_full_profile_loads(tmp_path):
    p = load_profile(write(tmp_path, GOOD))
    assert p.person.name == "Avery J. Quinlan"
    assert p.person.birth_date == dt.date(1984, 3, 17)
    assert p.birth_year == 1984
    assert p.person.emails == ("avery.q@example.com",)
    assert p.person.usernames == ("averyq",)
    assert p.addresses[0].state == "OR" and p.addresses[0].lat == 45.4871
    assert p.family[0].relation == "spouse" and p.family[0].usernames == ("jq_pdx",)
    assert p.practice.npi == "1234567893"
    assert p.search_locations() == [("Portland", "OR")]


def test_demo_profile_is_valid():
    assert load_profile(DEMO_PROFILE).person.name == "Avery J. Quinlan"


def test_roundtrip_through_doc(tmp_path):
    import tomli_w

    p = load_profile(write(tmp_path, GOOD))
    again = parse_profile(__import__("tomllib").loads(tomli_w.dumps(profile_to_doc(p))), "x")
    assert again.person == p.person and again.addresses == p.addresses and again.family == p.family


@pytest.mark.parametrize(
    "change, expected",
    [
        (('state = "or"', 'state = "Oregon"'), 'profile.toml: addresses[0].state: "Oregon" is not a two-letter US state code (for Oregon write OR)'),
        (('state = "or"', 'state = "Orgon"'), 'profile.toml: addresses[0].state: "Orgon" is not a two-letter US state code'),
        (('kind = "home"', 'kind = "house"'), 'profile.toml: addresses[0].kind: "house" is not one of home, previous, practice, mailing'),
        (('birth_date = "1984-03-17"', 'birth_date = "17/03/1984"'), 'profile.toml: person.birth_date: "17/03/1984" is not a date like 1984-03-17'),
        (('phones = ["(503) 555-0147"]', 'phones = ["555-0147"]'), 'profile.toml: person.phones[0]: "555-0147" is not a phone number like (503) 555-0147'),
        (('emails = ["Avery.Q@example.com"]', 'emails = ["avery"]'), 'profile.toml: person.emails[0]: "avery" is not an email address'),
        (('relation = "spouse"', 'relation = "wife"'), 'profile.toml: family[0].relation: "wife" is not one of spouse, partner, child, parent, sibling, other'),
        (('postal_code = "97206"', 'postal_code = "9720"'), 'profile.toml: addresses[0].postal_code: "9720" is not a ZIP code like 97232 or 97232-1234'),
        (('lat = 45.4871', 'lat = 145.0'), "profile.toml: addresses[0].lat: 145.0 is not a number between -90 and 90"),
        (('npi = "1234567893"', 'npi = "12345"'), 'profile.toml: practice.npi: "12345" is not a 10-digit NPI number'),
        (('domain = "quinlancounseling.example"', 'domain = "https://quinlancounseling.example/"'),
         'profile.toml: practice.domain: "https://quinlancounseling.example/" is not a domain name like quinlancounseling.com (no https://, no path)'),
        (('schema = 1', 'schema = 2'), "profile.toml: schema: 2 is not supported (this version reads schema = 1)"),
        (('birth_year = 1982', 'birth_year = "1982"'), 'profile.toml: family[0].birth_year: "1982" is not a year like 1984'),
        (('name = "Avery J. Quinlan"', 'name = "Avery"'), 'profile.toml: person.name: "Avery" needs a first and a last name'),
        (('usernames = ["@averyq"]', 'usernames = ["a b"]'), 'profile.toml: person.usernames[0]: "a b" is not a username (letters, digits, . _ -)'),
        (('aliases = ["Avery Jo Quinlan"]', 'aliases = "Avery Jo Quinlan"'), 'profile.toml: person.aliases: must be a list like ["a", "b"], not "Avery Jo Quinlan"'),
        (('[practice]', '[practice]\nwebsite = "x"'), "profile.toml: practice.website: unknown field (allowed: domain, license_number, license_state, name, npi, profession)"),
        (('lon = -122.6012', ''), "profile.toml: addresses[0].lon: is required when the other coordinate is given"),
    ],
)
def test_each_problem_is_one_line_naming_file_and_field(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    with pytest.raises(ProfileError) as info:
        load_profile(write(tmp_path, GOOD.replace(old, new, 1)))
    assert info.value.problems == [expected]


def test_missing_required_fields_and_all_problems_reported(tmp_path):
    with pytest.raises(ProfileError) as info:
        load_profile(write(tmp_path, 'schema = 1\n[person]\nphones = ["x"]\n[[addresses]]\nkind = "home"\n'))
    problems = info.value.problems
    assert "profile.toml: person.name: is required" in problems
    assert "profile.toml: addresses[0].city: is required" in problems
    assert "profile.toml: addresses[0].state: is required" in problems
    assert any(p.startswith("profile.toml: person.phones[0]:") for p in problems)


def test_not_toml_and_missing_file(tmp_path):
    with pytest.raises(ProfileError) as info:
        load_profile(write(tmp_path, "schema = = 1"))
    assert info.value.problems[0].startswith("profile.toml: not valid TOML:")
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "nope.toml")
    assert "file not found" in info.value.problems[0]
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path / "bin.toml")
    assert info.value.problems == ["bin.toml: is not UTF-8 text"]


def test_quick_profile():
    p = quick_profile("Jane Doe", "Portland", "or")
    assert p.addresses[0].city == "Portland" and p.addresses[0].state == "OR"
    with pytest.raises(ProfileError):
        quick_profile("Jane Doe", "Portland", "Oregon")


def test_profession_is_optional_and_checked(tmp_path):
    ok = load_profile(write(tmp_path, GOOD.replace('license_number = "C4567"', 'license_number = "C4567"\nprofession = "mft"')))
    assert ok.practice.profession == "mft"
    with pytest.raises(ProfileError) as info:
        load_profile(write(tmp_path, GOOD.replace('license_number = "C4567"', 'license_number = "C4567"\nprofession = "LPC"')))
    assert info.value.problems == ['profile.toml: practice.profession: "LPC" is not one of counseling, mft, social_work, psychology, other']


def test_state_code_takes_a_code_or_a_full_name_in_any_case():
    from scanner.profile import state_code

    assert [state_code(s) for s in ("OR", "or", "Oregon", "oregon", " new  york ", "Orgon", "")] == [
        "OR", "OR", "OR", "OR", "NY", "", ""]

"""The remediation data files: every one loads, and the loader is strict (file + field in errors)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from scanner.plan.ruleset import FILES, RULES_DIR, RulesError, default_rules, load_rules

COMPREHENSIVE_LAW_STATES = ("CA", "VA", "CO", "CT", "UT", "TX", "OR", "MT", "IA", "DE", "NH", "NJ", "TN", "MN",
                            "MD", "IN", "KY", "RI", "NE")
PLATFORMS = ("facebook", "instagram", "linkedin", "x", "tiktok", "strava", "venmo", "google_business",
             "psychology_today", "nppes", "domain_privacy", "phone_camera", "reddit", "github", "pinterest",
             "youtube", "threads", "nextdoor", "zillow", "redfin", "practice_website")


@pytest.fixture()
def rules_dir(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    target.mkdir()
    for name in FILES:
        shutil.copy(RULES_DIR / name, target / name)
    return target


def edit(directory: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = directory / name
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, count), "utf-8")


def test_every_file_in_the_folder_is_loaded():
    on_disk = {p.name for p in RULES_DIR.glob("*.toml")}
    assert on_disk == set(FILES)
    rules = load_rules(RULES_DIR)
    assert rules.platforms and rules.measures and rules.laws and rules.rules and rules.methods


@pytest.mark.parametrize("name, anchor, path", [
    ("optout_steps.toml", "[methods.web_form]\n", "methods.web_form.colour"),
    ("optout_steps.toml", "schema = 1\n", "colour"),
    ("platforms.toml", 'id = "facebook"\n', "platform[0].colour"),
    ("hardening.toml", 'id = "opt-out-email"\n', "measure[0].colour"),
    ("hardening.toml", 'state = "AZ"\n', "program[0].colour"),
    ("state_laws.toml", 'state = "CA"\n', "law[0].colour"),
    ("state_laws.toml", "[drop]\n", "drop.colour"),
    ("rules.toml", 'id = "broker-optout"\n', "rule[0].colour"),
    ("rules.toml", "[impact]\n", "impact.colour"),
])
def test_an_unknown_key_is_an_error_naming_file_and_field(rules_dir, name, anchor, path):
    value = '"blue"\n' if "kinds" not in path else '"x"\n'
    edit(rules_dir, name, anchor, anchor + "colour = " + value if anchor != "schema = 1\n" else "colour = 1\n" + anchor)
    with pytest.raises(RulesError) as err:
        load_rules(rules_dir)
    message = str(err.value)
    assert message.startswith(f"{name}: {path}: unknown field"), message


@pytest.mark.parametrize("name, old, new, expect", [
    ("optout_steps.toml", "Open the opt-out page of {company}", "Open the page of {name}",
     'optout_steps.toml: methods.web_form.steps[0]: unknown placeholder "{name}"'),
    ("platforms.toml", 'url = "https://www.facebook.com/settings"', 'url = "http://www.facebook.com/settings"',
     "platforms.toml: platform[0].url: "),
    ("platforms.toml", 'sources = ["instagram", "instagram.com", "social-instagram"]', 'sources = ["facebook", "instagram.com", "social-instagram"]',
     'platforms.toml: platform[1].sources: "facebook" already belongs to platform "facebook"'),
    ("hardening.toml", "impact = 0.2\n", "impact = 2\n", "hardening.toml: measure[0].impact: 2 is not between 0 and 1"),
    ("hardening.toml", 'states = ["CA"]', 'states = ["California"]', "hardening.toml: measure[7].states[0]"),
    ("state_laws.toml", "effective = 2020-01-01", 'effective = "2020-01-01"', "state_laws.toml: law[0].effective: must be a date"),
    ("state_laws.toml", 'deletion_scope = "all"', 'deletion_scope = "most"', "state_laws.toml: law[0].deletion_scope"),
    ("state_laws.toml", "appeal = false", 'appeal = "no"', "state_laws.toml: law[0].appeal: must be true or false"),
    ("rules.toml", 'tasks = ["optout", "hardening:opt-out-email"', 'tasks = ["optout", "hardening:nothing"',
     'rules.toml: rule[0].tasks[1]: "nothing" is not a measure of hardening.toml'),
    ("rules.toml", 'tasks = ["setting:phone_camera"]', 'tasks = ["setting:myspace"]',
     'rules.toml: rule[15].tasks[0]: "myspace" is not a platform of platforms.toml'),
    ("rules.toml", 'kinds = ["geolocation", "file_metadata"]', 'kinds = ["geo_location", "file_metadata"]',
     'rules.toml: rule[15].kinds[0]: "geo_location" is not one of [kinds]'),
    ("rules.toml", 'families = ["people_search"]', 'families = ["people-search"]', "rules.toml: rule[0].families[0]"),
    ("rules.toml", 'min_severity = "critical"', 'min_severity = "severe"', "rules.toml: rule[2].min_severity"),
    ("rules.toml", 'home_address = "{whose} home address"', 'home_address = "{who} home address"',
     'rules.toml: kinds.home_address: unknown placeholder "{who}"'),
])
def test_bad_values_are_errors_naming_file_and_field(rules_dir, name, old, new, expect):
    edit(rules_dir, name, old, new)
    with pytest.raises(RulesError) as err:
        load_rules(rules_dir)
    assert str(err.value).startswith(expect), str(err.value)


def test_a_missing_required_field_and_a_missing_file_are_errors(rules_dir):
    edit(rules_dir, "platforms.toml", 'find = "find and contact"\n', "")
    with pytest.raises(RulesError, match=r"^platforms\.toml: platform\[0\]\.find: is required"):
        load_rules(rules_dir)
    edit(rules_dir, "platforms.toml", 'name = "Facebook"\n', 'name = "Facebook"\nfind = "find and contact"\n')
    load_rules(rules_dir)
    (rules_dir / "state_laws.toml").unlink()
    with pytest.raises(RulesError, match=r"^state_laws\.toml: file not found"):
        load_rules(rules_dir)


def test_broken_toml_is_an_error_naming_the_file(rules_dir):
    (rules_dir / "hardening.toml").write_text("[[measure]\n", "utf-8")
    with pytest.raises(RulesError, match=r"^hardening\.toml: not valid TOML"):
        load_rules(rules_dir)


def test_control_and_direction_characters_are_refused(rules_dir):
    edit(rules_dir, "platforms.toml", 'name = "Facebook"', 'name = "Face\u202ebook"')
    with pytest.raises(RulesError, match=r"platform\[0\]\.name: contains a control"):
        load_rules(rules_dir)


def test_state_laws_cover_the_comprehensive_privacy_states():
    laws = default_rules().laws
    assert set(COMPREHENSIVE_LAW_STATES) <= set(laws)
    for state, law in laws.items():
        assert law.effective <= dt.date(2026, 1, 1), state
        assert law.response_days in (45, 90), state
        assert law.citation and law.short
    assert laws["IA"].response_days == 90 and laws["IA"].deletion_scope == "provided"
    assert laws["UT"].deletion_scope == "provided" and not laws["CA"].appeal


def test_drop_facts_match_the_reference():
    drop = default_rules().drop
    assert drop.url == "https://consumer.drop.privacy.ca.gov"
    assert drop.open_from == dt.date(2026, 1, 1) and drop.brokers_from == dt.date(2026, 8, 1)
    assert drop.cycle_days == 45


def test_platforms_measures_and_programmes_are_covered():
    rules = default_rules()
    assert set(PLATFORMS) <= set(rules.platforms)
    assert {"mailbox", "google-results-about-you", "street-view-blur", "address-confidentiality", "ca-drop"} <= set(rules.measures)
    assert rules.measures["google-results-about-you"].urls[0] == "https://myactivity.google.com/results-about-you"
    assert {"CA", "OR", "WA", "NY", "TX", "MN"} <= set(rules.programs)
    assert rules.programs["CA"].name == "Safe at Home"
    for platform in rules.platforms.values():
        assert platform.steps and platform.where
    assert rules.platform_for_source("twitter").id == "x"
    assert rules.platform_for_source("nobody") is None


def test_every_method_of_the_catalog_has_steps():
    from spiders.catalog import OPTOUT_METHODS

    assert set(default_rules().methods) == set(OPTOUT_METHODS)


def test_every_measure_and_platform_is_reachable_from_a_rule():
    rules = default_rules()
    refs = {ref for rule in rules.rules for ref in rule.tasks}
    for mid in rules.measures:
        assert f"hardening:{mid}" in refs, mid
    reached = {ref.split(":", 1)[1] for ref in refs if ref.startswith("setting:") and ref != "setting:@source"}
    for pid, platform in rules.platforms.items():
        assert pid in reached or platform.sources, pid


def test_rule_texts_never_carry_markup():
    for name in FILES:
        lines = [line for line in (RULES_DIR / name).read_text("utf-8").splitlines() if not line.startswith("#")]
        assert not re.search(r"<[a-zA-Z/]", "\n".join(lines)), name


def test_source_families_must_name_a_known_family(rules_dir):
    edit(rules_dir, "rules.toml", '"social-" = "social"', '"social-" = "socials"')
    with pytest.raises(RulesError, match=r'^rules\.toml: source_families\.social-: "socials" is not one of'):
        load_rules(rules_dir)


def test_platform_owner_is_self_or_any(rules_dir):
    edit(rules_dir, "platforms.toml", 'owner = "self"', 'owner = "me"')
    with pytest.raises(RulesError, match=r'^platforms\.toml: platform\[\d+\]\.owner: "me" is not one of self, any'):
        load_rules(rules_dir)

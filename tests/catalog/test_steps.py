"""Opt-out steps (spiders/catalog/optout/*.toml): every file loads, every catalog entry's `steps` names
one, every web-form opt-out of the demo plan has steps, and the loader's errors are one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from spiders.catalog import CatalogError, default_catalog
from spiders.catalog.steps import STEPS_DIR, all_steps, load_steps_file, steps_named

SITES = {s.id: s for s in default_catalog()}
# The catalog entry behind each web-form opt-out task of the demo plan (`unlisted demo`, then
# `tasks --all --format json`: a task's first link is the opt-out page of that entry). GoodTherapy,
# Healthgrades and OpenNPI are directory listings, not catalog sites.
DEMO_WEB_FORM_TASKS = [
    "peoplefinders", "addresses", "411", "familytreenow", "nuwber", "thatsthem", "clustal_org",
    "menstoppingviolence_org", "mylife", "radaris", "privatereports", "peoplewhiz", "verecor", "neighbor_report",
    "homemetry", "idcrawl", "people_background_check", "peoplebyname", "beenverified", "besthistorysites_net",
    "clubset", "cocofinder", "councilon", "hudwayglass", "newenglandfacts", "rehold", "searchquarry",
    "socialcatfish", "spydialer", "truepeoplesearch_net", "unite4heritage_org", "unmask", "usa_official",
    "veriforia", "voterrecords", "xlek", "backgroundcheck_run", "curadvisor", "gladiknow", "idtrue",
    "nationalpublicdata", "peekyou", "freepeopledirectory", "unitedstatesphonebook", "vericora", "virtory", "wellnut",
]
GOOD = """source = "test"
needs = ["name", "listing"]
email_confirmation = true
[[step]]
action = "open"
[[step]]
action = "fill"
fields = { "#name" = "{first} {last}", "#email" = "{optout_email}", "#url" = "{listing_url}" }
[[step]]
action = "human"
say = "press Submit"
submit = "#send"
[[step]]
action = "expect"
text = "received"
"""


def test_every_steps_file_loads_and_has_its_pages():
    steps = all_steps()
    assert len(steps) >= 10
    for name, s in steps.items():
        folder = STEPS_DIR / "fixtures" / name
        assert (folder / "start.html").is_file() and (folder / "success.html").is_file(), name
        assert (folder / "confirmed.html").is_file() == s.email_confirmation, name
        if any(step.action == "pick" for step in s.steps):
            assert (folder / "results.html").is_file() and (folder / "record.html").is_file(), name
        assert s.source.strip(), name
        assert s.success.text in (folder / "success.html").read_text(), name


def test_every_catalog_steps_names_an_existing_file_of_a_web_form():
    named = [s for s in SITES.values() if s.optout.steps]
    assert len(named) >= 47
    for site in named:
        assert "web_form" in site.optout.methods
        steps_named(site.optout.steps)


def test_every_demo_web_form_opt_out_has_steps():
    missing = [i for i in DEMO_WEB_FORM_TASKS if not SITES[i].optout.steps]
    assert missing == []
    # and every storefront sharing that opt-out page shares its steps
    for site_id in DEMO_WEB_FORM_TASKS:
        same_page = {s.optout.steps for s in SITES.values() if s.optout.url == SITES[site_id].optout.url}
        assert same_page == {SITES[site_id].optout.steps}, site_id


def test_generic_steps_say_so_and_never_ask_for_birth_street_or_phone():
    for name, s in all_steps().items():
        assert not {"birth_year", "street", "phone"} & set(s.needs), name
        if name in ("listing_form", "contact_form", "search_pick"):
            assert "generic shape, not yet checked on the real site" in s.source


def _error(tmp_path: Path, text: str) -> str:
    path = tmp_path / "broken.toml"
    path.write_text(text)
    with pytest.raises(CatalogError) as exc:
        load_steps_file(path)
    message = str(exc.value)
    assert "\n" not in message and message.startswith("optout/broken.toml")
    return message


def test_the_good_example_loads(tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(GOOD)
    assert load_steps_file(path).human.submit == "#send"


@pytest.mark.parametrize("change, field, words", [
    (('action = "open"', 'action = "visit"'), "step[0].action", '"visit" is not one of'),
    (('"{first} {last}"', '"{first} {last} {city}"'), 'step[1].fields."#name"', 'needs does not declare "city"'),
    (('"{first} {last}"', '"{first} {birth}"'), 'step[1].fields."#name"', 'unknown placeholder "{birth}"'),
    (('[[step]]\naction = "expect"', '[[step]]\naction = "click"\nselector = "#go"\n[[step]]\naction = "expect"'),
     "step[3]", 'the step before the last, and only it, is action = "human"'),
    (('[[step]]\naction = "expect"\ntext = "received"', '[[step]]\naction = "expect"\ntext = "received"\nurl = "/done"'),
     "step[3]", "needs text or url"),
    (('email_confirmation = true', 'email_confirmation = true\ncaptcha = true'), "", "captcha"),
    (('submit = "#send"', 'submit = "#send"\nwait = 3'), "step[2]", "wait"),
    (('needs = ["name", "listing"]', 'needs = ["name", "listing", "phone"]'), "needs", '"phone" but no field types it'),
    (('needs = ["name", "listing"]', 'needs = ["name", "listing", "ssn"]'), "needs[2]", '"ssn" is not one of'),
    (('submit = "#send"', 'submit = "#send["'), "step[2].submit", ""),
])
def test_loader_errors_are_one_line_naming_file_and_field(tmp_path, change, field, words):
    old, new = change
    assert old in GOOD
    message = _error(tmp_path, GOOD.replace(old, new, 1))
    assert f"optout/broken.toml.{field}" in message or (not field and message.startswith("optout/broken.toml")), message
    assert words in message, message


def test_human_step_moved_away_from_the_end_is_refused(tmp_path):
    text = GOOD.replace('[[step]]\naction = "human"\nsay = "press Submit"\nsubmit = "#send"\n', "")
    text = text.replace('[[step]]\naction = "fill"', '[[step]]\naction = "human"\nsay = "press Submit"\nsubmit = "#send"\n[[step]]\naction = "fill"')
    assert "the step before the last" in _error(tmp_path, text)


def test_not_toml_is_one_line(tmp_path):
    assert "not valid TOML" in _error(tmp_path, "source = \n")

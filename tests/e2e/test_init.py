"""`unlisted init`: from flags (errors name the flag), by questions (each answer checked as typed), and
an unwritable target. The real CLI in a subprocess; the question loop through click's CliRunner."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from scanner.cli.prompts import prompt_profile_fields
from scanner.profile import load_profile

NAME_TO_PHONES = ["Rowan Example", "", "", "", ""]          # name, no aliases, no birth date, no year, no phone
UP_TO_CITY = NAME_TO_PHONES + ["", ""]                        # no email, no username
NO_PRACTICE = ["", "", "", "", "", ""]                        # name, domain, NPI, licence state and number, profession


def ask(answers: list[str]) -> tuple[dict, str]:
    """Run the question loop with these answers; (the fields it returns, what the user saw)."""
    got: dict = {}

    @click.command()
    def questions():
        got.update(prompt_profile_fields())

    result = CliRunner().invoke(questions, input="\n".join(answers) + "\n")
    assert result.exception is None, result.output
    return got, result.output


def test_init_from_flags_writes_a_private_valid_profile(run_cli, tmp_path):
    target = tmp_path / "me.toml"
    result = run_cli("init", "--profile", str(target), "--name", "Rowan Example", "--phone", "(503) 555-0199",
                     "--street", "12 Example Way", "--city", "Salem", "--state", "OR", "--zip", "97301",
                     "--family", "Sam Example:partner", "--npi", "1234567893", "--license-state", "OR",
                     "--profession", "counseling", "--birth-year", "1981", "--username", "rowan.example",
                     "--practice-name", "Example Counseling", "--practice-domain", "examplecounseling.example",
                     "--license-number", "C1234")
    assert result.returncode == 0, result.stderr
    assert (target.stat().st_mode & 0o777) == 0o600
    p = load_profile(target)
    assert p.person.phones == ("(503) 555-0199",) and p.family[0].relation == "partner"
    assert p.home_addresses[0].postal_code == "97301" and p.practice.profession == "counseling"
    assert p.birth_year == 1981 and p.person.usernames == ("rowan.example",)
    assert (p.practice.name, p.practice.domain, p.practice.license_number) == (
        "Example Counseling", "examplecounseling.example", "C1234")
    again = run_cli("init", "--profile", str(target), "--name", "Rowan Example")
    assert again.returncode == 2 and "already exists" in again.stderr


@pytest.mark.parametrize("flags, line", [
    (("--state", "Oregon", "--city", "Salem"), '--state: "Oregon" is not a two-letter US state code (for Oregon write OR)'),
    (("--city", "Salem", "--state", "OR", "--zip", "973"), '--zip: "973" is not a ZIP code like 97232 or 97232-1234'),
    (("--zip", "97301"), "--city is required too: a home address needs --city and --state"),
    (("--birth-date", "1980"), '--birth-date: "1980" is not a date like 1984-03-17 (for the year alone use --birth-year 1980)'),
    (("--birth-year", "1800"), "--birth-year: 1800 is not a year like 1984"),
    (("--npi", "12345"), '--npi: "12345" is not a 10-digit NPI number'),
    (("--family", "Sam"), '--family: "Sam": write it as NAME:RELATION, e.g. "Jordan Quinlan:spouse"'),
    (("--family", "Sam Example:wife"), '--family: "wife" is not one of spouse, partner, child, parent, sibling, other'),
    (("--phone", "555-0147"), '--phone: "555-0147" is not a phone number like (503) 555-0147'),
    (("--email", "rowan"), '--email: "rowan" is not an email address'),
    (("--username", "rowan example"), '--username: "rowan example" is not a username (letters, digits, . _ -)'),
    (("--practice-domain", "https://example.com/"), '--practice-domain: "https://example.com/" is not a domain name'),
    (("--license-state", "Oregon"), '--license-state: "Oregon" is not a two-letter US state code'),
])
def test_init_flag_errors_name_the_flag_and_the_value(run_cli, tmp_path, flags, line):
    result = run_cli("init", "--profile", str(tmp_path / "me.toml"), "--name", "Rowan Example", *flags)
    assert result.returncode == 2, result.stdout
    assert line in result.stderr
    assert all(problem.startswith("unlisted: --") for problem in result.stderr.splitlines()), result.stderr
    assert not (tmp_path / "me.toml").exists()


def test_init_flags_without_name_are_not_dropped(run_cli, tmp_path):
    result = run_cli("init", "--profile", str(tmp_path / "me.toml"), "--state", "OR")
    assert result.returncode == 2 and "--name is required with --state" in result.stderr


@pytest.mark.parametrize("where", ["under_a_file", "name_too_long"])
def test_unwritable_target_is_one_line_naming_it(run_cli, tmp_path, where):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    target = tmp_path / "notes.txt" / "me.toml" if where == "under_a_file" else tmp_path / ("x" * 246 + ".toml")
    result = run_cli("init", "--profile", str(target), "--name", "Rowan Example")
    assert result.returncode == 2, result.stderr   # a path the user gave (the data folder's own is exit 5)
    assert result.stderr.startswith(f"unlisted: cannot write to {target}: ")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["notes.txt"]   # no temp file left


def test_a_wrong_state_is_asked_again_and_earlier_answers_are_kept():
    fields, seen = ask(["Rowan Example", "Ro Example", "", "", "(503) 555-0199", "", "", "Salem", "Orgon", "oregon",
                        "", "", "", ""] + NO_PRACTICE)
    assert '"Orgon" is not a two-letter US state code; please try again.' in seen
    assert seen.count("Home state") == 2                  # the same question again, not the whole form
    assert fields["state"] == "OR" and fields["city"] == "Salem"
    assert fields["alias"] == ["Ro Example"] and fields["phone"] == ["(503) 555-0199"]


@pytest.mark.parametrize("second, expected", [("", {"birth_date": "", "birth_year": 1980}),
                                              ("1980-06-02", {"birth_date": "1980-06-02"})])
def test_a_year_as_birth_date_is_refused_then_taken_as_year_or_date(second, expected):
    year = ["1980"] if not second else []
    fields, seen = ask(["Rowan Example", "", "1980", second, *year, "", "", "", "", ""] + NO_PRACTICE)
    assert '"1980" is not a date like 1984-03-17 (only the year? press Enter here and give 1980 at the next question)' in seen
    assert {k: fields.get(k) for k in expected} == expected
    assert ("Birth year" in seen) == (not second)          # the year is asked only when no full date is given


def test_enter_at_relation_means_other_and_a_wrong_relation_is_asked_again():
    fields, seen = ask(UP_TO_CITY + ["", "Sam Example", "", "Kit Example", "wife", "child", ""] + NO_PRACTICE)
    assert fields["family"] == ["Sam Example:other", "Kit Example:child"]
    assert "Enter for other" in seen and seen.count("Kit Example's relation") == 2


def test_enter_skips_every_optional_question():
    fields, seen = ask(["", "Rowan Example"] + [""] * 20)
    assert "This one is needed." in seen and "please try again" not in seen
    assert {k: v for k, v in fields.items() if v} == {"name": "Rowan Example"}


def test_new_questions_land_in_the_written_profile(tmp_path):
    """The real `unlisted init` on a terminal (script(1)): answers, one refused, in the file it writes."""
    if not shutil.which("script"):
        pytest.skip("needs script(1) for a terminal")
    target = tmp_path / "me.toml"
    answers = ["Rowan Example", "", "", "1981", "", "", "rowan.example, @rowan_ex", "Salem", "OR", "12 Example Way", "",
               "97301", "Sam Example", "partner", "", "Example Counseling", "examplecounseling.example", "123",
               "1234567893", "oregon", "C1234", "mft"]
    exe = str(Path(sys.executable).with_name("unlisted"))
    result = subprocess.run(["script", "-qec", f"{exe} init --profile {target}", "/dev/null"],
                            input="\n".join(answers) + "\n", capture_output=True, text=True, timeout=60,
                            env={**os.environ, "UNLISTED_HOME": str(tmp_path / "h")})
    assert result.returncode == 0, result.stdout + result.stderr
    p = load_profile(target)
    assert p.person.birth_year == 1981 and p.person.usernames == ("rowan.example", "rowan_ex")
    assert p.home_addresses[0].city == "Salem" and p.family[0].name == "Sam Example"
    assert (p.practice.name, p.practice.domain, p.practice.npi) == ("Example Counseling", "examplecounseling.example",
                                                                    "1234567893")
    assert (p.practice.license_state, p.practice.license_number, p.practice.profession) == ("OR", "C1234", "mft")

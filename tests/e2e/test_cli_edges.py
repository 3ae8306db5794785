"""The CLI's edges: an unwritable data folder, a file path that cannot be written, an unexpected error,
the demo's separate history, site names in any case, and "1 site" / "2 sites"."""

from __future__ import annotations

import os
import re
import shlex

import pytest
from click.testing import CliRunner

from scanner.cli.main import main
from scanner.exitcodes import Exit

PERSON = ("--name", "Avery Quinlan", "--city", "Portland", "--state", "OR")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through chmod; the afile/home cases cover root")
def test_a_data_folder_without_write_permission_is_one_line_and_exit_5(run_cli, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    home = locked / "home"
    try:
        for args in (("history",), ("tasks",), ("scan", "--sandbox", *PERSON, "--site", "spokeo"), ("demo",)):
            result = run_cli(*args, env={"UNLISTED_HOME": str(home)}, timeout=120)
            assert result.returncode == Exit.FAILED and "Traceback" not in result.stderr, (args, result.stderr)
            assert result.stderr.strip().splitlines()[-1].startswith(
                f"unlisted: cannot write to the data folder {home}") and "permission denied" in result.stderr
    finally:
        locked.chmod(0o700)


def test_a_path_the_user_gave_that_cannot_be_written_is_exit_2_naming_it(run_cli, tmp_path):
    (tmp_path / "afile").write_text("x")
    target = tmp_path / "afile" / "profile.toml"
    result = run_cli("init", "--name", "Avery Quinlan", "--profile", str(target))
    assert result.returncode == Exit.USAGE and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"unlisted: cannot write to {target}: {tmp_path / 'afile'} is a file, not a folder"


def test_an_unexpected_error_is_one_line_exit_5_and_unlisted_debug_shows_it(monkeypatch):
    import spiders.catalog

    def broken():
        raise RuntimeError("catalog exploded")

    monkeypatch.setattr(spiders.catalog, "default_catalog", broken)
    result = CliRunner().invoke(main, ["sites", "list"])
    assert result.exit_code == Exit.FAILED
    assert result.output.strip().startswith("unlisted: unexpected error (RuntimeError: catalog exploded)")
    assert "UNLISTED_DEBUG=1" in result.output and "Traceback" not in result.output
    monkeypatch.setenv("UNLISTED_DEBUG", "1")
    debug = CliRunner().invoke(main, ["sites", "list"])
    assert isinstance(debug.exception, RuntimeError)


def test_after_the_demo_empty_history_says_where_the_demo_results_are_and_that_command_works(run_cli):
    assert run_cli("demo").returncode == 0
    for command, ok in (("tasks", True), ("history", True), ("report", False), ("export", False)):
        result = run_cli(command)
        said = result.stdout if ok else result.stderr
        assert result.returncode == (Exit.OK if ok else Exit.USAGE), said
        assert "of your own yet. The demo's results are kept apart" in said, said
        shown = re.search(r"`(unlisted --home [^`]+)`", said).group(1)
        assert shown.endswith(f" {command}")
        follow = run_cli(*shlex.split(shown)[1:])       # the printed command, as the user would type it
        assert follow.returncode == 0 and "of your own yet" not in follow.stdout + follow.stderr, follow.stderr
    assert "This month: 0 of" in run_cli(*shlex.split(re.search(r"`(unlisted --home [^`]+)`", run_cli("tasks").stdout)
                                                    .group(1))[1:]).stdout


def test_without_the_demo_empty_history_says_to_scan(run_cli):
    result = run_cli("tasks")
    assert result.returncode == 0 and result.stdout.strip() == "No tasks yet: run `unlisted scan` (or `unlisted demo`) first."


def test_site_names_are_taken_in_any_case_or_as_displayed(run_cli):
    checked = run_cli("sites", "check", "Spokeo", "411.COM")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines()[0].startswith("spokeo ") and checked.stdout.splitlines()[1].startswith("411 ")
    scanned = run_cli("scan", "--sandbox", *PERSON, "--site", "SPOKEO", "--site", "spokeo")
    assert scanned.returncode == Exit.LOW_COVERAGE, scanned.stderr   # the simulated Spokeo shows a bot wall
    lines = scanned.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Site "))
    assert lines[header + 1].split()[0] == "Spokeo" and lines[header + 2] == ""   # once, then the counts
    wrong = run_cli("scan", "--sandbox", *PERSON, "--site", "spokeoo")
    assert wrong.returncode == Exit.USAGE
    assert wrong.stderr.strip() == "unlisted: unknown site 'spokeoo' (did you mean spokeo? see `unlisted sites list`)"


def test_one_is_singular(run_cli):
    from collections import Counter

    from spiders.catalog import default_catalog

    parents = Counter(s.optout.parent for s in default_catalog() if s.optout.parent)
    alone = next(p for p, n in parents.items() if n == 1 and sum(p.lower() in q.lower() for q in parents) == 1)
    listed = run_cli("sites", "list", "--parent", alone)
    assert listed.stdout.splitlines()[-1] == "1 site", listed.stdout
    checked = run_cli("sites", "check", "spokeo")
    assert checked.stdout.splitlines()[-1] == "1 of 1 entry OK"

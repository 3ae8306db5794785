"""Every command and subcommand of the CLI, found by walking the click group (a new command is included
by itself), run for real (a) with a data folder that cannot be written and (b) with no network at all.
Whatever happens, no Python traceback reaches the terminal and the exit code is one the README
documents; a command that uses the data folder says so in one line and exits 5."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from scanner.cli.main import main
from scanner.exitcodes import Exit
from scanner.sandbox.server import DEMO_PROFILE

DOCUMENTED = {int(code) for code in Exit}
DATA_FOLDER_LINE = "cannot write to the data folder"
# Commands that never open the data folder (everything else must fail with the one line when it is unusable).
NO_DATA_FOLDER = {"analyze", "photos check", "photos strip", "sites check", "sites list", "schedule remove"}
# Commands that reach the network (in (b) each must have tried, and been refused, at least once).
NETWORK = {"scan", "rescan", "analyze", "sites check", "schedule notify-test"}
SETTINGS = """schema = 1
[email]
host = "smtp.example.com"
port = 587
security = "starttls"
from = "me@example.com"
to = ["me@example.com"]
timeout_seconds = 5
"""


def commands(group: click.Group = main, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        if isinstance(command, click.Group):
            if command.invoke_without_command:
                yield path, command
            yield from commands(command, path)
        else:
            yield path, command


def _sample(param: click.Parameter, files: dict[str, str]) -> str:
    if isinstance(param.type, click.Choice):
        return str(param.type.choices[0])
    if isinstance(param.type, click.types.IntParamType):
        return "1"
    if isinstance(param.type, click.Path):
        return files["profile"]
    return "1"


def minimal_args(path: tuple[str, ...], command: click.Command, files: dict[str, str], offline: bool) -> list[str]:
    """The shortest valid command line: the cases below, else each required parameter with a sample."""
    name = " ".join(path)
    person = ["--name", "Avery Quinlan", "--city", "Portland", "--state", "OR"]
    special = {
        "scan": [*person, "--site", "spokeo", "--site", "411"],       # real mode: the (refused) network
        "rescan": ["--site", "spokeo"],
        "analyze": ["--profile", files["profile"], "https://www.example.com/people/avery" if offline else files["page"]],
        "sites check": ["--live", "spokeo"] if offline else ["spokeo"],
        "init": ["--name", "Avery Quinlan", "--force"] + (["--profile", files["other_profile"]] if offline else []),
        "photos check": [files["photos"]],
        "photos strip": [files["photos"], "--out", files["clean"]],
        "schedule install": ["--profile", files["profile"]],
        "optout": ["--all"],
        # it serves until stopped: offline, a port it cannot have ends it at once (tests/app runs it for real)
        "app": ["--no-open", "--port", "65536" if offline else "0"],
    }
    if name in special:
        return [*path, *special[name]]
    args = list(path)
    for param in command.params:
        if param.required:
            value = _sample(param, files)
            args += [param.opts[0], value] if isinstance(param, click.Option) else [value]
    return args


def _files(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "photos").mkdir()
    (tmp_path / "page.html").write_text("<html><body><p>Nobody here.</p></body></html>")
    return {"profile": str(DEMO_PROFILE), "other_profile": str(tmp_path / "other.toml"), "page": str(tmp_path / "page.html"),
            "photos": str(tmp_path / "photos"), "clean": str(tmp_path / "clean")}


ALL = list(commands())
IDS = [" ".join(path) for path, _ in ALL]


def test_the_walk_finds_every_command_group_and_subcommand():
    names = set(IDS)
    assert {"scan", "demo", "tasks", "tasks show", "schedule install", "sites check", "photos strip"} <= names
    assert NO_DATA_FOLDER <= names and NETWORK <= names


@pytest.mark.parametrize("path,command", ALL, ids=IDS)
def test_an_unusable_data_folder_is_one_line_never_a_traceback(run_cli, tmp_path, path, command):
    blocker = tmp_path / "afile"
    blocker.write_text("a file where a folder should be\n")
    home = blocker / "home"              # NotADirectoryError even for root, unlike chmod
    files = _files(tmp_path)
    env = {"UNLISTED_HOME": str(home), "UNLISTED_CRONTAB_FILE": str(tmp_path / "crontab")}
    args = minimal_args(path, command, files, offline=False)
    if path[0] in ("scan", "rescan"):
        args.append("--sandbox")         # (a) is about the folder, not the network
    result = run_cli(*args, env=env, timeout=120)
    err = result.stderr
    assert "Traceback" not in err and result.returncode in DOCUMENTED, (args, result.returncode, err)
    if " ".join(path) in NO_DATA_FOLDER:
        assert DATA_FOLDER_LINE not in err
        return
    assert result.returncode == Exit.FAILED, (args, result.returncode, result.stdout, err)
    line = f"unlisted: {DATA_FOLDER_LINE} {home}"
    assert [x for x in err.splitlines() if x.startswith("unlisted:")] == [err.strip().splitlines()[-1]]
    assert err.strip().splitlines()[-1].startswith(line) and "--home" in err and "UNLISTED_HOME" in err


@pytest.mark.parametrize("path,command", ALL, ids=IDS)
def test_no_network_is_never_a_traceback(run_cli, tmp_path, path, command):
    files = _files(tmp_path)
    run_cli.home.mkdir(mode=0o700)
    (run_cli.home / "profile.toml").write_text(DEMO_PROFILE.read_text())
    (run_cli.home / "settings.toml").write_text(SETTINGS)
    guard_log = tmp_path / "refused.log"     # our own: the autouse guard would fail the test on its log
    env = {"UNLISTED_NETGUARD_LOG": str(guard_log), "UNLISTED_CRONTAB_FILE": str(tmp_path / "crontab")}
    args = minimal_args(path, command, files, offline=True)
    result = run_cli(*args, env=env, timeout=180)
    assert "Traceback" not in result.stderr and result.returncode in DOCUMENTED, (args, result.returncode,
                                                                                   result.stderr)
    if " ".join(path) in NETWORK:   # it did try the network (else this test would prove nothing)
        assert guard_log.exists() and guard_log.read_text().strip(), (args, result.stdout, result.stderr)

"""Every CLI command and option is documented in the README (house rule 4)."""

from pathlib import Path

import click

from scanner.cli.main import main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def walk(group: click.Group, prefix: str):
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from walk(command, path)


def test_readme_opens_with_the_two_setup_commands():
    head = "\n".join(README.splitlines()[:6])
    assert "make demo" in head and "make test" in head


def test_every_command_and_option_is_in_the_readme():
    missing = []
    for path, command in walk(main, "unlisted"):
        if not isinstance(command, click.Group) and f"`{path}" not in README:
            missing.append(path)
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help" and opt not in README:
                    missing.append(f"{path} {opt}")
    assert not missing, f"not documented in README.md: {missing}"

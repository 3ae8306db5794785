"""Every CLI command and option is documented in the README (house rule 4)."""

import re
from pathlib import Path

import click

from scanner.cli.main import main

README_PATH = Path(__file__).resolve().parents[1] / "README.md"
README = README_PATH.read_text()


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


def _contributors() -> str:
    start = README.index("## For contributors")
    return README[start:README.index("\n## ", start + 1)]


def test_the_module_map_names_every_package():
    section = _contributors()
    root = README_PATH.parent
    packages = [p.parent.relative_to(root).as_posix() for p in (root / "scanner").glob("*/__init__.py")]
    missing = [f"`{p}/`" for p in sorted(packages) + ["spiders", "reports"] if f"`{p}/`" not in section]
    assert not missing, f"README's module map lacks {missing}"


def test_every_path_the_contributor_section_names_exists():
    root = README_PATH.parent
    paths = re.findall(r"`((?:scanner|spiders|reports|tests|tools|benchmarks)/[^`*\s]*)`", _contributors())
    assert len(paths) > 20
    missing = [p for p in paths if "SITE" not in p and "NAME" not in p and not (root / p).exists()]
    assert not missing, f"README names paths that do not exist: {missing}"

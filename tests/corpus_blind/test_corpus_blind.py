"""The engine on the blind corpus (pages written by someone who had not read it): overall precision >= 0.98,
recall >= 0.97, no namesake finding; its scoring keys are score.py's own, not the engine's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import score  # noqa: E402


@pytest.fixture(scope="module")
def result() -> score.Score:
    return score.score()


def test_the_corpus_is_what_its_readme_says():
    pages = score.load_pages(score.load_profiles())
    assert len(pages) >= 60
    assert len({p.profile for p in pages}) == 2
    assert sum(p.namesake_only for p in pages) >= 15
    assert all((score.HERE / p.file).is_file() for p in pages)


def test_precision_and_recall(result):
    print("\n" + result.table() + "\n" + "\n".join(result.misses))
    assert result.precision() >= 0.98, f"precision {result.precision():.3f} < 0.98"
    assert result.recall() >= 0.97, f"recall {result.recall():.3f} < 0.97"


def test_no_namesake_finding(result):
    assert not result.namesake, "\n".join(result.namesake)


@pytest.mark.parametrize("written, key", [
    ("812 SE Alder St, Portland, OR", "812 alder"), ("2417 N.W. Tamarack Lane", "2417 tamarack"),
    ("jess [at] example [dot] net", "jess@example.net"), ("JESS AT EXAMPLE DOT NET", "jess@example.net"),
])
def test_the_scorers_own_keys(written, key):
    kind = "email" if "@" in key else "home_address"
    assert score.key(kind, "self", written)[2] == key

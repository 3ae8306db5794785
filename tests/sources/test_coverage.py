"""scanner/sources/coverage.py: when a scan checked too little to reassure, and the likely cause."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from scanner.sources.coverage import coverage_of


class R(NamedTuple):
    status: str
    detail: str = ""


OFFLINE = R("ERROR", "could not reach the site (DNS lookup failed: no results for hostname lookup)")


@pytest.mark.parametrize("results, low, cause", [
    ([R("RESULTS"), R("NO_RESULTS"), R("BLOCKED"), R("SKIPPED")], False, ""),         # 2 of 3 checked
    ([R("RESULTS"), R("BLOCKED"), R("SKIPPED")], False, ""),                           # exactly half is enough
    ([R("RESULTS"), R("BLOCKED"), R("BLOCKED")], True, "blocked"),
    ([OFFLINE, OFFLINE, R("BLOCKED"), R("SKIPPED")], True, "offline"),
    ([R("ERROR", "the site answered HTTP 500"), R("ERROR", "the scan was stopped before this site answered")],
     True, "errors"),
    ([R("SKIPPED"), R("SKIPPED")], True, "nothing_searched"),
])
def test_low_coverage_and_its_cause(results, low, cause):
    coverage = coverage_of(results)
    assert (coverage.low, coverage.cause) == (low, cause)
    assert coverage.searched + coverage.skipped == coverage.total == len(results)
    assert coverage.checked + coverage.unchecked == coverage.searched
    assert bool(coverage.warning()) == low
    assert coverage.to_dict()["warning"] == coverage.warning()


def test_the_warning_names_the_counts_and_the_cause():
    text = coverage_of([OFFLINE] * 40 + [R("NO_RESULTS")] * 3 + [R("SKIPPED")] * 5).warning()
    assert text.startswith("Only 3 of the 43 sites searched could be checked, so this is not an all-clear")
    assert "40 could not be reached at all: is this computer offline?" in text
    assert coverage_of([OFFLINE] * 3).warning().startswith("None of the 3 sites searched could be checked, so")
    assert coverage_of([OFFLINE]).warning().startswith("The one site searched could not be checked, so")

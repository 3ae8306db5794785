from scanner.words import plural


def test_plural():
    assert plural(1, "site") == "1 site"
    assert plural(0, "site") == "0 sites"
    assert plural(2, "exposure") == "2 exposures"
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(3, "entry", "entries") == "3 entries"

"""`unlisted sites check SITE --page FILE`: a maintainer tests an entry on a page saved from a browser."""

import json

from spiders.catalog import FIXTURES_DIR


def test_a_saved_results_page_gives_verdict_cards_links_and_what_each_card_reads(run_cli):
    page = FIXTURES_DIR / "truepeoplesearch" / "results.html"
    result = run_cli("sites", "check", "truepeoplesearch", "--page", str(page), "--format", "json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert {k: out[k] for k in ("site", "verdict", "cards")} == {"site": "truepeoplesearch", "verdict": "results", "cards": 2}
    assert len(out["detail_links"]) == 2 and set(out) >= {"detail_links", "reason"}
    assert out["listings"][0]["names"] == ["Avery Jo Quinlan"] and out["listings"][0]["relatives"] == ["Jordan Quinlan"]
    text = run_cli("sites", "check", "truepeoplesearch", "--page", str(page))
    assert text.returncode == 0 and text.stdout.startswith("truepeoplesearch: RESULTS") and "2 cards" in text.stdout


def test_walls_no_results_detail_pages_and_pages_the_entry_does_not_know(run_cli, tmp_path):
    fps = FIXTURES_DIR / "fastpeoplesearch"
    verdict = {}
    for name in ("blocked.html", "no_results.html"):
        out = run_cli("sites", "check", "fastpeoplesearch", "--page", str(fps / name), "--format", "json")
        assert out.returncode == 0, out.stderr
        verdict[name] = json.loads(out.stdout)
    assert verdict["blocked.html"]["verdict"] == "blocked" and verdict["blocked.html"]["cards"] == 0
    assert verdict["no_results.html"]["verdict"] == "no_results" and verdict["no_results.html"]["detail_links"] == []
    detail = run_cli("sites", "check", "fastpeoplesearch", "--page", str(fps / "detail.html"), "--kind", "detail",
                     "--format", "json")
    assert json.loads(detail.stdout)["verdict"] == "results"
    (tmp_path / "other.html").write_text("<html><body><p>Welcome!</p></body></html>")
    unknown = run_cli("sites", "check", "fastpeoplesearch", "--page", str(tmp_path / "other.html"), "--format", "json")
    assert unknown.returncode == 1 and json.loads(unknown.stdout)["verdict"] == "error"


def test_bad_uses_are_one_line_errors(run_cli, tmp_path):
    (tmp_path / "x.bin").write_bytes(b"\x00\x01" * 100)
    for args, said in ((["--page", "missing.html"], "give exactly one SITE"),
                       (["fastpeoplesearch", "--page", str(tmp_path / "nope.html")], "cannot read the file"),
                       (["fastpeoplesearch", "--page", str(tmp_path / "x.bin")], "not an HTML page"),
                       (["fastpeoplesearch", "--live", "--page", str(tmp_path / "x.bin")], "without --live")):
        result = run_cli("sites", "check", *args)
        assert result.returncode == 2 and said in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr

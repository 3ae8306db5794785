"""`unlisted analyze` through the real CLI on inputs it can read only in part: a page over the size cap,
a photo cut short. It says so beside the input and in the summary, never "nothing found" about the part
it did not read, and ends with exit 1 (Exit.PARTIAL)."""

import io
import json

import exif
from bs4 import BeautifulSoup
from PIL import Image

from scanner.engine.extract import MAX_INPUT
from scanner.exitcodes import Exit
from scanner.sandbox.server import DEMO_PROFILE

# The demo profile's person (fictional): name, home address and phone.
DETAILS = (b"<h1>Avery J Quinlan</h1><p>4821 SE Larkspur Ct</p><p>Portland, OR 97206</p>"
           b"<p>Phone (503) 555-0147</p>")
FILLER = b"<p>" + b"Unrelated listing text. " * 40 + b"</p>\n"
UNQUALIFIED = "No details of yours were found in these inputs."


def big_page(details_first: bool) -> bytes:
    pad = FILLER * (MAX_INPUT // len(FILLER) + 50)          # about 50 KiB past the 10 MiB cap
    body = DETAILS + pad if details_first else pad + DETAILS
    return b"<html><body>" + body + b"</body></html>"


def photo(gps: bool) -> bytes:
    buf = io.BytesIO()
    Image.effect_noise((160, 120), 60).convert("RGB").save(buf, "JPEG")  # noise: real image data to lose
    if not gps:
        return buf.getvalue()
    img = exif.Image(buf.getvalue())
    img.gps_latitude, img.gps_latitude_ref = (45.0, 29.0, 14.6), "N"       # a few metres from the demo home
    img.gps_longitude, img.gps_longitude_ref = (122.0, 36.0, 3.2), "W"
    return img.get_file()


def analyze(run_cli, *paths, fmt="text", extra=()):
    return run_cli("analyze", "--profile", str(DEMO_PROFILE), "--format", fmt, *extra, *map(str, paths))


def test_details_after_the_cap_are_not_called_absent(run_cli, tmp_path):
    page = tmp_path / "late.html"
    page.write_bytes(big_page(details_first=False))
    result = analyze(run_cli, page)
    assert result.returncode == Exit.PARTIAL == 1, result.stderr
    out = result.stdout
    cut = f"only the first 10 MiB of {page} was read"
    beside = next(line for line in out.splitlines() if line.startswith("PARTLY") and str(page) in line)
    assert cut in beside and "nothing found in the part that was read" in beside
    summary = next(line for line in out.splitlines() if line.startswith("Not read fully"))
    assert cut in summary
    assert UNQUALIFIED not in out
    for line in out.splitlines():
        if "No details of yours were found" in line:
            assert line == "No details of yours were found in the parts that were read."
    assert "Traceback" not in result.stderr
    as_json = json.loads(analyze(run_cli, page, fmt="json").stdout)
    assert as_json["findings"] == [] and as_json["errors"] == []
    assert as_json["incomplete"] == [{"input": str(page), "kind": "cut", "reason": cut}]


def test_details_before_the_cap_are_found_and_the_cut_still_said(run_cli, tmp_path):
    page = tmp_path / "early.html"
    page.write_bytes(big_page(details_first=True))
    result = analyze(run_cli, page)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "CRITICAL home_address" in out and "(503) 555-0147" in out
    assert f"only the first 10 MiB of {page} was read; the details above were found in the part that was read" in out
    assert "No details of yours" not in out


def test_cut_photo_could_not_be_read_fully(run_cli, tmp_path):
    plain, located = photo(gps=False), photo(gps=True)
    (tmp_path / "cut.jpg").write_bytes(plain[: len(plain) * 2 // 3])
    (tmp_path / "cut-gps.jpg").write_bytes(located[: len(located) * 2 // 3])
    result = analyze(run_cli, tmp_path / "cut.jpg")
    assert result.returncode == 1, result.stderr
    assert f"PARTLY   {tmp_path / 'cut.jpg'}: could not be read fully" in result.stdout
    assert UNQUALIFIED not in result.stdout and "no location" not in result.stdout.lower()
    assert "Traceback" not in result.stderr and result.stderr == ""
    # the GPS position in the header of a cut photo is still reported, and the cut still said
    result = analyze(run_cli, tmp_path / "cut-gps.jpg", fmt="json")
    assert result.returncode == 1, result.stderr
    out = json.loads(result.stdout)
    assert [(f["kind"], f["severity"]) for f in out["findings"]] == [("geolocation", "critical")]
    (note,) = out["incomplete"]
    assert note["kind"] == "unreadable" and note["reason"].startswith("could not be read fully")


def test_intact_photo_without_location_is_clean(run_cli, tmp_path):
    (tmp_path / "plain.jpg").write_bytes(photo(gps=False))
    result = analyze(run_cli, tmp_path / "plain.jpg")
    assert result.returncode == Exit.OK == 0, result.stderr
    assert result.stdout.strip() == UNQUALIFIED


def test_html_report_says_what_was_not_read(run_cli, tmp_path):
    (tmp_path / "late.html").write_bytes(big_page(details_first=False))
    plain = photo(gps=False)
    (tmp_path / "cut.jpg").write_bytes(plain[: len(plain) // 2])
    (tmp_path / "plain.jpg").write_bytes(plain)
    report = tmp_path / "analysis.html"
    result = analyze(run_cli, *(tmp_path / n for n in ("late.html", "cut.jpg", "plain.jpg")), fmt="html",
                     extra=("--output", str(report)))
    assert result.returncode == 1, result.stderr
    soup = BeautifulSoup(report.read_text(), "html.parser")
    notice = soup.find(id="not-read-fully-notice").get_text(" ", strip=True)
    assert f"only the first 10 MiB of {tmp_path / 'late.html'} was read" in notice
    assert f"{tmp_path / 'cut.jpg'}: could not be read fully" in notice
    summary = soup.find(id="summary").get_text(" ", strip=True)
    assert "1 of 3 sites searched could be checked" in summary and "2 could not be checked" in summary
    manual = soup.find(id="manual-checks").get_text(" ", strip=True)
    assert "nothing found in the part that was read" in manual and "plain.jpg" not in manual

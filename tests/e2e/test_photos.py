"""`unlisted photos check|strip` on a folder of generated photos, through the real CLI."""

import io
import stat

import pytest
from PIL import Image

from scanner.exitcodes import Exit
from scanner.engine.media import read_gps
from scanner.sandbox.server import DEMO_PROFILE

HOME = (45.4871, -122.6012)  # the demo profile's home


def gps_image(fmt: str, lat: float, lon: float) -> bytes:
    img = Image.new("RGB", (32, 24), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneCo"  # camera maker: kept by a location-only strip, removed by --all
    gps = exif.get_ifd(0x8825)

    def dms(v):
        v = abs(v)
        d, m = int(v), int((abs(v) - int(v)) * 60)
        return (float(d), float(m), round(((v - d) * 60 - m) * 60, 4))

    gps[1], gps[2] = ("N" if lat >= 0 else "S"), dms(lat)
    gps[3], gps[4] = ("E" if lon >= 0 else "W"), dms(lon)
    buf = io.BytesIO()
    img.save(buf, format=fmt, exif=exif)
    return buf.getvalue()


@pytest.fixture
def album(tmp_path):
    folder = tmp_path / "album"
    (folder / "2026").mkdir(parents=True)
    (folder / "garden.jpg").write_bytes(gps_image("JPEG", 45.4874, -122.6009))        # ~40 m from home
    (folder / "2026" / "beach.png").write_bytes(gps_image("PNG", 45.9000, -123.9600))  # the coast
    (folder / "2026" / "cat.webp").write_bytes(gps_image("WEBP", 45.4871, -122.6013))
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, format="JPEG")
    (folder / "plain.jpg").write_bytes(buf.getvalue())
    (folder / "broken.jpg").write_bytes(gps_image("JPEG", 1, 1)[:40])
    (folder / "notes.txt").write_text("not a photo")
    return folder


def test_check_lists_located_photos_and_distance_to_home(run_cli, album):
    result = run_cli("photos", "check", str(album), "--profile", str(DEMO_PROFILE))
    assert result.returncode == Exit.PARTIAL, result.stderr   # broken.jpg could not be read
    out = result.stdout
    assert "NEAR HOME" in out and "garden.jpg" in out and "cat.webp" in out
    beach = next(line for line in out.splitlines() if "beach.png" in line)
    assert beach.startswith("location") and "km from your home address (Portland)" in beach
    assert "could not read" in out and "broken.jpg" in out
    assert "notes.txt" not in out and "plain.jpg" not in out
    assert "4 photos read: 3 carry a location, 2 of them near your home." in out
    assert "1 photo could not be read fully (listed above): we cannot say whether it carries a location." in out


def test_strip_makes_clean_copies_and_leaves_originals(run_cli, album, tmp_path):
    before = {p: p.read_bytes() for p in album.rglob("*") if p.is_file()}
    out = tmp_path / "clean"
    result = run_cli("photos", "strip", str(album), "--out", str(out))
    assert result.returncode == 1  # broken.jpg could not be cleaned
    assert "Removed the location from 4 of 5 photos" in result.stdout
    assert "broken.jpg" in result.stderr
    assert {p: p.read_bytes() for p in album.rglob("*") if p.is_file()} == before
    for name in ("garden.jpg", "2026/beach.png", "2026/cat.webp", "plain.jpg"):
        data = (out / name).read_bytes()
        assert read_gps(data) is None, name
        assert Image.open(io.BytesIO(data)).size == (32, 24) or name == "plain.jpg"
    assert b"PhoneCo" in (out / "garden.jpg").read_bytes()  # only the location went
    again = run_cli("photos", "strip", str(album), "--out", str(out))
    assert "already exists" in again.stderr  # never overwrites a copy


def test_strip_all_and_in_place(run_cli, album):
    result = run_cli("photos", "strip", str(album), "--in-place", "--all")
    assert "Removed all metadata from 4 of 5 photos (in place)" in result.stdout
    garden = (album / "garden.jpg").read_bytes()
    assert read_gps(garden) is None and b"PhoneCo" not in garden
    assert stat.S_IMODE((album / "garden.jpg").stat().st_mode) in (0o600, 0o644, 0o664)
    check = run_cli("photos", "check", str(album))
    assert "0 carry a location" in check.stdout


@pytest.mark.parametrize("args, message", [
    (("photos", "strip", "ALBUM"), "give either --out FOLDER"),
    (("photos", "strip", "ALBUM", "--in-place", "--out", "x"), "give either --out FOLDER"),
    (("photos", "strip", "ALBUM", "--out", "ALBUM/sub"), "--out must be a folder outside"),
    (("photos", "check", "nowhere"), "nowhere: not a folder"),
])
def test_bad_usage(run_cli, album, args, message):
    result = run_cli(*[a.replace("ALBUM", str(album)) for a in args])
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_check_never_calls_a_cut_photo_clean(run_cli, tmp_path):
    buf = io.BytesIO()
    Image.effect_noise((120, 90), 60).convert("RGB").save(buf, format="JPEG")  # no GPS, real image data
    (tmp_path / "cut.jpg").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    (tmp_path / "whole.jpg").write_bytes(buf.getvalue())
    result = run_cli("photos", "check", str(tmp_path))
    assert result.returncode == Exit.PARTIAL, result.stderr
    (line,) = [x for x in result.stdout.splitlines() if "cut.jpg" in x]
    assert line.startswith("could not read") and "could not be read fully" in line
    assert "whole.jpg" not in result.stdout
    assert "1 photo read: 0 carry a location" in result.stdout
    (tmp_path / "cut.jpg").unlink()
    assert run_cli("photos", "check", str(tmp_path)).returncode == Exit.OK   # every photo read: nothing to add

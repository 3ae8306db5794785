"""Photos and videos from phones through the real CLI: HEIC/HEIF/AVIF GPS (`photos check`, `analyze`),
clean HEIC/AVIF copies (`photos strip`), the location in MOV/MP4 videos, and "could not read" for every
file that looks like a photo or video but cannot be read."""

import io
import json

import pytest
from PIL import Image

from scanner.engine.media import GPS_IFD, ImageRead, read_gps, read_image
from scanner.exitcodes import Exit
from scanner.sandbox.server import DEMO_PROFILE
from tests.phonefiles import COAST, NEAR_HOME, box, mov_with_xyz, mp4_with_apple_keys, photo


@pytest.fixture
def phone(tmp_path):
    folder = tmp_path / "Camera Roll"
    (folder / "2026").mkdir(parents=True)
    (folder / "IMG_0001.HEIC").write_bytes(photo("HEIF", NEAR_HOME))
    (folder / "2026" / "beach.heif").write_bytes(photo("HEIF", COAST))
    (folder / "2026" / "plain.heic").write_bytes(photo("HEIF", None))
    (folder / "sunset.avif").write_bytes(photo("AVIF", COAST))
    (folder / "IMG_0002.MOV").write_bytes(mov_with_xyz(NEAR_HOME))
    (folder / "2026" / "walk.mp4").write_bytes(mp4_with_apple_keys(COAST))
    (folder / "IMG_0003.HEIC").write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40)   # a header, no photo
    (folder / "renamed.jpg").write_bytes(b"<html>not a photo</html>")
    (folder / "cut.mov").write_bytes(mov_with_xyz(NEAR_HOME)[:100])
    (folder / "loop.mp4").write_bytes(box(b"ftyp", b"mp42\x00\x00\x00\x00mp42") + b"\x00\x00\x00\x01moov"
                                      + (2**63).to_bytes(8, "big"))                  # a box "larger" than the disk
    (folder / "notes.txt").write_text("not a photo")
    return folder


def test_check_reads_heic_heif_avif_and_videos_and_lists_what_it_cannot_read(run_cli, phone):
    result = run_cli("photos", "check", str(phone), "--profile", str(DEMO_PROFILE))
    assert result.returncode == Exit.PARTIAL, result.stderr
    lines = {line.split(phone.name + "/", 1)[1].split(":")[0]: line for line in result.stdout.splitlines()
             if phone.name + "/" in line}
    assert lines["IMG_0001.HEIC"].startswith("NEAR HOME") and "from your home address (Portland)" in lines["IMG_0001.HEIC"]
    assert lines["IMG_0002.MOV"].startswith("NEAR HOME") and "45.48740, -122.60090" in lines["IMG_0002.MOV"]
    for name in ("2026/beach.heif", "sunset.avif", "2026/walk.mp4"):
        assert lines[name].startswith("location") and "45.90000, -123.96000" in lines[name], name
    for name in ("IMG_0003.HEIC", "renamed.jpg", "cut.mov", "loop.mp4"):
        assert lines[name].startswith("could not read"), name
    assert "content is not a JPEG, PNG, TIFF, WebP, HEIC/HEIF or AVIF photo" in lines["renamed.jpg"]
    assert "cut short" in lines["cut.mov"] and "cut short" in lines["loop.mp4"]
    assert "2026/plain.heic" not in lines and "notes.txt" not in result.stdout
    assert "4 photos and 2 videos read: 5 carry a location, 2 of them near your home." in result.stdout
    assert "4 files could not be read fully (listed above)" in result.stdout
    assert "Videos cannot be cleaned here. To share a video without its location: on an iPhone, tap Options" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_folder_of_clean_iphone_photos_is_all_clear(run_cli, tmp_path):
    (tmp_path / "IMG_0001.HEIC").write_bytes(photo("HEIF", None))
    (tmp_path / "IMG_0002.AVIF").write_bytes(photo("AVIF", None))
    result = run_cli("photos", "check", str(tmp_path))
    assert result.returncode == Exit.OK, result.stdout
    assert "2 photos read: 0 carry a location" in result.stdout


def test_strip_writes_clean_heic_and_avif_copies_and_says_videos_cannot_be_cleaned(run_cli, phone, tmp_path):
    out = tmp_path / "clean"
    result = run_cli("photos", "strip", str(phone), "--out", str(out))
    assert result.returncode == Exit.PARTIAL, result.stderr
    assert "Removed the location from 4 of 6 photos" in result.stdout
    assert "4 videos not cleaned (listed above): unlisted cannot clean videos. To share a video without its " \
           "location: on an iPhone, tap Options in the share sheet and turn Location off; on Android, turn off " \
           "the camera's location tag" in result.stdout
    assert "IMG_0002.MOV: this video carries a location; videos are not cleaned" in result.stderr
    assert "IMG_0003.HEIC" in result.stderr and "renamed.jpg" in result.stderr
    for name, fmt in (("IMG_0001.HEIC", "HEIF"), ("2026/beach.heif", "HEIF"), ("2026/plain.heic", "HEIF"),
                      ("sunset.avif", "AVIF")):
        original, data = (phone / name).read_bytes(), (out / name).read_bytes()
        assert read_image(original).position is not None or name == "2026/plain.heic"
        assert read_image(data) == ImageRead(None), name   # read fully, no position
        with Image.open(io.BytesIO(data)) as img:
            assert img.format == fmt and img.size == (32, 24)
            assert GPS_IFD not in img.getexif() or not img.getexif().get_ifd(GPS_IFD), name
            img.load()
        assert b"PhoneCo" in data, name          # only the location went
        assert len(data) == len(original), name  # rewritten in place: the picture is the same bytes
    assert not (out / "IMG_0002.MOV").exists() and not (out / "2026" / "walk.mp4").exists()


def test_strip_all_removes_every_tag_from_heic(run_cli, tmp_path):
    (tmp_path / "IMG_0001.HEIC").write_bytes(photo("HEIF", NEAR_HOME))
    result = run_cli("photos", "strip", str(tmp_path), "--in-place", "--all")
    assert result.returncode == Exit.OK, result.stderr
    data = (tmp_path / "IMG_0001.HEIC").read_bytes()
    assert read_gps(data) is None and b"PhoneCo" not in data
    assert Image.open(io.BytesIO(data)).size == (32, 24)


def test_analyze_reads_a_heic_photo_and_a_video_and_refuses_a_fake(run_cli, tmp_path):
    (tmp_path / "IMG_0001.HEIC").write_bytes(photo("HEIF", NEAR_HOME))
    (tmp_path / "clip.mov").write_bytes(mov_with_xyz(COAST))
    (tmp_path / "fake.heic").write_bytes(b"<html><body>hello</body></html>")
    result = run_cli("analyze", "--profile", str(DEMO_PROFILE), "--format", "json",
                     "IMG_0001.HEIC", "clip.mov", "fake.heic")
    assert result.returncode == Exit.PARTIAL, result.stderr
    report = json.loads(result.stdout)
    found = {(f["input"], f["kind"], f["severity"]) for f in report["findings"]}
    assert found == {("IMG_0001.HEIC", "geolocation", "critical"), ("clip.mov", "geolocation", "medium")}
    assert [e["input"] for e in report["errors"]] == ["fake.heic"]
    assert "the name says photo or video" in report["errors"][0]["error"]

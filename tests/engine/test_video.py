"""The location in videos (scanner.engine.video): the three places phones write it, ISO 6709 forms, and
hostile files (cut, looping, huge or absurd box sizes) that must end in one MediaError line, quickly."""

from __future__ import annotations

import struct
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.engine.media import ImageRead, MediaError
from scanner.engine.mediatypes import video_format
from scanner.engine.video import MAX_BOXES, iso6709, read_video_bytes
from tests.phonefiles import COAST, NEAR_HOME, apple_meta, box, full_box, mov_with_xyz, mp4_with_apple_keys, video, xyz


def _loci(where) -> bytes:
    lat, lon = (round(v * 65536) for v in where)
    return full_box(b"loci", b"\x15\xc7" + b"Home\x00" + b"\x00" + struct.pack(">iii", lon, lat, 0) + b"earth\x00")


@pytest.mark.parametrize("data, expected", [
    (mov_with_xyz(NEAR_HOME), NEAR_HOME),
    (mp4_with_apple_keys(COAST), COAST),
    (video(b"qt  ", box(b"udta", apple_meta(COAST, iso_form=True))), COAST),
    (video(b"3gp4", box(b"udta", _loci(NEAR_HOME))), NEAR_HOME),
    (video(b"isom", box(b"udta", xyz(COAST)), moov_last=False), COAST),
    (video(b"mp42", box(b"udta", box(b"\xa9nam", b"holiday"))), None),
    (video(b"mp42", b""), None),
])
def test_location_is_read_where_phones_write_it(data, expected):
    read = read_video_bytes(data)
    assert read.problem == ""
    if expected is None:
        assert read.position is None
    else:
        assert read.position == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("text, expected", [
    ("+45.4801-122.6003/", (45.4801, -122.6003)),
    ("+45.4801-122.6003+012.345/", (45.4801, -122.6003)),
    ("-33.8568+151.2153/", (-33.8568, 151.2153)),
    ("+4528.806-12236.018/", (45.4801, -122.6003)),           # degrees and minutes
    ("+452848.36-1223601.08/", (45.4801, -122.6003)),         # degrees, minutes and seconds
    ("+95.0000-122.6003/", None), ("+00.0000+000.0000/", None), ("nowhere", None), ("", None), ("+1234567890-1/", None),
])
def test_iso6709(text, expected):
    got = iso6709(text)
    assert (got is None and expected is None) or got == pytest.approx(expected, abs=1e-4)


def test_sniffing_tells_videos_from_photos():
    assert video_format(mov_with_xyz(COAST)) == "MOV"
    assert video_format(mp4_with_apple_keys(COAST)) == "MP4"
    assert video_format(b"\x00\x00\x00\x10moov" + b"\x00" * 8) == "MOV"      # QuickTime before ftyp existed
    assert video_format(box(b"ftyp", b"heic\x00\x00\x00\x00mif1heic")) is None
    assert video_format(box(b"ftyp", b"M4A \x00\x00\x00\x00M4A ")) is None  # audio
    assert video_format(b"<html>") is None


FTYP = box(b"ftyp", b"mp42\x00\x00\x00\x00mp42")
HOSTILE = {
    "cut in the middle of moov": mov_with_xyz(NEAR_HOME)[:-20],
    "cut in a box header": FTYP + b"\x00\x00\x00",
    "64-bit size past the end": FTYP + b"\x00\x00\x00\x01moov" + (2**64 - 1).to_bytes(8, "big"),
    "64-bit size cut": FTYP + b"\x00\x00\x00\x01moov\x00\x00",
    "size smaller than its header": FTYP + b"\x00\x00\x00\x04moov" + b"\x00" * 20,
    "child larger than its parent": FTYP + box(b"moov", struct.pack(">I", 4096) + b"udta" + b"\x00" * 20),
    "udta claims a gigabyte": FTYP + b"\x00\x00\x00\x10moov" + struct.pack(">I", 2**30) + b"udta",
    "no moov at all": FTYP + box(b"mdat", b"\x00" * 64),
    "not a box structure": b"\xff" * 200,
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_videos_are_one_line_errors(name):
    with pytest.raises(MediaError) as caught:
        read_video_bytes(HOSTILE[name])
    assert "\n" not in str(caught.value) and str(caught.value)


def test_metadata_larger_than_the_cap_is_refused_without_reading_it():
    data = FTYP + box(b"moov", box(b"udta", b"\x00" * (1024 * 1024 + 16)))
    with pytest.raises(MediaError, match="larger than 1024 KiB"):
        read_video_bytes(data)


def test_a_million_empty_boxes_stop_at_the_cap_quickly():
    start = time.monotonic()
    with pytest.raises(MediaError, match=f"more than {MAX_BOXES}"):
        read_video_bytes(FTYP + box(b"free") * 1_000_000)
    assert time.monotonic() - start < 5


def test_a_position_read_before_the_damage_is_kept_with_the_problem():
    data = video(b"isom", box(b"udta", xyz(COAST)), moov_last=False)
    read = read_video_bytes(data[:-50])   # moov first, then mdat cut short
    assert read.position == pytest.approx(COAST, abs=1e-4) and "cut short" in read.problem


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_videos_never_crash(data):
    original = bytearray(mp4_with_apple_keys(NEAR_HOME) if data.draw(st.booleans()) else mov_with_xyz(COAST))
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(original)))
    try:
        read = read_video_bytes(bytes(original[:cut]))
    except MediaError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(read, ImageRead)


def test_analyze_a_video_link_read_in_part_keeps_its_location_and_says_so():
    from scanner.analyze import analyze_inputs
    from scanner.profile import load_profile
    from scanner.sandbox.server import DEMO_PROFILE

    whole = video(b"isom", box(b"udta", xyz(NEAR_HOME)), moov_last=False)   # "fast start": moov first
    result = analyze_inputs(["https://www.example.com/v/walk.mp4"], load_profile(DEMO_PROFILE),
                            fetch=lambda url: whole[:-50])
    assert [(f["kind"], f["severity"]) for f in result["findings"]] == [("geolocation", "critical")]
    assert result["findings"][0]["evidence"].startswith("The video was taken about")
    assert result["incomplete"][0]["kind"] == "unreadable" and "cut short" in result["incomplete"][0]["reason"]
    cut = analyze_inputs(["https://www.example.com/v/walk.mp4"], load_profile(DEMO_PROFILE), fetch=lambda url: whole[:60])
    assert cut["findings"] == [] and "could not read the video" in cut["errors"][0]["error"]

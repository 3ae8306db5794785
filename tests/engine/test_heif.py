"""HEIC/HEIF and AVIF photos (scanner.engine.heif, mediatypes): recognised by their brands, GPS read,
location stripped in place (same picture bytes), XMP positions, damaged files, and the practice-site crawl."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from scrapy.http import HtmlResponse, Response

from scanner.engine.imageopen import ensure_opener
from scanner.engine.items import findings_for_item
from scanner.engine.media import MediaError, analyze_image, read_gps, read_image, strip_location
from scanner.engine.mediatypes import claims_media, image_format
from scanner.profile import load_profile
from scanner.sandbox.server import DEMO_PROFILE
from scanner.sources.targets import PracticeTarget
from spiders.items import MediaItem
from spiders.practice import PracticeSiteSpider
from tests.phonefiles import COAST, NEAR_HOME, box, photo

PROFILE = load_profile(DEMO_PROFILE)
XMP_GPS = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="45,29.244N" '
           b'exif:GPSLongitude="122,36.054W"/></rdf:RDF></x:xmpmeta>')


@pytest.mark.parametrize("head, expected", [
    (box(b"ftyp", b"heic\x00\x00\x00\x00mif1heic"), "HEIF"),                 # iPhone
    (box(b"ftyp", b"mif1\x00\x00\x00\x00mif1heic"), "HEIF"),
    (box(b"ftyp", b"heix\x00\x00\x00\x00mif1heix"), "HEIF"),
    (box(b"ftyp", b"avif\x00\x00\x00\x00avifmif1miaf"), "AVIF"),
    (box(b"ftyp", b"mif1\x00\x00\x00\x00mif1avifmiaf"), "AVIF"),
    (box(b"ftyp", b"qt  \x00\x00\x00\x00qt  "), None),
    (box(b"ftyp", b"mp42\x00\x00\x00\x00mp42mif1"), None),
    (b"\x00\x00\x00\x18ftyp", None),
])
def test_brands_tell_heif_from_avif_and_videos(head, expected):
    assert image_format(head) == expected


def test_names_that_claim_photo_or_video():
    assert all(claims_media(n) for n in ("IMG_0001.HEIC", "a.heif", "b.AVIF", "c.jpeg", "d.MOV", "e.mp4", "f.3gp"))
    assert not any(claims_media(n) for n in ("notes.txt", "heic", "page.html", "song.mp3"))


@pytest.mark.parametrize("fmt", ["HEIF", "AVIF"])
def test_gps_is_read_and_graded_by_distance_to_home(fmt):
    data = photo(fmt, NEAR_HOME)
    assert image_format(data) == fmt and ensure_opener(fmt) == ""
    assert read_image(data).position == pytest.approx(NEAR_HOME, abs=1e-4)
    assert [(f.kind, f.severity) for f in analyze_image(data, "IMG.HEIC", PROFILE)] == [("geolocation", "critical")]
    assert read_image(photo(fmt, None)).position is None and read_image(photo(fmt, None)).problem == ""


@pytest.mark.parametrize("fmt", ["HEIF", "AVIF"])
def test_strip_rewrites_exif_in_place_and_keeps_the_picture(fmt):
    data = photo(fmt, COAST, size=(64, 48))
    clean = strip_location(data)
    assert read_gps(clean) is None and b"PhoneCo" in clean and len(clean) == len(data)
    changed = [i for i, (a, b) in enumerate(zip(data, clean)) if a != b]
    exif_at = data.index(Image.open(io.BytesIO(data)).info["exif"].removeprefix(b"Exif\x00\x00"))
    assert changed and exif_at <= changed[0] and changed[-1] < exif_at + 200   # only the EXIF block moved
    with Image.open(io.BytesIO(data)) as a, Image.open(io.BytesIO(clean)) as b:
        assert a.tobytes() == b.tobytes()
    assert strip_location(photo(fmt, None)) == photo(fmt, None)    # nothing to take out: the same bytes


def test_a_position_in_xmp_is_taken_out_too():
    data = photo("HEIF", COAST, xmp=XMP_GPS)
    assert b"GPSLatitude" in data
    clean = strip_location(data)
    assert read_gps(clean) is None and b"GPSLatitude" not in clean and b"PhoneCo" in clean
    assert Image.open(io.BytesIO(clean)).size == (32, 24)


@pytest.mark.parametrize("cut", [40, 200, -60])
def test_damaged_heic_is_never_called_clean(cut):
    data = photo("HEIF", None, size=(64, 48))
    try:
        read = read_image(data[:cut])
    except MediaError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert read.problem, "a cut photo read as clean"


def test_practice_site_heic_photo_is_fetched_and_its_location_found():
    root = "http://127.0.0.1:1/web/practice.example/"
    spider = PracticeSiteSpider(PracticeTarget(root, (root,)), on_site_done=lambda *_: None)
    req = spider.request(root, "practice_site", spider.parse_page, kind="search", depth_left=1)
    page = HtmlResponse(root, body=b'<img src="porch.HEIC"><a href="garden.avif">garden</a>', encoding="utf-8",
                        request=req, headers={"Content-Type": "text/html"})
    urls = {getattr(o, "url", "") for o in spider.parse_page(page)}
    assert {root + "porch.HEIC", root + "garden.avif"} <= urls
    img_req = spider.request(root + "porch.HEIC", "practice_site", spider.parse_image, kind="media")
    (item,) = spider.parse_image(Response(img_req.url, body=photo("HEIF", NEAR_HOME), request=img_req))
    assert isinstance(item, MediaItem)
    assert [(f.kind, f.severity) for f in findings_for_item(item, PROFILE)] == [("geolocation", "critical")]

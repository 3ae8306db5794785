"""analyze_inputs: the `unlisted analyze` contract, local files by magic bytes, links, refusals, hostile files."""

from __future__ import annotations

import datetime as dt
import io
import json
import socket

import exif
import pytest
from PIL import Image

from scanner import analyze as an
from scanner.analyze import analyze_inputs
from scanner.profile import parse_profile

TODAY = dt.date(2025, 5, 1)
PROFILE = parse_profile({
    "schema": 1,
    "person": {"name": "Avery J. Quinlan", "birth_date": "1983-06-02", "phones": ["(503) 555-0147"]},
    "addresses": [{"kind": "home", "street": "4821 SE Larkspur Ct", "city": "Portland", "state": "OR",
                   "postal_code": "97206", "lat": 45.48, "lon": -122.6}],
    "family": [{"name": "Jordan Quinlan", "relation": "spouse", "birth_year": 1982}],
})
PAGE = (b"<html><body><h1>Avery J Quinlan</h1><p>Age 41</p><p>4821 SE Larkspur Ct</p><p>Portland, OR 97206</p>"
        b"<p>Phone (503) 555-0147</p></body></html>")
CONTRACT_KEYS = {"input", "kind", "subject", "value", "confidence", "severity", "evidence"}


def gps_jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16)).save(buf, "JPEG")
    img = exif.Image(buf.getvalue())
    img.gps_latitude, img.gps_latitude_ref = (45.0, 28.0, 48.1), "N"
    img.gps_longitude, img.gps_longitude_ref = (122.0, 36.0, 0.2), "W"
    return img.get_file()


def noisy_jpeg(gps: bool = False) -> bytes:
    """A photo with real image data (noise does not compress), so a cut file loses pixels."""
    buf = io.BytesIO()
    Image.effect_noise((120, 90), 60).convert("RGB").save(buf, "JPEG")
    if not gps:
        return buf.getvalue()
    img = exif.Image(buf.getvalue())
    img.gps_latitude, img.gps_latitude_ref = (45.0, 28.0, 48.1), "N"
    img.gps_longitude, img.gps_longitude_ref = (122.0, 36.0, 0.2), "W"
    return img.get_file()


def _check_contract(result: dict) -> None:
    assert set(result) == {"findings", "errors", "incomplete"}
    json.dumps(result)
    for f in result["findings"]:
        assert CONTRACT_KEYS <= set(f)
        assert 0.0 <= f["confidence"] <= 1.0
        assert f["severity"] in {"critical", "high", "medium", "low", "info"}
        assert f["subject"] == "self" or f["subject"] == "Jordan Quinlan"
    for e in result["errors"]:
        assert set(e) == {"input", "error"} and e["error"] and "\n" not in e["error"] and "Traceback" not in e["error"]
    for i in result["incomplete"]:
        assert set(i) == {"input", "kind", "reason"} and i["kind"] in ("cut", "unreadable") and "\n" not in i["reason"]


def test_local_html_and_image_by_magic_bytes(tmp_path):
    page = tmp_path / "listing.txt"
    page.write_bytes(PAGE)
    photo = tmp_path / "holiday.html"       # an image with a misleading name
    photo.write_bytes(gps_jpeg())
    result = analyze_inputs([str(page), str(photo)], PROFILE, today=TODAY)
    _check_contract(result)
    assert result["errors"] == []
    by_kind = {(f["input"], f["kind"]): f for f in result["findings"]}
    assert by_kind[(str(page), "home_address")]["severity"] == "critical"
    assert by_kind[(str(page), "phone")]["value"] == "(503) 555-0147"
    assert (str(page), "birth_date") in by_kind
    geo = by_kind[(str(photo), "geolocation")]
    assert geo["severity"] == "critical" and "reasons" in geo


def test_hostile_files_become_errors_or_clean_results(tmp_path):
    junk = tmp_path / "junk.html"
    junk.write_bytes(bytes(range(256)) * 100)
    truncated = tmp_path / "cut.jpg"
    truncated.write_bytes(gps_jpeg()[:40])
    bomb = tmp_path / "bomb.png"
    import struct
    import zlib

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    bomb.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 10000, 10000, 8, 2, 0, 0, 0)) + chunk(b"IEND", b""))
    pdf = tmp_path / "doc.html"
    pdf.write_bytes(b"%PDF-1.4 ...")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    inputs = [str(junk), str(truncated), str(bomb), str(pdf), str(empty), str(tmp_path / "missing.html"), str(tmp_path)]
    result = analyze_inputs(inputs, PROFILE, today=TODAY)
    _check_contract(result)
    errors = {e["input"]: e["error"] for e in result["errors"]}
    assert "binary" in errors[str(junk)]
    assert "megapixel" in errors[str(bomb)] or "bomb" in errors[str(bomb)]
    assert "PDF" in errors[str(pdf)]
    assert errors[str(tmp_path / "missing.html")] == "file not found"
    assert "folder" in errors[str(tmp_path)]
    assert str(empty) in errors
    assert result["findings"] == [] or all(f["input"] == str(truncated) for f in result["findings"])


def test_links_with_injected_fetch():
    calls = []

    def fetch(url: str) -> bytes:
        calls.append(url)
        return PAGE if url.endswith("/page") else gps_jpeg()

    result = analyze_inputs(["https://people.example/page", "http://photos.example/p.jpg"], PROFILE, fetch=fetch, today=TODAY)
    _check_contract(result)
    assert calls == ["https://people.example/page", "http://photos.example/p.jpg"]
    kinds = {(f["input"], f["kind"]) for f in result["findings"]}
    assert ("https://people.example/page", "home_address") in kinds
    assert ("http://photos.example/p.jpg", "geolocation") in kinds


@pytest.mark.parametrize("url,fragment", [
    ("ftp://files.example/x.html", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("http://127.0.0.1/admin", "private or local"),
    ("http://[::1]/", "private or local"),
    ("http://[::ffff:10.0.0.1]/", "private or local"),
    ("http://169.254.169.254/latest/meta-data", "private or local"),
    ("http://192.168.1.10/", "private or local"),
    ("http://localhost:8080/", "this computer or the local network"),
    ("http://2130706433/", "numeric form of 127.0.0.1"),
    ("http://0x7f.1/", "numeric form of 127.0.0.1"),
])
def test_refused_links(url, fragment, monkeypatch):
    monkeypatch.delenv("UNLISTED_SANDBOX", raising=False)
    fetched = []
    result = analyze_inputs([url], PROFILE, fetch=lambda u: fetched.append(u) or PAGE, today=TODAY)
    _check_contract(result)
    assert fetched == []
    (err,) = result["errors"]
    assert fragment in err["error"]


def test_sandbox_allows_loopback(monkeypatch):
    result = analyze_inputs(["http://127.0.0.1:8000/page"], PROFILE, fetch=lambda u: PAGE, today=TODAY,
                            allow_private=True)
    assert result["errors"] == [] and result["findings"]


def test_dns_resolving_to_private_address_is_refused(monkeypatch):
    monkeypatch.delenv("UNLISTED_SANDBOX", raising=False)

    def fake_getaddrinfo(host, port, *a, **kw):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.5", port))]

    monkeypatch.setattr(an.socket, "getaddrinfo", fake_getaddrinfo)
    result = analyze_inputs(["https://innocent.example/page"], PROFILE, today=TODAY)  # default fetcher
    (err,) = result["errors"]
    assert "resolves to 10.0.0.5, a private or local address" in err["error"]


def test_default_fetch_caps_size_and_checks_redirects(monkeypatch):
    monkeypatch.delenv("UNLISTED_SANDBOX", raising=False)
    monkeypatch.setattr(an.socket, "getaddrinfo", lambda host, port, *a, **kw: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))])

    class Resp:
        def __init__(self, status, headers, body=b""):
            self.status_code, self.headers, self._body = status, headers, body
            self.is_redirect = status in (301, 302)

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def iter_content(self, n):
            for i in range(0, len(self._body), n):
                yield self._body[i:i + n]

    import requests

    pad = b"<p>filler</p>" * (an.PAGE_CAP // 13 + 10)
    responses = {
        "https://big.example/": Resp(200, {"Content-Type": "text/html"}, PAGE + pad),
        "https://late.example/": Resp(200, {"Content-Type": "text/html"}, pad + PAGE),
        "https://bigphoto.example/": Resp(200, {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff" + bytes(an.IMAGE_CAP)),
        "https://hop.example/": Resp(302, {"Location": "http://127.0.0.1/secret"}),
    }
    monkeypatch.setattr(requests.Session, "get", lambda self, url, **kw: responses[url])
    result = analyze_inputs(list(responses), PROFILE, today=TODAY)
    _check_contract(result)
    errors = {e["input"]: e["error"] for e in result["errors"]}
    assert set(errors) == {"https://bigphoto.example/", "https://hop.example/"}
    assert "larger than 15 MiB" in errors["https://bigphoto.example/"]
    assert "private or local" in errors["https://hop.example/"]
    # A page over the cap: its first 5 MiB are read, and it says so; the details after the cap are not seen.
    cut = {i["input"]: i for i in result["incomplete"]}
    assert set(cut) == {"https://big.example/", "https://late.example/"}
    assert cut["https://late.example/"] == {"input": "https://late.example/", "kind": "cut",
                                            "reason": "only the first 5 MiB of https://late.example/ was read"}
    assert {f["input"] for f in result["findings"]} == {"https://big.example/"}


def test_file_over_the_cap_is_read_up_to_the_cap_and_said_to_be_cut(tmp_path):
    pad = b"<p>filler</p>" * (an.MAX_INPUT // 13 + 10)
    (tmp_path / "late.html").write_bytes(b"<html><body>" + pad + PAGE)
    (tmp_path / "early.html").write_bytes(PAGE + pad)
    (tmp_path / "whole.html").write_bytes(PAGE[:-14] + pad[: an.MAX_INPUT - len(PAGE) - 100] + b"</body></html>")
    names = [str(tmp_path / n) for n in ("late.html", "early.html", "whole.html")]
    result = analyze_inputs(names, PROFILE, today=TODAY)
    _check_contract(result)
    assert result["errors"] == []
    assert result["incomplete"] == [
        {"input": names[0], "kind": "cut", "reason": f"only the first 10 MiB of {names[0]} was read"},
        {"input": names[1], "kind": "cut", "reason": f"only the first 10 MiB of {names[1]} was read"},
    ]
    kinds = {(f["input"], f["kind"]) for f in result["findings"]}
    assert (names[1], "home_address") in kinds and (names[2], "home_address") in kinds
    assert not any(f["input"] == names[0] for f in result["findings"])


def test_photo_not_read_fully_is_never_clean(tmp_path):
    intact, located = noisy_jpeg(), noisy_jpeg(gps=True)
    files = {
        "intact.jpg": intact,
        "cut.jpg": intact[: len(intact) * 2 // 3],
        "cut-located.jpg": located[: len(located) * 2 // 3],
        # an EXIF block whose first directory points past its end
        "bad-exif.jpg": intact[:2] + b"\xff\xe1\x00\x16Exif\x00\x00MM\x00*\x00\x00\x00\x08\xff\xff\x00\x00" + intact[2:],
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    names = {n: str(tmp_path / n) for n in files}
    result = analyze_inputs(list(names.values()), PROFILE, today=TODAY)
    _check_contract(result)
    assert result["errors"] == []
    partly = {i["input"]: i for i in result["incomplete"]}
    assert set(partly) == {names["cut.jpg"], names["cut-located.jpg"], names["bad-exif.jpg"]}
    assert all(i["kind"] == "unreadable" and i["reason"].startswith("could not be read fully: ") for i in partly.values())
    assert "cut short or damaged" in partly[names["cut.jpg"]]["reason"]
    assert "EXIF" in partly[names["bad-exif.jpg"]]["reason"] or "metadata" in partly[names["bad-exif.jpg"]]["reason"]
    # the GPS in the header of a cut photo is still reported
    assert [(f["input"], f["kind"]) for f in result["findings"]] == [(names["cut-located.jpg"], "geolocation")]


def test_unexpected_exception_is_one_line(monkeypatch):
    def boom(*a, **kw):
        raise RuntimeError("first line\nsecond line")
    monkeypatch.setattr(an, "findings_for_page", boom)
    result = analyze_inputs(["https://people.example/x"], PROFILE, fetch=lambda u: PAGE, today=TODAY)
    (err,) = result["errors"]
    assert "\n" not in err["error"] and "RuntimeError" in err["error"]


def test_dns_rebinding_to_loopback_is_refused_before_any_request(monkeypatch):
    """The name looks public when checked, then resolves to this computer when connecting."""
    import http.server
    import threading

    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    real = socket.getaddrinfo
    calls = []

    def rebinding(host, *args, **kwargs):
        if host == "rebind.example":
            calls.append(host)
            ip = "93.184.216.34" if len(calls) == 1 else "127.0.0.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    try:
        result = analyze_inputs([f"http://rebind.example:{port}/page"], PROFILE, today=TODAY)
    finally:
        server.shutdown()
    (err,) = result["errors"]
    assert "resolves to 127.0.0.1" in err["error"]
    assert len(calls) >= 2 and hits == []

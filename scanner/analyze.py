"""`unlisted analyze`: run the extract/matcher path (or the image path) on files and links the user gives."""

from __future__ import annotations

import dataclasses
import datetime as _dt
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from parsel import Selector

from scanner.engine.extract import MAX_INPUT, ExtractError, decode
from scanner.engine.items import findings_for_page
from scanner.engine.matcher import Finding
from scanner.engine.media import MediaError, image_format, location_findings, read_image
from scanner.engine.mediatypes import FORMAT_NAMES, HEAD, PHOTO_SUFFIXES, VIDEO_SUFFIXES, claims_media, video_format
from scanner.profile import Profile
from spiders.catalog.lookup import site_for_url
from spiders.detection import BLOCKED, NO_RESULTS, classify
from spiders.netguard import AddressRefused, check_resolved, parse_ip
from spiders.netguard import check_url as check_address

PAGE_CAP = 5 * 1024 * 1024
IMAGE_CAP = 15 * 1024 * 1024
TIMEOUT = 20
MAX_REDIRECTS = 5
_UNSUPPORTED = {b"GIF8": "GIF image", b"%PDF": "PDF document", b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip file"}


_FILE_SUFFIXES = (".html", ".htm", ".txt", *PHOTO_SUFFIXES, *VIDEO_SUFFIXES)


class InputError(ValueError):
    """One input that cannot be analysed; the message is one line."""


Fetch = Callable[[str], bytes]


def check_url(url: str, allow_private: bool, resolve: bool) -> None:
    """Refuse non-http(s) schemes and local/private hosts in every textual form, again after DNS when
    ``resolve``. ``allow_private`` is the sandbox: then only loopback is allowed (spiders.netguard rules)."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname or "", parts.port
    except ValueError:
        raise InputError("not a valid link") from None
    try:
        check_address(url, sandbox=allow_private)
    except AddressRefused as exc:
        raise InputError(str(exc)) from None
    if not resolve or parse_ip(host) is not None:
        return
    try:
        infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise InputError(f"cannot resolve the host name {host}") from None
    try:
        check_resolved([str(info[4][0]) for info in infos], sandbox=allow_private)
    except AddressRefused as exc:
        raise InputError(str(exc)) from None


def _guarded_session(allow_private: bool):
    """A requests session whose every connection is checked against the address rules once connected,
    before a byte is sent: the name may resolve differently at connect time (DNS rebinding)."""
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    def checked(conn_cls):
        class Checked(conn_cls):
            def _new_conn(self):
                sock = super()._new_conn()
                try:
                    check_resolved([sock.getpeername()[0]], sandbox=allow_private)
                except AddressRefused:
                    sock.close()
                    raise
                return sock
        return Checked

    class HTTPPool(HTTPConnectionPool):
        ConnectionCls = checked(HTTPConnection)

    class HTTPSPool(HTTPSConnectionPool):
        ConnectionCls = checked(HTTPSConnection)

    class GuardedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {"http": HTTPPool, "https": HTTPSPool}

    session = requests.Session()
    session.trust_env = False
    for prefix in ("http://", "https://"):
        session.mount(prefix, GuardedAdapter())
    return session


def http_fetch(url: str, allow_private: bool = False) -> bytes:
    """GET with requests: no automatic redirects (each hop is checked), timeout, streamed size cap.

    A page larger than PAGE_CAP comes back as its first PAGE_CAP + 1 bytes (analyze says it was cut);
    an image larger than IMAGE_CAP is an InputError."""
    import requests

    session = _guarded_session(allow_private)
    headers = {"User-Agent": "unlisted-analyze/1 (privacy self-check)", "Accept": "text/html,image/*;q=0.9,*/*;q=0.5"}
    for _ in range(MAX_REDIRECTS + 1):
        check_url(url, allow_private, resolve=True)
        try:
            resp = session.get(url, headers=headers, timeout=TIMEOUT, stream=True, allow_redirects=False)
        except AddressRefused as exc:
            raise InputError(str(exc)) from None
        except requests.RequestException as exc:
            raise InputError(f"could not fetch the link ({type(exc).__name__})") from None
        with resp:
            if resp.is_redirect or resp.status_code in (301, 302, 303, 307, 308):
                url = urljoin(url, resp.headers.get("Location", ""))
                continue
            if resp.status_code >= 400:
                raise InputError(f"the site answered HTTP {resp.status_code}")
            is_image = resp.headers.get("Content-Type", "").lower().startswith("image/")
            cap = IMAGE_CAP if is_image else PAGE_CAP
            body = bytearray()
            try:
                for chunk in resp.iter_content(65536):
                    body += chunk
                    if len(body) > cap:
                        if is_image or image_format(bytes(body[:HEAD])):
                            raise InputError(f"the image is larger than {cap // (1024 * 1024)} MiB")
                        return bytes(body[:cap + 1])  # a page: its first part is read, and said to be cut
            except requests.RequestException as exc:
                raise InputError(f"the download failed ({type(exc).__name__})") from None
            return bytes(body)
    raise InputError(f"too many redirects (more than {MAX_REDIRECTS})")


def _read_file(path_text: str) -> bytes:
    path = Path(path_text)
    try:
        if path.is_dir():
            raise InputError("is a folder, not a file")
        with path.open("rb") as fh:
            data = fh.read(max(MAX_INPUT, IMAGE_CAP) + 1)
    except FileNotFoundError:
        looks_like_host = "." in path_text.split("/")[0] and path.suffix.lower() not in _FILE_SUFFIXES
        hint = " (for a link, start it with https://)" if looks_like_host else ""
        raise InputError(f"file not found{hint}") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or type(exc).__name__})") from None
    return data


@dataclass(frozen=True)
class Analysis:
    """One input's findings and, when only part of it was read, why ("" when it was read fully)."""
    findings: list[Finding]
    incomplete: str = ""
    kind: str = ""      # "cut" (larger than the cap), "unreadable" (an image not read fully) or "blocked" (a bot check)


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB"


def _analyze_bytes(data: bytes, source: str, profile: Profile, today: _dt.date, limit: int) -> Analysis:
    if video_format(data[:HEAD]):
        from scanner.engine.video import read_video_bytes

        try:
            read = read_video_bytes(data)
        except MediaError as exc:
            raise InputError(f"could not read the video: {exc}") from None
        return _video_analysis(read, source, profile)
    if image_format(data[:HEAD]):
        if len(data) > IMAGE_CAP:
            raise InputError(f"could not be read fully: the image is larger than {_mib(IMAGE_CAP)}")
        try:
            read = read_image(data)
        except MediaError as exc:
            raise InputError(f"could not be read fully: {exc}") from None
        found = location_findings(read.position, source, profile)
        if read.problem:
            return Analysis(found, f"could not be read fully: {read.problem}", "unreadable")
        return Analysis(found)
    for magic, what in _UNSUPPORTED.items():
        if data.startswith(magic):
            raise InputError(f"unsupported file type ({what}); give an HTML page, a {FORMAT_NAMES} photo or a MOV/MP4 video")
    found, blocked = read_page(data[:limit], source, profile, today)
    if blocked:
        return Analysis(found, blocked, "blocked")
    if len(data) > limit:
        return Analysis(found, f"only the first {_mib(limit)} of {source} was read", "cut")
    return Analysis(found)


def own_address(html: str) -> str:
    """The address a saved page gives for itself (its canonical link or og:url), or ""."""
    page = Selector(text=html)
    for found in (page.css("link[rel~=canonical]::attr(href)").get(), page.css("meta[property='og:url']::attr(content)").get()):
        if found and _is_url(found.strip()):
            return found.strip()
    return ""


def read_page(data: bytes | str, source: str, profile: Profile, today: _dt.date) -> tuple[list[Finding], str]:
    """A page read as the scan reads it: a catalog site's page (known by its own address, or the one it
    was fetched from) is classified with that entry and read with its card selectors, falling back to
    the generic extractor. (findings, why nothing could be read: a bot check) -- one engine, one answer."""
    html = decode(data)
    page_url = own_address(html) or source
    site = site_for_url(page_url) or site_for_url(source)
    if site is None:
        return findings_for_page(html, source, profile, "", today, page_url), ""
    verdict = classify(200, html, site.detection)
    if verdict.status == BLOCKED:
        return [], f"is a bot check of {site.name}, not a page of its records ({verdict.detail})"
    if verdict.status == NO_RESULTS:
        return [], ""      # what the site echoes of the search is no record
    selector = Selector(text=html)
    card = next((c for c in (site.extraction.card, site.extraction.detail_card) if c and _matches(selector, c)), "")
    return [dataclasses.replace(f, site=site.id) for f in findings_for_page(html, source, profile, card, today, page_url)], ""


def _matches(selector: Selector, css: str) -> bool:
    try:
        return bool(selector.css(css))
    except Exception:  # a malformed selector in a catalog entry must not crash anything
        return False


def _is_url(text: str) -> bool:
    head = text.split(":", 1)[0]
    return "://" in text[:20] or (":" in text and head.isalpha() and len(head) > 1 and head.lower() in (
        "http", "https", "ftp", "file", "data", "javascript", "gopher", "mailto", "ssh", "sftp", "ws", "wss"))


def analyze_one(item: str, profile: Profile, fetch: Fetch | None, today: _dt.date, allow_private: bool) -> Analysis:
    if _is_url(item):
        check_url(item, allow_private, resolve=False)
        data, limit = (fetch(item) if fetch else http_fetch(item, allow_private)), PAGE_CAP
    else:
        video = _local_video(item)
        if video is not None:
            return _video_analysis(video, item, profile)
        data, limit = _read_file(item), MAX_INPUT
        if claims_media(item) and not (image_format(data[:HEAD]) or video_format(data[:HEAD])):
            raise InputError(f"could not read it: the name says photo or video, but its content is not a {FORMAT_NAMES} "
                             "photo or a MOV/MP4 video (damaged, empty, or another format)")
    if not data:
        raise InputError("empty input")
    return _analyze_bytes(data, item, profile, today, limit)


def _video_analysis(read, source: str, profile: Profile) -> Analysis:
    found = location_findings(read.position, source, profile, "video")
    if read.problem:
        return Analysis(found, f"could not be read fully: {read.problem}", "unreadable")
    return Analysis(found)


def _local_video(item: str):
    """A local video's location (only its headers are read: videos are often larger than any cap), or None
    when the file is not a video. InputError when it is one that cannot be read."""
    from scanner.engine.video import read_video_file

    path = Path(item)
    try:
        with path.open("rb") as fh:
            if not video_format(fh.read(HEAD)):
                return None
        read = read_video_file(path)
    except OSError:
        return None  # _read_file says what is wrong with the path
    except MediaError as exc:
        raise InputError(f"could not read the video: {exc}") from None
    return read


def analyze_inputs(
    inputs: list[str], profile: Profile, fetch: Fetch | None = None, today: _dt.date | None = None,
    allow_private: bool = False,
) -> dict:
    """{"findings": [...], "errors": [...], "incomplete": [...]} for `unlisted analyze`: one error line per
    input that could not be analysed, one "incomplete" entry ({"input", "kind", "reason"}) per input of
    which only a part was read (its findings, if any, come from that part)."""
    today = today or _dt.date.today()
    allow = bool(allow_private)
    findings: list[dict] = []
    errors: list[dict] = []
    incomplete: list[dict] = []
    for item in inputs:
        try:
            result = analyze_one(item, profile, fetch, today, allow)
        except (InputError, ExtractError, MediaError) as exc:
            errors.append({"input": item, "error": _one_line(str(exc))})
            continue
        except Exception as exc:  # noqa: BLE001 - never a traceback for one bad input
            errors.append({"input": item, "error": _one_line(f"unexpected problem ({type(exc).__name__}: {exc})")})
            continue
        if result.incomplete:
            incomplete.append({"input": item, "kind": result.kind, "reason": _one_line(result.incomplete)})
        for f in result.findings:
            findings.append({
                "input": item, "kind": f.kind, "subject": f.subject, "value": f.value,
                "confidence": f.confidence, "severity": f.severity, "evidence": f.evidence,
                "reasons": list(f.reasons), "source_url": f.source_url, "fingerprint": f.fingerprint,
            })
    return {"findings": findings, "errors": errors, "incomplete": incomplete}


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300] or "unknown error"


def write_analyze_report(result: dict, profile: Profile, inputs: list[str], output: Path) -> Path:
    """`unlisted analyze --format html`: the analysis as the same self-contained report as a scan."""
    from reports.render import render_html
    from scanner.config import write_private
    from scanner.reportdata import analyze_report_data
    from scanner.service import stamp, utc_now

    return write_private(output, render_html(analyze_report_data(result, profile, inputs, stamp(utc_now()))))

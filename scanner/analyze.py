"""`unlisted analyze`: run the extract/matcher path (or the image path) on files and links the user gives."""

from __future__ import annotations

import datetime as _dt
import ipaddress
import os
import socket
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scanner.extract import MAX_INPUT, ExtractError
from scanner.matcher import Finding, analyze_html
from scanner.media import MediaError, analyze_image, image_format
from scanner.profile import Profile

PAGE_CAP = 5 * 1024 * 1024
IMAGE_CAP = 15 * 1024 * 1024
TIMEOUT = 20
MAX_REDIRECTS = 5
_UNSUPPORTED = {b"GIF8": "GIF image", b"%PDF": "PDF document", b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip file"}


class InputError(ValueError):
    """One input that cannot be analysed; the message is one line."""


Fetch = Callable[[str], bytes]


def _sandbox() -> bool:
    return os.environ.get("UNLISTED_SANDBOX") == "1"


def _blocked_ip(text: str) -> bool:
    try:
        ip = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def _numeric_host(host: str) -> bool:
    parts = host.rstrip(".").split(".")
    try:
        return all(int(p, 0) >= 0 for p in parts)
    except ValueError:
        return False


def check_url(url: str, allow_private: bool, resolve: bool) -> None:
    """Refuse non-http(s) schemes and loopback/private/link-local hosts (after DNS when ``resolve``)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        raise InputError("not a valid link") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"only http and https links can be analysed, not {parts.scheme or 'this'}:")
    if not host:
        raise InputError("the link has no host name")
    if allow_private:
        return
    if host.lower().rstrip(".") in ("localhost", "localhost.localdomain") or host.lower().endswith(".localhost"):
        raise InputError("links to this computer (localhost) are not allowed")
    if _blocked_ip(host):
        raise InputError(f"links to private or local addresses ({host}) are not allowed")
    if _numeric_host(host):  # http://2130706433/, http://0x7f000001/, http://127.1/ are 127.0.0.1
        raise InputError(f"links to numeric hosts ({host}) are not allowed")
    if not resolve:
        return
    try:
        infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise InputError(f"cannot resolve the host name {host}") from None
    for info in infos:
        if _blocked_ip(str(info[4][0])):
            raise InputError(f"{host} resolves to a private or local address; not allowed")


def http_fetch(url: str, allow_private: bool = False) -> bytes:
    """GET with requests: no automatic redirects (each hop is checked), timeout, streamed size cap."""
    import requests

    session = requests.Session()
    session.trust_env = False
    headers = {"User-Agent": "unlisted-analyze/1 (privacy self-check)", "Accept": "text/html,image/*;q=0.9,*/*;q=0.5"}
    for _ in range(MAX_REDIRECTS + 1):
        check_url(url, allow_private, resolve=True)
        try:
            resp = session.get(url, headers=headers, timeout=TIMEOUT, stream=True, allow_redirects=False)
        except requests.RequestException as exc:
            raise InputError(f"could not fetch the link ({type(exc).__name__})") from None
        with resp:
            if resp.is_redirect or resp.status_code in (301, 302, 303, 307, 308):
                url = urljoin(url, resp.headers.get("Location", ""))
                continue
            if resp.status_code >= 400:
                raise InputError(f"the site answered HTTP {resp.status_code}")
            cap = IMAGE_CAP if resp.headers.get("Content-Type", "").lower().startswith("image/") else PAGE_CAP
            body = bytearray()
            try:
                for chunk in resp.iter_content(65536):
                    body += chunk
                    if len(body) > cap:
                        raise InputError(f"the download is larger than {cap // (1024 * 1024)} MiB")
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
        raise InputError("file not found") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror or type(exc).__name__})") from None
    return data


def _analyze_bytes(data: bytes, source: str, profile: Profile, today: _dt.date) -> list[Finding]:
    if image_format(data[:16]):
        if len(data) > IMAGE_CAP:
            raise InputError(f"image is larger than {IMAGE_CAP // (1024 * 1024)} MiB")
        return analyze_image(data, source, profile)
    for magic, what in _UNSUPPORTED.items():
        if data.startswith(magic):
            raise InputError(f"unsupported file type ({what}); give an HTML page or a JPEG/PNG/TIFF/WebP image")
    return analyze_html(data[:MAX_INPUT], source, profile, today=today)


def _is_url(text: str) -> bool:
    head = text.split(":", 1)[0]
    return "://" in text[:20] or (":" in text and head.isalpha() and len(head) > 1 and head.lower() in (
        "http", "https", "ftp", "file", "data", "javascript", "gopher", "mailto", "ssh", "sftp", "ws", "wss"))


def analyze_one(item: str, profile: Profile, fetch: Fetch | None, today: _dt.date, allow_private: bool) -> list[Finding]:
    if _is_url(item):
        check_url(item, allow_private, resolve=False)
        data = fetch(item) if fetch else http_fetch(item, allow_private)
    else:
        data = _read_file(item)
    if not data:
        raise InputError("empty input")
    return _analyze_bytes(data, item, profile, today)


def analyze_inputs(
    inputs: list[str], profile: Profile, fetch: Fetch | None = None, today: _dt.date | None = None,
    allow_private: bool | None = None,
) -> dict:
    """{"findings": [...], "errors": [...]} for `unlisted analyze` (one error line per failed input)."""
    today = today or _dt.date.today()
    allow = _sandbox() if allow_private is None else allow_private
    findings: list[dict] = []
    errors: list[dict] = []
    for item in inputs:
        try:
            found = analyze_one(item, profile, fetch, today, allow)
        except (InputError, ExtractError, MediaError) as exc:
            errors.append({"input": item, "error": _one_line(str(exc))})
            continue
        except Exception as exc:  # noqa: BLE001 - never a traceback for one bad input
            errors.append({"input": item, "error": _one_line(f"unexpected problem ({type(exc).__name__}: {exc})")})
            continue
        for f in found:
            findings.append({
                "input": item, "kind": f.kind, "subject": f.subject, "value": f.value,
                "confidence": f.confidence, "severity": f.severity, "evidence": f.evidence,
                "reasons": list(f.reasons), "source_url": f.source_url, "fingerprint": f.fingerprint,
            })
    return {"findings": findings, "errors": errors}


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300] or "unknown error"

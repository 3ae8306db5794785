"""Which hosts a scan may contact.

Real mode: public http(s) hosts only; loopback, private, link-local and other special addresses are
refused in every textual form (127.1, 2130706433, 0x7f000001, [::ffff:127.0.0.1], ...) and again
after DNS resolution. Sandbox mode: loopback only, so nothing leaves the machine.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from urllib.parse import urlsplit


class AddressRefused(ValueError):
    pass


_NUMERIC_V4 = re.compile(r"^[0-9a-fA-FxX.]+$")


def parse_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a host string denotes, accepting the legacy IPv4 forms that resolvers accept."""
    host = host.strip("[]").rstrip(".")
    try:
        ip = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        ip = None
        if _NUMERIC_V4.match(host) and any(c.isdigit() for c in host):
            try:
                ip = ipaddress.IPv4Address(socket.inet_aton(host))
            except OSError:
                return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


def ip_allowed(ip: ipaddress.IPv4Address | ipaddress.IPv6Address, sandbox: bool) -> bool:
    if sandbox:
        return ip.is_loopback
    return ip.is_global and not ip.is_multicast


def check_url(url: str, sandbox: bool) -> None:
    """Raise AddressRefused unless the URL may be fetched (before DNS)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise AddressRefused(f"only http and https links are allowed, not {parts.scheme or 'this'}:")
    host = parts.hostname or ""
    if not host:
        raise AddressRefused("the link has no host name")
    ip = parse_ip(host)
    if ip is not None:
        if not ip_allowed(ip, sandbox):
            where = "outside the sandbox" if sandbox else "private or local"
            raise AddressRefused(f"links to {where} addresses are not allowed ({host}, numeric form of {ip})"
                                 if str(ip) != host.strip("[]") else f"links to {where} addresses are not allowed ({ip})")
    elif sandbox and host != "localhost":
        raise AddressRefused("links outside the sandbox are not allowed in sandbox mode")
    elif not sandbox and (host == "localhost" or host.endswith(".localhost") or host.endswith(".local")):
        raise AddressRefused(f"links to this computer or the local network are not allowed ({host})")


def check_resolved(addresses: list[str], sandbox: bool) -> None:
    """Raise AddressRefused if any address a name resolved to is not allowed."""
    for address in addresses:
        ip = parse_ip(address)
        if ip is None or not ip_allowed(ip, sandbox):
            where = "non-loopback" if sandbox else "private or local"
            raise AddressRefused(f"the host name resolves to {address}, a {where} address; not allowed")

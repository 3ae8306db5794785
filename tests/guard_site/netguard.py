"""Fails any network connection that leaves loopback (installed in pytest and in CLI subprocesses).

A violation is recorded (in memory, and in the file named by UNLISTED_NETGUARD_LOG when set) and
the connection is refused; the test harness fails the test that caused it.
"""

from __future__ import annotations

import ipaddress
import os
import socket

violations: list[str] = []
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
_real_gethostbyname = socket.gethostbyname
_real_gethostbyname_ex = socket.gethostbyname_ex
LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _record(what: str) -> None:
    violations.append(what)
    path = os.environ.get("UNLISTED_NETGUARD_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(what + "\n")


def _is_loopback(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    host = str(host).strip("[]")
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _check(sock, address) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
        _record(f"connect to {address[0]}:{address[1]}")
        raise ConnectionRefusedError(f"netguard: non-loopback connection to {address[0]} refused in tests")


def _connect(self, address):
    _check(self, address)
    return _real_connect(self, address)


def _connect_ex(self, address):
    _check(self, address)
    return _real_connect_ex(self, address)


def _getaddrinfo(host, *args, **kwargs):
    if host is not None and not _is_loopback(host):
        _record(f"DNS lookup of {host}")
        raise socket.gaierror(socket.EAI_NONAME, f"netguard: DNS lookup of {host} refused in tests")
    return _real_getaddrinfo(host, *args, **kwargs)


def _refuse_lookup(host) -> None:
    if not _is_loopback(host) and host != socket.gethostname():   # this machine's own name (email Message-IDs)
        _record(f"DNS lookup of {host}")
        raise socket.gaierror(socket.EAI_NONAME, f"netguard: DNS lookup of {host} refused in tests")


def _gethostbyname(host):  # Twisted's threaded resolver (Scrapy's default) uses this, not getaddrinfo
    _refuse_lookup(host)
    return _real_gethostbyname(host)


def _gethostbyname_ex(host):
    _refuse_lookup(host)
    return _real_gethostbyname_ex(host)


def install() -> None:
    socket.socket.connect = _connect
    socket.socket.connect_ex = _connect_ex
    socket.getaddrinfo = _getaddrinfo
    socket.gethostbyname = _gethostbyname
    socket.gethostbyname_ex = _gethostbyname_ex

# Test-only (tests/e2e/test_crawl_errors.py): put this folder first on PYTHONPATH, next to
# tests/guard_site, and a process stays loopback-only (the guard refuses every connection and lookup)
# while every host name seems to resolve to 10.0.0.5, a private address: what a real scan meets when
# a site's name points into the user's own network. No lookup and no connection leaves the machine.
import socket

import netguard

netguard.install()
_guarded = socket.gethostbyname


def gethostbyname(host):
    if netguard._is_loopback(host):
        return _guarded(host)
    return "10.0.0.5"


socket.gethostbyname = gethostbyname

import pytest

from spiders.netguard import AddressRefused, check_resolved, check_url


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/x", "http://127.1/", "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/",
    "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://10.0.0.5/", "http://192.168.1.1/", "http://172.16.0.1/",
    "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/", "http://localhost/", "http://printer.local/",
    "http://[fe80::1]/", "http://[fc00::1]/", "file:///etc/passwd", "ftp://example.com/", "javascript:alert(1)",
])
def test_real_mode_refuses_local_private_and_non_web(url):
    with pytest.raises(AddressRefused):
        check_url(url, sandbox=False)


@pytest.mark.parametrize("url", ["https://www.truepeoplesearch.com/results?name=A", "http://8.8.8.8/"])
def test_real_mode_allows_public_hosts(url):
    check_url(url, sandbox=False)


def test_sandbox_allows_loopback_only():
    check_url("http://127.0.0.1:8080/s/x", sandbox=True)
    check_url("http://localhost:8080/s/x", sandbox=True)
    for url in ("https://www.whitepages.com/", "http://8.8.8.8/", "http://10.1.1.1/"):
        with pytest.raises(AddressRefused):
            check_url(url, sandbox=True)


def test_after_dns():
    check_resolved(["93.184.216.34"], sandbox=False)
    with pytest.raises(AddressRefused):
        check_resolved(["10.0.0.1"], sandbox=False)
    with pytest.raises(AddressRefused):
        check_resolved(["93.184.216.34"], sandbox=True)

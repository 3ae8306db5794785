"""Domain registration records of the practice domain: RDAP (HTTP JSON) and WHOIS.

WHOIS in real mode is a port-43 lookup by python-whois, outside Scrapy's downloader: it runs in a
thread with a deadline and its text is capped before anyone parses it (one of python-whois's regexes
is quadratic). In the sandbox the WHOIS text is a recorded one served by the simulated web: never
the network.
"""

from __future__ import annotations

import json

from twisted.internet import reactor, threads

from spiders.detection import BLOCK_STATUS, BLOCKED, ERROR, NO_RESULTS, RESULTS, Verdict
from spiders.items import RecordItem
from spiders.sourcebase import SourceSpider, text_of
from scanner.sources.targets import DomainTarget

MAX_WHOIS_TEXT = 64 * 1024
MAX_RDAP_BYTES = 1024 * 1024


def whois_text(domain: str, timeout: int = 10) -> str:
    """The raw WHOIS text for a domain ("" when the lookup failed); capped in size."""
    from whois.whois import NICClient

    try:
        text = NICClient().whois_lookup(None, domain.encode("idna").decode("ascii"), 0, quiet=True,
                                        ignore_socket_errors=True, timeout=timeout)
    except Exception:  # noqa: BLE001 - socket errors, bad referrals, decoding: all mean "could not check"
        return ""
    return (text or "")[:MAX_WHOIS_TEXT]


def whois_verdict(text: str) -> Verdict:
    if not text.strip():
        return Verdict(ERROR, "the WHOIS lookup gave no answer")
    low = text[:4000].lower()
    if any(s in low for s in ("no match for", "not found", "no data found", "no entries found", "domain not found")):
        return Verdict(NO_RESULTS, "WHOIS has no record for this domain")
    if "limit exceeded" in low or "quota exceeded" in low:
        return Verdict(BLOCKED, "the WHOIS server is limiting lookups")
    return Verdict(RESULTS, "the domain's WHOIS record was read")


class DomainSpider(SourceSpider):
    name = "domain"

    def __init__(self, target: DomainTarget, **kwargs):
        super().__init__(source_ids=("whois", "rdap"), **kwargs)
        self.target = target
        self.first_url["whois"] = self.first_url["rdap"] = target.lookup_url

    async def start(self):
        yield self.request(self.target.rdap_url, "rdap", self.parse_rdap, headers={"Accept": "application/rdap+json"},
                           download_maxsize=MAX_RDAP_BYTES)
        if self.target.whois_url:
            yield self.request(self.target.whois_url, "whois", self.parse_whois_reply)
            return
        self.pages["whois"] += 1
        d = threads.deferToThread(whois_text, self.target.domain, 10)
        d.addTimeout(self.target.whois_deadline, reactor)
        try:
            from scrapy.utils.defer import maybe_deferred_to_future

            text = await maybe_deferred_to_future(d)
        except Exception:  # noqa: BLE001 - timeout or thread failure
            text = ""
        for item in self._whois(text):
            yield item

    def request(self, url, source_id, callback, kind="search", headers=None, **meta):
        req = super().request(url, source_id, callback, kind, **meta)
        return req.replace(headers=headers) if headers else req

    def _whois(self, text: str):
        verdict = whois_verdict(text)
        if verdict.status == RESULTS:
            yield RecordItem(site="whois", url=self.target.lookup_url, kind="whois",
                             data={"domain": self.target.domain, "text": text[:MAX_WHOIS_TEXT]})
        self.finish("whois", verdict)

    def parse_whois_reply(self, response):
        if response.status in BLOCK_STATUS:
            self.verdicts["whois"].append(Verdict(BLOCKED, BLOCK_STATUS[response.status]))
        elif response.status >= 400:
            self.verdicts["whois"].append(Verdict(ERROR, f"the WHOIS lookup failed (HTTP {response.status})"))
        else:
            yield from self._whois(text_of(response) or response.body.decode("utf-8", "replace"))
        self.done_one("whois")

    def parse_rdap(self, response):
        self.verdicts["rdap"].append(self._rdap_verdict(response))
        if self.verdicts["rdap"][-1].status == RESULTS:
            doc = json.loads(response.body.decode("utf-8", errors="replace"))
            yield RecordItem(site="rdap", url=self.target.lookup_url, kind="rdap", data=doc)
        self.done_one("rdap")

    def _rdap_verdict(self, response) -> Verdict:
        if response.status == 404:
            return Verdict(NO_RESULTS, "RDAP has no record for this domain")
        if response.status in BLOCK_STATUS:
            return Verdict(BLOCKED, BLOCK_STATUS[response.status])
        if response.status >= 400:
            return Verdict(ERROR, f"the RDAP service had an error (HTTP {response.status})")
        try:
            doc = json.loads(response.body.decode("utf-8", errors="replace"))
        except ValueError:
            return Verdict(ERROR, "the RDAP answer was not readable (not JSON)")
        if not isinstance(doc, dict) or doc.get("objectClassName") != "domain":
            return Verdict(ERROR, "the RDAP answer was not a domain record")
        return Verdict(RESULTS, "the domain's RDAP record was read")

"""The NPPES NPI Registry API (v2.1, JSON): search by NPI and by name + state, yield each record.

An `Errors` body (bad criteria or a fault on their side) is "could not check", never "not found".
"""

from __future__ import annotations

import json

from spiders.detection import BLOCK_STATUS, BLOCKED, ERROR, NO_RESULTS, RESULTS, Verdict
from spiders.items import RecordItem
from spiders.sourcebase import SourceSpider
from scanner.sources.targets import NpiTarget

SOURCE = "npi"
MAX_RECORDS = 50


def read_reply(status: int, body: bytes) -> tuple[Verdict, list[dict]]:
    """(verdict, records) for one API reply."""
    if status in BLOCK_STATUS:
        return Verdict(BLOCKED, BLOCK_STATUS[status]), []
    if status >= 400:
        return Verdict(ERROR, f"the NPI Registry had an error (HTTP {status})"), []
    try:
        doc = json.loads(body.decode("utf-8", errors="replace"))
    except ValueError:
        return Verdict(ERROR, "the NPI Registry's answer was not readable (not JSON)"), []
    if not isinstance(doc, dict):
        return Verdict(ERROR, "the NPI Registry's answer was not recognised"), []
    if "Errors" in doc or "results" not in doc:
        return Verdict(ERROR, "the NPI Registry could not answer this search (it returned an error message)"), []
    results = [r for r in doc.get("results") or [] if isinstance(r, dict)]
    if not results:
        return Verdict(NO_RESULTS, "the NPI Registry has no matching record"), []
    return Verdict(RESULTS, f"the NPI Registry returned {len(results)} record(s)"), results[:MAX_RECORDS]


class NpiSpider(SourceSpider):
    name = "npi"

    def __init__(self, target: NpiTarget, **kwargs):
        super().__init__(source_ids=(SOURCE,), **kwargs)
        self.target = target
        self.seen: set[str] = set()
        self.first_url[SOURCE] = f"{target.view_base.rstrip('/')}/"

    async def start(self):
        for url in self.target.searches:
            yield self.request(url, SOURCE, self.parse_api, headers={"Accept": "application/json"})

    def request(self, url, source_id, callback, kind="search", headers=None, **meta):
        req = super().request(url, source_id, callback, kind, **meta)
        return req.replace(headers=headers) if headers else req

    def parse_api(self, response):
        verdict, records = read_reply(response.status, response.body)
        self.verdicts[SOURCE].append(verdict)
        for record in records:
            number = str(record.get("number", ""))
            if number in self.seen:
                continue
            self.seen.add(number)
            view = f"{self.target.view_base.rstrip('/')}/provider-view/{number}" if number.isdigit() \
                else self.first_url[SOURCE]
            yield RecordItem(site=SOURCE, url=view, kind="npi", data=record)
        self.done_one(SOURCE)

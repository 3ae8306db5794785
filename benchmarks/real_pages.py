"""How much of what real pages show the scan path and `analyze` read (issue #18).

For every real-markup fixture (spiders/catalog/fixtures/SITE/real/) with a subject, prints what the
page shows about the subject (addresses, phones, emails, relatives) and the share of it each path
reads (`analyze` given the page's address, and given only a saved file that does not say its
address), then the totals. Run: .venv/bin/python benchmarks/real_pages.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scanner.analyze import read_page  # noqa: E402
from scanner.engine.items import findings_for_page  # noqa: E402
from tests.catalog.test_real_pages import SUBJECT_PAGES, read, shown, subject_profile  # noqa: E402


def main() -> None:
    totals = {"shown": 0, "scan": 0, "analyze": 0, "file": 0}
    for site, p in SUBJECT_PAGES:
        saved = dt.date.fromisoformat(p["saved"])
        profile = subject_profile(p["subject"], saved)
        want = shown(p["subject"], profile)
        card = site.extraction.detail_card if p["kind"] == "detail" else site.extraction.card
        scan = read(findings_for_page(p["html"], p.get("url") or site.base_url, profile, card, saved)) & want
        analyzed = read(read_page(p["html"].encode(), p.get("url") or site.base_url, profile, saved)[0]) & want
        as_file = read(read_page(p["html"].encode(), "saved.html", profile, saved)[0]) & want
        totals["file"] += len(as_file)
        totals["shown"] += len(want)
        totals["scan"] += len(scan)
        totals["analyze"] += len(analyzed)
        print(f"{site.id}/{p['file']}: shows {len(want)}; scan reads {len(scan)}, analyze {len(analyzed)} "
              f"(of the saved file without its address: {len(as_file)})"
              + (f"; missed {sorted(want - scan)}" if want - scan else ""))
    n = totals["shown"] or 1
    print(f"total: {totals['shown']} details shown; scan path {totals['scan'] / n:.0%}, analyze {totals['analyze'] / n:.0%} "
          f"(a saved file with no address of its own: {totals['file'] / n:.0%})")


if __name__ == "__main__":
    main()

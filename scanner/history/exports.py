"""JSON and CSV exports of a scan's findings and tasks (`unlisted export`, `unlisted tasks --format`).

Scraped text is attacker-controlled, and a spreadsheet evaluates a cell that starts with = + - @
(or a tab or carriage return) as a formula: every text cell that starts with one of those, also
after leading blanks, or with their full-width forms, gets a single quote in front (OWASP "CSV
injection"), so the spreadsheet shows it as text. Cells are cut at 32,000 characters (a
spreadsheet cell holds 32,767), NUL characters are dropped and lone surrogates replaced. Files are
written with the csv module and config.write_private (0600).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from scanner.config import write_private
from scanner.history.store import Store

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
CELL_MAX = 32_000
CUT_MARK = " [cut]"
FINDING_COLUMNS = ("id", "severity", "kind", "subject", "value", "site", "site_name", "confidence", "source_url",
                   "evidence", "reasons", "fingerprint")
TASK_COLUMNS = ("id", "status", "status_words", "status_date", "due_date", "kind", "severity", "impact", "title",
                "why", "company", "site_names", "covers", "note", "steps", "links", "methods", "asks_for",
                "dont_give", "processing_days", "recheck_days", "finding_ids", "letter_subject", "letter_to",
                "letter_law", "letter_body", "key")


def clean_text(text: str) -> str:
    """Lone surrogates (from JSON "\\ud800" escapes in scraped pages) replaced, NUL dropped."""
    return text.encode("utf-8", errors="replace").decode("utf-8").replace("\x00", "")


def clean(value: Any) -> Any:
    """``clean_text`` through lists and dicts (for JSON)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, Mapping):
        return {clean_text(str(k)): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def csv_cell(value: Any) -> Any:
    """One cell, safe to open in a spreadsheet: numbers stay numbers, text cannot start a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    text = clean_text(value if isinstance(value, str) else str(value))
    if len(text) > CELL_MAX:
        text = text[:CELL_MAX] + CUT_MARK
    if text.startswith(FORMULA_START) or text.lstrip().startswith(FORMULA_START):
        text = "'" + text
    return text


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(col)) for col in columns])
    return out.getvalue()


def json_text(data: Any) -> str:
    return json.dumps(clean(data), ensure_ascii=False, indent=2) + "\n"


def finding_rows(store: Store, scan_id: int) -> list[dict[str, Any]]:
    from scanner.sources.families import known_source_names

    names = known_source_names()
    return [{"id": f.id, "severity": f.severity, "kind": f.kind, "subject": f.subject, "value": f.value,
             "site": f.site, "site_name": names.get(f.site, f.site), "confidence": round(f.confidence, 2),
             "source_url": f.source_url, "evidence": f.evidence, "reasons": list(f.reasons),
             "fingerprint": f.fingerprint} for f in store.findings(scan_id)]


def task_row(task: Mapping[str, Any]) -> dict[str, Any]:
    """A report-contract task (scanner.history.tasks.task_dict) flattened to one CSV row: lists become lines."""
    from scanner.history.tasks import status_words

    letter = task.get("letter") or {}
    lines = lambda items: "\n".join(str(i) for i in items)  # noqa: E731
    return {**{k: task.get(k) for k in TASK_COLUMNS}, "status_words": status_words(task),
            "site_names": lines(task["site_names"]), "covers": lines(task["covers"]), "steps": lines(task["steps"]),
            "links": lines(f"{link['label']}: {link['url']}" for link in task["links"]),
            "methods": lines(task["methods"]), "asks_for": lines(task["asks_for"]),
            "dont_give": lines(task["dont_give"]), "finding_ids": " ".join(str(i) for i in task["finding_ids"]),
            "letter_subject": letter.get("subject", ""), "letter_to": letter.get("to_email", ""),
            "letter_law": letter.get("law", ""), "letter_body": letter.get("body", "")}


def findings_csv(findings: Iterable[Mapping[str, Any]]) -> str:
    return csv_text(FINDING_COLUMNS, ({**f, "reasons": "\n".join(f["reasons"])} for f in findings))


def tasks_csv(tasks: Iterable[Mapping[str, Any]]) -> str:
    return csv_text(TASK_COLUMNS, (task_row(t) for t in tasks))


def export_scan(store: Store, scan_id: int, fmt: str, out_dir: Path) -> list[Path]:
    """Write ``unlisted-scan-N-findings.<fmt>`` and ``unlisted-scan-N-tasks.<fmt>`` into ``out_dir``."""
    from scanner.history.tasks import report_tasks

    if store.scan(scan_id) is None:
        raise LookupError(f"there is no scan number {scan_id} (see `unlisted history`)")
    findings, tasks = finding_rows(store, scan_id), report_tasks(store, scan_id)
    if fmt == "json":
        texts = (json_text({"scan": scan_id, "findings": findings}), json_text({"scan": scan_id, "tasks": tasks}))
    elif fmt == "csv":
        texts = (findings_csv(findings), tasks_csv(tasks))
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return [write_private(out_dir / f"unlisted-scan-{scan_id}-{what}.{fmt}", text)
            for what, text in zip(("findings", "tasks"), texts)]

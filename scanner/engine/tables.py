"""Table column headers give meaning to their cells: a results table's "Age" column holds a bare "41".

Before any text is read, each cell under a header this module knows gets the header as a label
("41" -> "Age: 41", "Kim Park" under "Relatives" -> "Relatives: Kim Park"), so that the text readers
see what a visitor sees: a number in the Age column is an age. Cells that already say what they are
("Age 41") are left alone. Only the labels the readers need are written: ages, birth dates,
relatives and other names (phones, emails, addresses and places are read by their shape).
"""

from __future__ import annotations

import re

from lxml import etree

_HEADERS = {
    "Age": "age|ages|age/dob|age / dob|age (dob)|current age|approx. age|approximate age|est. age|age range",
    "Born": "born|dob|d.o.b.|date of birth|birth date|birthdate|birthday|birth year|year of birth|yob",
    "Relatives": "relatives|possible relatives|known relatives|related to|family|family members|relatives & associates|"
                 "relatives and associates|associated people|associated persons|associates|household members|household",
    "AKA": "aka|a.k.a.|also known as|alias|aliases|other names|maiden name|previous names|other name|name variations",
}
_LABEL_OF = {h: label for label, alts in _HEADERS.items() for h in alts.split("|")}
_ROWS = etree.XPath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
_CELLS = etree.XPath("./td | ./th")
_SHORT = re.compile(r"^[^\d]{1,40}$")
_MAX_TABLES, _MAX_ROWS = 50, 500


def _header_key(text: str) -> str:
    return " ".join(text.lower().replace(":", " ").split())


def _cell_text(cell: etree._Element) -> str:
    return " ".join("".join(cell.itertext()).split())


def _span(cell: etree._Element) -> int:
    try:
        return max(1, min(20, int(cell.get("colspan") or 1)))
    except ValueError:
        return 1


def _header_row(rows: list[etree._Element]) -> tuple[int, list[str]] | None:
    """(index of the header row, label per column) when a table's first row names its columns."""
    for i, row in enumerate(rows[:2]):
        cells = _CELLS(row)
        if len(cells) < 2:
            continue
        texts = [_cell_text(c) for c in cells]
        in_head = row.getparent() is not None and row.getparent().tag == "thead"
        all_th = all(c.tag == "th" for c in cells)
        labels = [_LABEL_OF.get(_header_key(t), "") for t in texts]
        if not any(labels):
            return None
        if in_head or all_th or all(t and _SHORT.match(t) for t in texts):
            columns: list[str] = []
            for cell, label in zip(cells, labels):
                columns.extend([label] * _span(cell))
            return i, columns
        return None
    return None


def label_columns(root: etree._Element) -> int:
    """Write each known column header into the cells below it; returns how many cells were labelled."""
    done = 0
    for table in list(root.iter("table"))[:_MAX_TABLES]:
        rows = _ROWS(table)
        found = _header_row(rows)
        if found is None:
            continue
        start, columns = found
        for row in rows[start + 1:_MAX_ROWS]:
            col = 0
            for cell in _CELLS(row):
                label = columns[col] if col < len(columns) else ""
                col += _span(cell)
                text = _cell_text(cell)
                if not label or not text or text.lower().startswith((label.lower(), "age", "born", "dob")):
                    continue
                cell.text = f"{label}: " + (cell.text or "")
                done += 1
    return done

"""Tables: rows of cells between pipes in a text (a data story's table, an HTML table as an
extractor writes it), read as a table, not as headings.

A table is three or more consecutive lines with the same number (one or more) of ``|``
separators, the first of them holding no digit: its header, a name for each column.
:func:`find_tables` gives each table; :meth:`Table.cell_at` the header of the column an
offset lies in and its row's label (the row's first cell). The drafter reads a figure in
a cell with its column's header for the counted noun (``604`` under ``Schools``: 604
schools, in ``Kharkiv``) and with the voice of the paragraph that announces the table; a
column the announcement calls the outlet's own arithmetic (``with our calculation of the
share``) is the outlet's.

>>> text = ("The ministry's data, with our calculation of the share:\\n\\n"
...         "Region | Schools | With shelter | Share\\nKharkiv | 604 | 212 | 35%\\n"
...         "Sumy | 377 | 241 | 64%\\n\\nMore below.")
>>> (table,) = find_tables(text)
>>> table.header
('Region', 'Schools', 'With shelter', 'Share')
>>> table.cell_at(text.index("212")), table.cell_at(text.index("64%"))
(('With shelter', 'Kharkiv'), ('Share', 'Sumy'))
>>> table.unit_at(text.index("212")), table.own_column(text.index("35%"))
('schools', True)
>>> find_tables("Tekstura | Data | 19 March 2030\\n\\nThe text.")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Table", "find_tables", "table_at"]

_OWN_ARITHMETIC = re.compile(r"(?i)\b(?:our|my|the outlet's|the paper's)\s+(?:own\s+)?"
                             r"(?:calculation|calculations|estimate|estimates|arithmetic|"
                             r"analysis|sums?)\b")
"""An announcement's words for the outlet's own arithmetic on the table it shows."""
_DERIVED = re.compile(r"(?i)\b(?:share|percent|per cent|%|rate|ratio|proportion|change)\b")
"""A column's header that names a derived quantity (a share, a rate)."""


@dataclass(frozen=True)
class Table:
    """One table of a text: its character span, its header's cells and each row's cell
    spans (the header row not among them)."""

    start: int
    end: int
    header: tuple[str, ...]
    rows: tuple[tuple[tuple[int, int], ...], ...]
    text: str

    def _cell(self, offset: int) -> tuple[int, tuple[tuple[int, int], ...]] | None:
        for row in self.rows:
            for k, (s, e) in enumerate(row):
                if s <= offset < e:
                    return k, row
        return None

    def cell_at(self, offset: int) -> tuple[str, str] | None:
        """The header of the column *offset* lies in, and its row's label; None outside the
        rows' cells."""
        found = self._cell(offset)
        if found is None or found[0] >= len(self.header):
            return None
        k, row = found
        return self.header[k], self.text[slice(*row[0])].strip()

    def unit_at(self, offset: int) -> str | None:
        """The counted noun of a cell's figure: its column header's last word when it is a
        plural noun (``Schools``), else that of the nearest column before it with one
        (``With shelter`` after ``Schools``: schools); None when no header has one."""
        found = self._cell(offset)
        if found is None:
            return None
        for k in range(min(found[0], len(self.header) - 1), -1, -1):
            words = re.findall(r"[A-Za-z]+", self.header[k])
            if words and words[-1].lower().endswith("s") and len(words[-1]) > 3 and \
                    not words[-1].lower().endswith("ss"):
                return words[-1].lower()
        return None

    def own_column(self, offset: int) -> bool:
        """Whether the column *offset* lies in is the outlet's own arithmetic: its header
        names a share or rate, and the paragraph before the table says the outlet worked
        it out (``with our calculation of the share``)."""
        cell = self.cell_at(offset)
        if cell is None or not _DERIVED.search(cell[0]):
            return False
        text = self.text
        before = text[max(0, text.rfind("\n\n", 0, max(0, self.start - 2))):self.start]
        return bool(_OWN_ARITHMETIC.search(before))


def find_tables(text: str) -> list[Table]:
    """Every table of *text*, in text order."""
    tables: list[Table] = []
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    k = 0
    while k < len(lines):
        count = lines[k][1].count("|")
        run = k
        while count and run < len(lines) and lines[run][1].count("|") == count:
            run += 1
        if count and run - k >= 3 and not re.search(r"\d", lines[k][1]):
            header = tuple(c.strip() for c in lines[k][1].split("|"))
            rows = tuple(_cells(start, line) for start, line in lines[k + 1:run])
            end = lines[run - 1][0] + len(lines[run - 1][1])
            tables.append(Table(lines[k][0], end, header, rows, text))
            k = run
        else:
            k = max(run, k + 1)
    return tables


def _cells(start: int, line: str) -> tuple[tuple[int, int], ...]:
    cells, at = [], start
    for part in line.split("|"):
        cells.append((at, at + len(part)))
        at += len(part) + 1
    return tuple(cells)


def table_at(tables: list[Table], offset: int) -> Table | None:
    """The table holding *offset*, or None."""
    return next((t for t in tables if t.start <= offset < t.end), None)

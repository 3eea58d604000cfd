"""A plain table that shows itself as aligned text and as HTML in Jupyter.

Hangul characters take two columns in a terminal or a monospace notebook
output, so the text layout pads by display width, not by `len`.
"""

from __future__ import annotations

import html
import unicodedata
from dataclasses import dataclass, field

from .messages import t


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


@dataclass
class Table:
    """Rows of already-formatted cells under catalog-translated headers."""

    columns: list[str]
    rows: list[list] = field(default_factory=list)
    title: str = ""

    def cells(self) -> list[list[str]]:
        return [[str(cell) for cell in row] for row in self.rows]

    def column(self, header: str) -> list:
        index = self.columns.index(header)
        return [row[index] for row in self.rows]

    def __str__(self) -> str:
        body = self.cells() or [[t("table.empty")] + [""] * (len(self.columns) - 1)]
        widths = [max(display_width(r[i]) for r in [self.columns] + body) for i in range(len(self.columns))]
        lines = [self.title] if self.title else []
        lines.append("  ".join(_pad(c, w) for c, w in zip(self.columns, widths)).rstrip())
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in body]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in self.cells()
        )
        caption = f"<caption>{html.escape(self.title)}</caption>" if self.title else ""
        return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

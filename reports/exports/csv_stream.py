"""CSV exports streamed row by row (constant memory, whatever the size of the list)."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator
from decimal import Decimal

from casework.spreadsheet import safe_cell


class _Echo:
    """A file-like object whose write() hands the line back to the csv writer's caller."""

    def write(self, value: str) -> str:
        return value


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(safe_cell(value)) if isinstance(value, str) else str(value)


def csv_lines(header: list[str], rows: Iterator[list]) -> Iterator[str]:
    """UTF-8 BOM (so spreadsheets read Arabic right), the header, then each row; text cells neutralised."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow([_text(str(column)) for column in header])
    for row in rows:
        yield writer.writerow([_text(value) for value in row])

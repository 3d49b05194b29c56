"""Cells bound for a spreadsheet (CSV or XLSX exports): text a spreadsheet must not run as a formula.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula (or a
DDE call) by Excel and LibreOffice; prefixing an apostrophe makes it plain text (CSV injection, OWASP).
Only text is touched: numbers, dates and empty cells go through unchanged.
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: str) -> str:
    return f"'{value}" if value[:1] in FORMULA_TRIGGERS else value


def safe_cell(value):
    """Any value for a cell: text neutralised, everything else unchanged."""
    return neutralise_cell(value) if isinstance(value, str) else value

"""Money helpers: Decimal MAD with two decimals, never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_mad(value) -> Decimal:
    if isinstance(value, float):
        raise TypeError("Money is never a float.")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def format_mad(value: Decimal | None) -> str:
    """1234567.5 -> "1,234,567.50" (digits and separators stay Latin in every language)."""
    if value is None:
        return ""
    return f"{to_mad(value):,.2f}"

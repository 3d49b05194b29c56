"""Server-side SVG charts for pages (dashboards, envelope pages).

Why hand-written SVG and not matplotlib or pygal:
- the charts we need are plain bars and pies; a few hundred lines of arithmetic cover them;
- matplotlib (~40 MB with numpy) lays text out with its own font machinery (no Arabic shaping, no bidi),
  and pygal's output leans on JavaScript and external style hooks; both would need hardening to be safe;
- this output has no script, no external reference, no ``style`` attribute (CSP-safe), every piece of
  text is a ``<text>`` element (the browser shapes Arabic and applies the bidi algorithm), and every
  caller-supplied string goes through :func:`html.escape`. So ``{{ svg|safe }}`` is safe for this output.

Not for PDFs: WeasyPrint 70 lays SVG ``<text>`` out one character at a time (weasyprint/svg/text.py), which
breaks Arabic shaping and order. PDFs use :mod:`reports.pdf_charts` (same geometry, words in HTML).

Numbers are converted to ``float`` for geometry only; the labels show the caller's value through
``value_format`` (so a ``Decimal`` amount prints exactly).
"""

from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

Number = Decimal | int | float

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
FONT_FAMILY = "'Noto Naskh Arabic', 'Noto Sans', 'DejaVu Sans', sans-serif"
TEXT_COLOUR = "#212529"
GRID_COLOUR = "#dee2e6"
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def esc(value: object) -> str:
    """Escape any text for use inside SVG/HTML text or a quoted attribute (control characters dropped)."""
    return html.escape(_CONTROL_CHARS.sub("", str(value)), quote=True)


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def fmt(value: Number, value_format: str) -> str:
    try:
        return value_format.format(value)
    except (ValueError, TypeError):
        return str(value)


def as_float(value: Number | None) -> float:
    if value is None:
        return 0.0
    number = float(value)
    return number if math.isfinite(number) else 0.0


def truncate(text: str, max_chars: int) -> str:
    text = str(text)
    if max_chars < 2 or len(text) <= max_chars:
        return text
    return text[: max_chars - 1] + "…"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (always including 0)."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 1.0
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks, tick = [], start
    while tick < high + step * 0.999:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def tick_label(value: float) -> str:
    if abs(value) >= 1_000_000:
        return f"{value / 1_000_000:g}M"
    if abs(value) >= 10_000:
        return f"{value / 1_000:g}k"
    return f"{value:,.10g}"


def chart_id(*parts: object) -> str:
    digest = hashlib.blake2s(repr(parts).encode(), digest_size=5).hexdigest()
    return f"cw-chart-{digest}"


class Canvas:
    """Collects SVG elements, drawing in left-to-right coordinates and mirroring them when ``rtl``."""

    def __init__(self, width: float, rtl: bool):
        self.width = width
        self.rtl = rtl
        self.parts: list[str] = []

    def x(self, x: float) -> float:
        return self.width - x if self.rtl else x

    def rect(self, x: float, y: float, w: float, h: float, fill: str, tooltip: str = "") -> None:
        left = self.width - x - w if self.rtl else x
        inner = f"<title>{esc(tooltip)}</title>" if tooltip else ""
        self.parts.append(
            f'<rect x="{left:.2f}" y="{y:.2f}" width="{max(w, 0):.2f}" height="{max(h, 0):.2f}" fill="{fill}">'
            f"{inner}</rect>"
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = GRID_COLOUR) -> None:
        self.parts.append(
            f'<line x1="{self.x(x1):.2f}" y1="{y1:.2f}" x2="{self.x(x2):.2f}" y2="{y2:.2f}" '
            f'stroke="{stroke}" stroke-width="1"/>'
        )

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        side: str = "left",
        size: int = 12,
        bold: bool = False,
        full: str = "",
        rotate: float = 0,
    ) -> None:
        """Text whose ``side`` ("left", "middle", "right" in left-to-right drawing) sits at ``x``."""
        if self.rtl:
            side = {"left": "right", "right": "left"}.get(side, side)
            rotate = -rotate
        px = self.x(x)
        if side == "middle":
            anchor = "middle"
        elif self.rtl:  # with direction="rtl", "start" is the right-hand edge
            anchor = "start" if side == "right" else "end"
        else:
            anchor = "start" if side == "left" else "end"
        attrs = f'x="{px:.2f}" y="{y:.2f}" text-anchor="{anchor}" font-size="{size}" fill="{TEXT_COLOUR}"'
        if self.rtl:
            attrs += ' direction="rtl" unicode-bidi="embed"'
        if bold:
            attrs += ' font-weight="bold"'
        if rotate:
            attrs += f' transform="rotate({rotate:g} {px:.2f} {y:.2f})"'
        element = f"<text {attrs}>{esc(content)}</text>"
        if full and full != content:
            element = f"<g><title>{esc(full)}</title>{element}</g>"
        self.parts.append(element)

    def render(self, *, height: float, title: str, description: str, ident: str) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="cw-chart" role="img" '
            f'width="{self.width:g}" height="{height:g}" viewBox="0 0 {self.width:g} {height:g}" '
            f'font-family="{esc(FONT_FAMILY)}" aria-labelledby="{ident}-t {ident}-d">'
            f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(description)}</desc>'
            + "".join(self.parts)
            + "</svg>"
        )


def describe(labels: Sequence[str], series: dict[str, Sequence[Number]], value_format: str) -> str:
    """A text alternative: every value of every series, for screen readers."""
    chunks = []
    for name, values in series.items():
        pairs = ", ".join(f"{label}: {fmt(v, value_format)}" for label, v in zip(labels, values, strict=False))
        chunks.append(f"{name} — {pairs}" if len(series) > 1 else pairs)
    return "; ".join(chunks)


def _legend(canvas: Canvas, names: list[str], y: float, start: float) -> None:
    x = start
    for index, name in enumerate(names):
        canvas.rect(x, y - 10, 12, 12, colour(index))
        shown = truncate(name, 28)
        canvas.text(x + 18, y, shown, full=name, size=12)
        x += 30 + 7 * len(shown)


def _empty(canvas: Canvas, title: str, ident: str, width: float) -> str:
    canvas.text(16, 22, title, size=15, bold=True)
    canvas.text(width / 2, 80, _("No data"), side="middle", size=13)
    return canvas.render(height=120, title=title, description=_("No data"), ident=ident)


def bar_chart_svg(
    *,
    title: str,
    labels: list[str],
    series: dict[str, list[Number]],
    value_format: str = "{:,}",
    horizontal: bool = False,
    rtl: bool = False,
) -> str:
    """Grouped bar chart (one colour per series). Returns SVG markup safe to embed inline."""
    title = str(title)
    labels = [str(label) for label in labels]
    series = {str(name): list(values) for name, values in series.items()}
    ident = chart_id("bar", title, labels, series, horizontal, rtl)
    width = 640.0
    canvas = Canvas(width, rtl)
    numbers = [as_float(v) for values in series.values() for v in values]
    if not labels or not series or not numbers:
        return _empty(canvas, title, ident, width)
    canvas.text(16, 22, title, size=15, bold=True)
    top = 34.0
    if len(series) > 1:
        _legend(canvas, list(series), top + 12, 16)
        top += 24
    ticks = nice_ticks(min(numbers), max(numbers))
    low, high = ticks[0], ticks[-1]
    draw = _horizontal if horizontal else _vertical
    height = draw(canvas, labels, series, value_format, ticks, low, high, top, width)
    return canvas.render(height=height, title=title, description=describe(labels, series, value_format), ident=ident)


def _vertical(canvas, labels, series, value_format, ticks, low, high, top, width) -> float:
    rotate = len(labels) > 8
    plot_top, plot_bottom = top + 12, top + 232
    start, end = 64.0, width - 12
    height = plot_bottom + (96 if rotate else 40)

    def y_of(value: float) -> float:
        return plot_bottom - (value - low) / (high - low) * (plot_bottom - plot_top)

    for tick in ticks:
        canvas.line(start, y_of(tick), end, y_of(tick))
        canvas.text(start - 6, y_of(tick) + 4, tick_label(tick), side="right", size=11)
    group = (end - start) / len(labels)
    bar = group * 0.7 / len(series)
    show_values = len(labels) * len(series) <= 16
    for i, label in enumerate(labels):
        gx = start + i * group + group * 0.15
        for s, (name, values) in enumerate(series.items()):
            raw = values[i] if i < len(values) else 0
            value = as_float(raw)
            y0, y1 = y_of(max(value, 0)), y_of(min(value, 0))
            tip = f"{label} — {name}: {fmt(raw, value_format)}"
            canvas.rect(gx + s * bar, y0, bar - 2, y1 - y0, colour(s), tip)
            if show_values:
                canvas.text(gx + s * bar + bar / 2, y0 - 4, fmt(raw, value_format), side="middle", size=10)
        cx = start + i * group + group / 2
        if rotate:
            canvas.text(cx, plot_bottom + 14, truncate(label, 16), side="right", size=11, full=label, rotate=-40)
        else:
            canvas.text(cx, plot_bottom + 18, truncate(label, int(group / 7)), side="middle", size=11, full=label)
    canvas.line(start, y_of(0), end, y_of(0), stroke=TEXT_COLOUR)
    return height


def _horizontal(canvas, labels, series, value_format, ticks, low, high, top, width) -> float:
    row = 10 + 18 * len(series)
    label_width = 170.0
    start, end = label_width + 12, width - 90
    plot_top = top + 8
    plot_bottom = plot_top + row * len(labels)

    def x_of(value: float) -> float:
        return start + (value - low) / (high - low) * (end - start)

    for tick in ticks:
        canvas.line(x_of(tick), plot_top, x_of(tick), plot_bottom)
        canvas.text(x_of(tick), plot_bottom + 16, tick_label(tick), side="middle", size=11)
    for i, label in enumerate(labels):
        ry = plot_top + i * row + 5
        canvas.text(label_width, ry + row / 2, truncate(label, 26), side="right", size=12, full=label)
        for s, (name, values) in enumerate(series.items()):
            raw = values[i] if i < len(values) else 0
            value = as_float(raw)
            x0, x1 = x_of(min(value, 0)), x_of(max(value, 0))
            tip = f"{label} — {name}: {fmt(raw, value_format)}"
            canvas.rect(x0, ry + s * 18, x1 - x0, 15, colour(s), tip)
            canvas.text(x1 + 4, ry + s * 18 + 12, fmt(raw, value_format), size=11)
    canvas.line(x_of(0), plot_top, x_of(0), plot_bottom, stroke=TEXT_COLOUR)
    return plot_bottom + 28


def _arc_point(cx: float, cy: float, r: float, fraction: float) -> tuple[float, float]:
    angle = 2 * math.pi * fraction - math.pi / 2
    return cx + r * math.cos(angle), cy + r * math.sin(angle)


def pie_chart_svg(*, title: str, labels: list[str], values: list[Number], rtl: bool = False) -> str:
    """Pie chart with a legend (label, value, share). Negative values count as zero."""
    title = str(title)
    labels = [str(label) for label in labels]
    ident = chart_id("pie", title, labels, values, rtl)
    width = 560.0
    canvas = Canvas(width, rtl)
    numbers = [max(as_float(v), 0.0) for v in values]
    total = sum(numbers)
    if not labels or total <= 0:
        return _empty(canvas, title, ident, width)
    canvas.text(16, 22, title, size=15, bold=True)
    cx, cy, r = 130.0, 150.0, 100.0
    fraction = 0.0
    legend_y = 60.0
    for i, (label, raw, number) in enumerate(zip(labels, values, numbers, strict=False)):
        share = number / total
        tip = f"{label}: {fmt(raw, '{:,}')} ({share:.1%})"
        if share >= 0.9999:
            circle_x = canvas.x(cx)
            canvas.parts.append(
                f'<circle cx="{circle_x:.2f}" cy="{cy:.2f}" r="{r:.2f}" fill="{colour(i)}"><title>{esc(tip)}</title>'
                "</circle>"
            )
        elif share > 0:
            x1, y1 = _arc_point(cx, cy, r, fraction)
            x2, y2 = _arc_point(cx, cy, r, fraction + share)
            large = 1 if share > 0.5 else 0
            sweep = 0 if rtl else 1  # mirrored: the slices turn anticlockwise from the top
            path = (
                f"M {canvas.x(cx):.2f} {cy:.2f} L {canvas.x(x1):.2f} {y1:.2f} "
                f"A {r:.2f} {r:.2f} 0 {large} {sweep} {canvas.x(x2):.2f} {y2:.2f} Z"
            )
            canvas.parts.append(
                f'<path d="{path}" fill="{colour(i)}" stroke="#ffffff" stroke-width="1">'
                f"<title>{esc(tip)}</title></path>"
            )
        fraction += share
        canvas.rect(260, legend_y - 11, 12, 12, colour(i))
        shown = f"{truncate(label, 24)} — {fmt(raw, '{:,}')} ({share:.0%})"
        canvas.text(278, legend_y, shown, size=12, full=tip)
        legend_y += 20
    height = max(cy + r + 20, legend_y + 10)
    description = "; ".join(f"{label}: {fmt(raw, '{:,}')}" for label, raw in zip(labels, values, strict=False))
    return canvas.render(height=height, title=title, description=description, ident=ident)

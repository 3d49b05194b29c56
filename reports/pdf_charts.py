"""Charts for PDFs: the words in HTML, the shapes in SVG.

WeasyPrint 70 draws SVG ``<text>`` one character at a time (weasyprint/svg/text.py), so Arabic inside an
SVG comes out unshaped and in the wrong order, and is extracted reversed. Here every label, value and
legend is an HTML element (shaped by Pango, in logical order, extractable), and SVG draws only bars and
pie slices. Same palette and escaping as :mod:`reports.charts` (the page charts).
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from .charts import Number, as_float, colour, esc, fmt


def _bar_svg(fraction: float, fill: str, rtl: bool) -> str:
    width = max(0.0, min(1.0, fraction)) * 1000
    x = 1000 - width if rtl else 0
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">'
        f'<rect x="{x:.1f}" y="0" width="{width:.1f}" height="10" fill="{fill}"/></svg>'
    )


def _swatch(index: int) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" aria-hidden="true">'
        f'<rect width="10" height="10" fill="{colour(index)}"/></svg>'
    )


def bar_chart_html(
    *,
    title: str,
    labels: list[str],
    series: dict[str, list[Number]],
    value_format: str = "{:,}",
    rtl: bool = False,
) -> str:
    """Horizontal bars, one row per label, one bar per series; values printed beside the bars."""
    numbers = [max(as_float(v), 0.0) for values in series.values() for v in values]
    top = max(numbers, default=0.0)
    parts = [f'<figure class="chart"><figcaption class="chart-title">{esc(title)}</figcaption>']
    if not labels or top <= 0:
        parts.append(f'<p class="muted">{esc(_("No data"))}</p></figure>')
        return "".join(parts)
    if len(series) > 1:
        legend = "".join(f"<span>{_swatch(i)} {esc(name)}</span>" for i, name in enumerate(series))
        parts.append(f'<div class="chart-legend">{legend}</div>')
    for i, label in enumerate(labels):
        bars, values = [], []
        for s, values_of_series in enumerate(series.values()):
            raw = values_of_series[i] if i < len(values_of_series) else 0
            bars.append(_bar_svg(max(as_float(raw), 0.0) / top, colour(s), rtl))
            values.append(esc(fmt(raw, value_format)))
        parts.append(
            f'<div class="chart-row"><div class="chart-label">{esc(label)}</div>'
            f'<div class="chart-bars">{"".join(bars)}</div>'
            f'<div class="chart-value"><span class="ltr">{" / ".join(values)}</span></div></div>'
        )
    parts.append("</figure>")
    return "".join(parts)


def _point(fraction: float) -> tuple[float, float]:
    angle = 2 * math.pi * fraction - math.pi / 2
    return 50 + 48 * math.cos(angle), 50 + 48 * math.sin(angle)


def pie_chart_html(*, title: str, labels: list[str], values: list[Number], rtl: bool = False) -> str:
    numbers = [max(as_float(v), 0.0) for v in values]
    total = sum(numbers)
    parts = [f'<figure class="chart"><figcaption class="chart-title">{esc(title)}</figcaption>']
    if not labels or total <= 0:
        parts.append(f'<p class="muted">{esc(_("No data"))}</p></figure>')
        return "".join(parts)
    slices, legend, start = [], [], 0.0
    for i, (label, raw, number) in enumerate(zip(labels, values, numbers, strict=False)):
        share = number / total
        if share >= 0.9999:
            slices.append(f'<circle cx="50" cy="50" r="48" fill="{colour(i)}"/>')
        elif share > 0:
            (x1, y1), (x2, y2) = _point(start), _point(start + share)
            if rtl:
                x1, x2 = 100 - x1, 100 - x2
            large, sweep = (1 if share > 0.5 else 0), (0 if rtl else 1)
            slices.append(
                f'<path d="M 50 50 L {x1:.2f} {y1:.2f} A 48 48 0 {large} {sweep} {x2:.2f} {y2:.2f} Z" '
                f'fill="{colour(i)}" stroke="#ffffff" stroke-width="0.5"/>'
            )
        start += share
        legend.append(
            f'<div>{_swatch(i)} {esc(label)}: <span class="ltr">{esc(fmt(raw, "{:,}"))} ({share:.0%})</span></div>'
        )
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" aria-hidden="true">' + "".join(slices) + "</svg>"
    )
    parts.append(f'<div class="chart-pie">{svg}<div class="chart-pie-legend">{"".join(legend)}</div></div></figure>')
    return "".join(parts)

"""reports.charts: well-formed, escaped, script-free SVG whose text stays text."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from reports.charts import bar_chart_svg, nice_ticks, pie_chart_svg

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert(1)</script><img src="file:///etc/passwd"> & "quoted" \x07'


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to prove it is well-formed


def texts(root: ET.Element) -> list[str]:
    return ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]


def assert_inert(root: ET.Element) -> None:
    for node in root.iter():
        assert node.tag.removeprefix(SVG) not in {"script", "foreignObject", "image", "use", "a", "style"}
        for name in node.attrib:
            assert name != "style"
            assert not name.startswith("on")
            assert "href" not in name


@pytest.mark.parametrize("horizontal", [False, True])
@pytest.mark.parametrize("rtl", [False, True])
def test_bar_chart_is_well_formed_and_escapes_user_text(horizontal, rtl):
    svg = bar_chart_svg(
        title=HOSTILE,
        labels=[HOSTILE, "فاس-مكناس", "Casablanca"],
        series={"Committed": [Decimal("2576296.77"), 10, 0], HOSTILE: [1, 2, 3]},
        horizontal=horizontal,
        rtl=rtl,
    )
    assert "<script" not in svg and "<img" not in svg and "\x07" not in svg
    root = parse(svg)
    assert_inert(root)
    shown = texts(root)
    assert "2,576,296.77" in shown
    assert "فاس-مكناس" in shown
    assert any("<script>" in text for text in shown)  # shown literally, as text
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert "Casablanca" in root.find(f"{SVG}desc").text
    if rtl:
        assert all(node.get("direction") == "rtl" for node in root.iter(f"{SVG}text"))


def test_rtl_mirrors_the_bars():
    kwargs = {"title": "t", "labels": ["a", "b"], "series": {"s": [1, 2]}, "horizontal": True}
    ltr, rtl = parse(bar_chart_svg(**kwargs)), parse(bar_chart_svg(**kwargs, rtl=True))
    width = float(ltr.get("width"))
    for left, right in zip(ltr.iter(f"{SVG}rect"), rtl.iter(f"{SVG}rect"), strict=True):
        x_ltr, x_rtl, w = float(left.get("x")), float(right.get("x")), float(left.get("width"))
        assert x_rtl == pytest.approx(width - x_ltr - w, abs=0.01)


def test_bar_heights_are_proportional():
    root = parse(bar_chart_svg(title="t", labels=["a", "b"], series={"s": [50, 100]}))
    heights = [float(rect.get("height")) for rect in root.iter(f"{SVG}rect")]
    assert heights[1] == pytest.approx(2 * heights[0], rel=0.01)


@pytest.mark.parametrize("rtl", [False, True])
def test_pie_chart(rtl):
    svg = pie_chart_svg(title="Sexe", labels=["Hommes", HOSTILE], values=[48, 2], rtl=rtl)
    root = parse(svg)
    assert_inert(root)
    assert len(list(root.iter(f"{SVG}path"))) == 2
    assert any("Hommes — 48 (96%)" in text for text in texts(root))


def test_pie_with_a_single_slice_and_empty_charts():
    assert len(list(parse(pie_chart_svg(title="t", labels=["a", "b"], values=[5, 0])).iter(f"{SVG}circle"))) == 1
    for svg in (
        pie_chart_svg(title="t", labels=[], values=[]),
        pie_chart_svg(title="t", labels=["a"], values=[0]),
        bar_chart_svg(title="t", labels=[], series={}),
    ):
        root = parse(svg)
        assert not list(root.iter(f"{SVG}rect")) and not list(root.iter(f"{SVG}path"))


def test_many_labels_rotate_and_negative_values_go_below_zero():
    labels = [f"Region {n}" for n in range(12)]
    root = parse(bar_chart_svg(title="t", labels=labels, series={"s": list(range(-2, 10))}))
    assert any(node.get("transform", "").startswith("rotate") for node in root.iter(f"{SVG}text"))
    assert len(list(root.iter(f"{SVG}rect"))) == 12


def test_nice_ticks():
    assert nice_ticks(0, 95) == [0, 20, 40, 60, 80, 100]
    assert nice_ticks(-3, 7)[0] <= -3 and nice_ticks(-3, 7)[-1] >= 7
    assert nice_ticks(0, 0) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]


def test_pdf_charts_keep_words_in_html_and_shapes_in_svg():
    from reports.pdf_charts import bar_chart_html, pie_chart_html

    html = bar_chart_html(
        title=HOSTILE, labels=["فاس-مكناس", HOSTILE], series={"a": [Decimal("10.50"), 5], "b": [1, 0]}, rtl=True
    )
    assert "<script" not in html and "<img" not in html and "<text" not in html
    assert "فاس-مكناس" in html and "10.50 / 1" in html and html.count("<svg") == 4 + 2  # bars + legend swatches
    pie = pie_chart_html(title="t", labels=["Hommes", "Femmes"], values=[48, 2])
    assert "<text" not in pie and "Hommes: " in pie and "(96%)" in pie
    assert "No data" in bar_chart_html(title="t", labels=[], series={})

"""XLSX exports, built by a report job with openpyxl's write-only mode (rows streamed to disk)."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from casework.spreadsheet import safe_cell

from ..forms import EXPORT_LISTS
from ..kinds import BuildContext, BuildResult
from .lists import export_rows

PROGRESS_EVERY = 500


def _cell(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    return safe_cell(value)


def write_xlsx(path, *, title: str, header: list[str], rows, progress=None, total: int = 0) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "export")
    bold = Font(bold=True)
    header_cells = []
    for column in header:
        cell = WriteOnlyCell(sheet, value=safe_cell(str(column)))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    for row in rows:
        sheet.append([_cell(value) for value in row])
        count += 1
        if progress and total and count % PROGRESS_EVERY == 0:
            progress(10 + int(80 * count / total))
    workbook.save(path)
    return count


def build(context: BuildContext) -> BuildResult:
    data = context.data
    header, rows, queryset = export_rows(user=context.user, data=data)
    total = queryset.count()
    context.progress(10)
    title = re.sub(r"[\[\]:*?/\\]", " ", str(dict(EXPORT_LISTS)[data["list"]]))
    count = write_xlsx(context.output, title=title, header=header, rows=rows, progress=context.progress, total=total)
    context.progress(95)
    stamp = timezone.localdate().isoformat()
    return BuildResult(download_name=f"{data['list']}-{stamp}.xlsx", rows=count)

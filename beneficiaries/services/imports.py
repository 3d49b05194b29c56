"""Bulk import of a cohort roster: parse, validate every row, preview, then write all or nothing."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework.audit import audit_record
from casework.models import AuditAction, Centre, PrisonEstablishment, User

from ..models import Beneficiary, Cohort, ReleaseType, Sex
from ..normalise import CIN_PATTERN, normalise_cin
from .cohorts import cohort_add_member
from .duplicates import possible_duplicates
from .people import beneficiary_register, centres_for_registration

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024
REQUIRED = [
    "first_name_ar",
    "family_name_ar",
    "first_name_latin",
    "family_name_latin",
    "sex",
    "birth_date",
    "release_date",
]
OPTIONAL = [
    "father_name_ar",
    "father_name_latin",
    "cin",
    "birth_place",
    "establishment",
    "release_type",
    "city",
    "phone",
]
COLUMNS = REQUIRED + OPTIONAL
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


@dataclass
class RosterRow:
    line: int
    raw: dict
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class RosterPreview:
    rows: list[RosterRow]
    errors: list[str] = field(default_factory=list)  # errors about the file as a whole

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.errors and not any(row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(1 for row in self.rows if row.errors)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(content: bytes) -> tuple[list[str], list[dict]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError, zipfile.BadZipFile) as exc:
        raise ValidationError(_("The file is not a readable XLSX workbook.")) from exc
    try:
        sheet = workbook.worksheets[0]
        lines = sheet.iter_rows(values_only=True)
        header = [_cell_text(v) for v in next(lines, ())]
        rows = []
        for line in lines:
            if len(rows) > MAX_ROWS:
                break
            rows.append({name: _cell_text(value) for name, value in zip(header, line, strict=False) if name})
        return header, rows
    finally:
        workbook.close()


def _csv_rows(content: bytes) -> tuple[list[str], list[dict]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The file is not a UTF-8 CSV file. Save it as “CSV UTF-8” and try again.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [(name or "").strip() for name in (reader.fieldnames or [])]
    rows = []
    for raw in reader:
        rows.append({(k or "").strip(): (v or "").strip() for k, v in raw.items() if k})
        if len(rows) > MAX_ROWS:
            break
    return header, rows


def roster_parse(*, content: bytes, filename: str = "") -> list[dict]:
    """The rows of a roster, CSV (UTF-8, comma or semicolon) or XLSX (first sheet), as {column: text}.
    Raises ValidationError for a file that cannot be read as a whole."""
    if len(content) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    if content[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        header, parsed = _xlsx_rows(content)
    else:
        header, parsed = _csv_rows(content)
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ValidationError(_("Columns missing from the file: %(columns)s.") % {"columns": ", ".join(missing)})
    rows = [row for row in parsed if any(row.values())]
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("A roster may hold at most %(max)s rows.") % {"max": MAX_ROWS})
    if not rows:
        raise ValidationError(_("The file holds no row to import."))
    return rows


def _date(text: str) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 — a calendar date, no time
        except ValueError:
            continue
    return None


def roster_validate(*, rows: list[dict]) -> RosterPreview:
    """Check every row and flag likely duplicates; writes nothing."""
    establishments = {e.code.upper(): e for e in PrisonEstablishment.objects.all()}
    sexes = {value for value, _label in Sex.choices}
    release_types = {value for value, _label in ReleaseType.choices}
    result = RosterPreview(rows=[])
    seen_cins: dict[str, int] = {}
    for index, raw in enumerate(rows, start=2):  # line 1 is the header
        row = RosterRow(line=index, raw={name: raw.get(name, "") for name in COLUMNS})
        values = row.values
        for name in REQUIRED:
            if not raw.get(name):
                row.errors.append(_("“%(column)s” is empty.") % {"column": name})
        for name in (
            "first_name_ar",
            "family_name_ar",
            "father_name_ar",
            "first_name_latin",
            "family_name_latin",
            "father_name_latin",
            "birth_place",
            "city",
            "phone",
        ):
            values[name] = raw.get(name, "")[:100]
        sex = raw.get("sex", "").upper()
        if sex and sex not in sexes:
            row.errors.append(_("Sex must be M or F, not “%(value)s”.") % {"value": raw.get("sex")})
        values["sex"] = sex
        for name in ("birth_date", "release_date"):
            text = raw.get(name, "")
            parsed = _date(text) if text else None
            if text and parsed is None:
                row.errors.append(
                    _("“%(column)s”: “%(value)s” is not a date (use YYYY-MM-DD or DD/MM/YYYY).")
                    % {"column": name, "value": text}
                )
            values[name] = parsed
        cin = normalise_cin(raw.get("cin", ""))
        if cin and not CIN_PATTERN.match(cin):
            row.errors.append(
                _("The CIN “%(value)s” is not valid: one or two letters followed by digits, e.g. AB123456.")
                % {"value": raw.get("cin")}
            )
        elif cin:
            if cin in seen_cins:
                row.errors.append(_("The CIN %(cin)s is also on line %(line)s.") % {"cin": cin, "line": seen_cins[cin]})
            seen_cins.setdefault(cin, index)
        values["cin"] = cin
        code = raw.get("establishment", "").upper()
        if code and code not in establishments:
            row.errors.append(_("Unknown prison establishment code “%(value)s”.") % {"value": raw.get("establishment")})
        values["establishment"] = establishments.get(code)
        release_type = raw.get("release_type", "").lower()
        if release_type and release_type not in release_types:
            row.errors.append(
                _("Release type must be one of %(choices)s.") % {"choices": ", ".join(sorted(release_types))}
            )
        values["release_type"] = release_type
        if not row.errors:
            for duplicate in possible_duplicates(
                cin=cin,
                birth_date=values["birth_date"],
                first_name_ar=values["first_name_ar"],
                family_name_ar=values["family_name_ar"],
                first_name_latin=values["first_name_latin"],
                family_name_latin=values["family_name_latin"],
            ):
                message = _("A possible duplicate exists in centre %(centre)s — ask a supervisor.") % {
                    "centre": duplicate.centre
                }
                if duplicate.reason == "cin":
                    row.errors.append(message)  # the CIN is unique: this row cannot be written
                else:
                    row.warnings.append(message)
        result.rows.append(row)
    return result


@transaction.atomic
def roster_import(
    *, actor: User, centre: Centre, cohort: Cohort, rows: list[dict], filename: str = ""
) -> list[Beneficiary]:
    """Register every row and add it to the cohort: all rows or none. One summary audit entry besides
    the entry each new file gets."""
    if not centres_for_registration(user=actor).filter(pk=centre.pk).exists():
        raise PermissionDenied(_("You may not register people in this centre."))
    preview = roster_validate(rows=rows)
    if not preview.is_valid:
        raise ValidationError(_("The roster has errors; nothing was imported."))
    created = []
    for row in preview.rows:
        values = dict(row.values)
        establishment = values.get("establishment")
        person = beneficiary_register(actor=actor, centre=centre, **values)
        cohort_add_member(actor=actor, cohort=cohort, beneficiary=person, establishment=establishment)
        created.append(person)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        target=cohort,
        changes={
            "import": filename[:200],
            "centre": centre.code,
            "rows": len(created),
            "file_numbers": [p.file_number for p in created],
        },
        object_repr=f"{cohort} — roster import ({len(created)})",
    )
    return created

"""The person's right of access: everything held about one person, for an administrator, audited.

The export is a ZIP: `data.json` holds the person's file (decrypted) and every row of every table that
refers to them (discovered by beneficiaries.person_graph, so new tables are included automatically),
including the audit entries about them; `documents/` holds the files uploaded to their file.
The quick identity sheet of the file page (CSV, `person_export`) stays for file roles; this one is the
complete answer to a subject-access request and only an administrator may produce it.
"""

from __future__ import annotations

import datetime
import decimal
import io
import json
import uuid
import zipfile

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.audit import audit_record
from casework.models import AuditAction, User

from .. import person_graph
from ..models import Beneficiary


def may_export_subject_access(*, user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_administrator)


def _value(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if isinstance(value, bytes | memoryview):
        return "<binary>"
    return value


def _row(instance: models.Model) -> dict:
    row = {}
    for field in instance._meta.concrete_fields:
        if field.name.endswith("_hash") or field.name.startswith("search_"):
            continue  # derived keys (blind index, normalised names), not information about the person
        row[field.attname] = _value(getattr(instance, field.attname))
    return row


def _file_fields(model) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def subject_access_data(*, person: Beneficiary) -> tuple[dict, list[tuple[str, models.fields.files.FieldFile]]]:
    """(data, files): every row about the person by table label, and the stored files to include."""
    tables: dict[str, list[dict]] = {"beneficiaries.Beneficiary": [_row(person)]}
    merged = list(Beneficiary._base_manager.filter(merged_into=person))
    if merged:
        tables["beneficiaries.Beneficiary (merged duplicate files)"] = [_row(b) for b in merged]
    files = []
    ids = [person.pk, *[b.pk for b in merged]]
    for link in person_graph.person_links():
        rows = []
        for person_id in ids:
            for instance in link.rows(person_id).order_by("pk"):
                rows.append(_row(instance))
                for field in _file_fields(link.model):
                    stored = getattr(instance, field.attname)
                    if stored:
                        files.append((f"{link.label}/{instance.pk}/{field.name}", stored))
        if rows:
            tables[link.label] = rows
    data = {
        "person": str(person.pk),
        "file_number": person.file_number,
        "generated_at": timezone.now().isoformat(),
        "tables": tables,
        "files": [name for name, _stored in files],
    }
    return data, files


def subject_access_export(*, actor: User, person: Beneficiary) -> bytes:
    """The ZIP for a subject-access request; audited as an export on the person's file."""
    if not may_export_subject_access(user=actor):
        raise PermissionDenied(_("Only an administrator may produce a subject-access export."))
    data, files = subject_access_data(person=person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        for name, stored in files:
            try:
                with stored.open("rb") as handle:
                    archive.writestr(f"files/{name}", handle.read())
            except FileNotFoundError:
                archive.writestr(f"files/{name}.missing", "")
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        target=person,
        beneficiary_id=person.pk,
        changes={
            "format": "subject_access_zip",
            "tables": {label: len(rows) for label, rows in data["tables"].items()},
            "files": len(files),
        },
    )
    return buffer.getvalue()

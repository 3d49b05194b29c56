"""Retention: a closed file is anonymised once it has been closed for CASEWORK_RETENTION_YEARS.

What goes: names (both scripts, father's), CIN, phone, address, city, place of birth, trade, conviction,
the file number (replaced by an opaque one), the exact date of birth (kept as the first day of its
five-year band), family members' names, contacts, needs and measures, every document (file and row),
every per-file share, and the free text of every row that refers to the person in any app (discovered by
beneficiaries.person_graph: notes, summaries, reasons, evaluations, JSON details).
What stays, for the statistics: sex, region, centre, birth-year band, statuses and their dates, release
type and dates, cohort membership and completion, follow-up counts and kinds, grant amounts and statuses.

Idempotent (an anonymised file is skipped), one transaction and one audit entry per file. The audit
trail itself is append-only and is not rewritten (see README: retention of the audit trail).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from casework.access import forget_shares
from casework.audit import audit_record
from casework.models import AuditAction, AuditEntry

from .. import person_graph
from ..models import Beneficiary, BeneficiaryGroupObjectPermission, BeneficiaryUserObjectPermission, Document, Status

CLOSED_STATUSES = (Status.CLOSED, Status.DECEASED)
PLACEHOLDER = "—"
BIRTH_BAND_YEARS = 5
# Person columns cleared (set to "") besides the names; choice, date, number and reference columns stay.
PERSON_CLEARED = ["father_name_ar", "father_name_latin", "birth_place", "cin", "phone", "address", "city", "trade"]
PERSON_CLEARED += ["conviction"]
# Tables never rewritten: the append-only audit trail, and grants that are the access control itself
# (deleted instead, below).
SKIPPED_LABELS = {AuditEntry._meta.label}


def retention_cutoff(*, today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    years = settings.CASEWORK_RETENTION_YEARS
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def files_due(*, today: datetime.date | None = None) -> QuerySet[Beneficiary]:
    """Closed (or deceased) files, closed on or before the cut-off, not yet anonymised."""
    return Beneficiary._base_manager.filter(
        status__in=CLOSED_STATUSES,
        status_changed_on__lte=retention_cutoff(today=today),
        anonymised_at__isnull=True,
    ).order_by("status_changed_on", "pk")


def _is_free_text(field: models.Field) -> bool:
    if field.choices or not field.editable or field.primary_key:
        return False
    return isinstance(field, models.CharField | models.TextField) and not isinstance(
        field, models.SlugField | models.URLField
    )


def _text_value(field: models.Field, pk) -> str:
    if field.unique:
        return f"ANON-{str(pk).replace('-', '')[:12]}"[: field.max_length or None]
    if getattr(field, "encrypted", False) or field.blank:
        return ""
    return PLACEHOLDER


def _anonymise_related(person_id) -> dict[str, int]:
    """Blank the free text and JSON of every row about the person; delete stored files. Rows stay."""
    counts = {}
    for link in person_graph.person_links():
        if link.label in SKIPPED_LABELS or link.model in (
            Document,
            BeneficiaryUserObjectPermission,
            BeneficiaryGroupObjectPermission,
        ):
            continue
        text_fields = [f for f in link.model._meta.concrete_fields if _is_free_text(f)]
        json_fields = [f for f in link.model._meta.concrete_fields if isinstance(f, models.JSONField)]
        file_fields = [f for f in link.model._meta.concrete_fields if isinstance(f, models.FileField)]
        if not (text_fields or json_fields or file_fields):
            continue
        rows = 0
        for row in link.rows(person_id).select_for_update(of=("self",)):
            values = {f.attname: _text_value(f, row.pk) for f in text_fields}
            values.update({f.attname: f.get_default() for f in json_fields})
            for field in file_fields:
                stored = getattr(row, field.attname)
                if stored:
                    stored.delete(save=False)
                values[field.attname] = ""
            link.model._base_manager.filter(pk=row.pk).update(**values)
            rows += 1
        if rows:
            counts[link.label] = rows
    return counts


@transaction.atomic
def beneficiary_anonymise(*, person: Beneficiary, reason: str = "retention") -> bool:
    """Anonymise one closed file; False when it was already anonymised (or is no longer closed)."""
    locked = Beneficiary._base_manager.select_for_update().filter(pk=person.pk).first()
    if locked is None or locked.anonymised_at is not None or locked.status not in CLOSED_STATUSES:
        return False
    documents = list(Document.objects.filter(beneficiary=locked))
    for document in documents:
        document.file.delete(save=False)
    Document.objects.filter(beneficiary=locked).delete()
    shares = BeneficiaryUserObjectPermission.objects.filter(content_object=locked).delete()[0]
    shares += BeneficiaryGroupObjectPermission.objects.filter(content_object=locked).delete()[0]
    forget_shares()
    related = _anonymise_related(locked.pk)

    birth = locked.birth_date
    values = {name: "" for name in PERSON_CLEARED}
    values.update(
        first_name_ar=PLACEHOLDER,
        family_name_ar=PLACEHOLDER,
        first_name_latin=PLACEHOLDER,
        family_name_latin=PLACEHOLDER,
        file_number=f"ANON-{locked.pk.hex[:12].upper()}",
        birth_date=datetime.date(birth.year - birth.year % BIRTH_BAND_YEARS, 1, 1) if birth else None,
        search_name_ar="",
        search_name_latin="",
        search_first_ar="",
        search_first_latin="",
        anonymised_at=timezone.now(),
    )
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*values, "cin_hash", "updated_at"])
    audit_record(
        actor=None,
        actor_username="system",
        action=AuditAction.UPDATE,
        target=locked,
        beneficiary_id=locked.pk,
        object_repr=locked.file_number,
        changes={
            "anonymised": reason,
            "retention_years": settings.CASEWORK_RETENTION_YEARS,
            "documents_deleted": len(documents),
            "shares_deleted": shares,
            "rows_blanked": related,
        },
    )
    return True


def anonymise_due_files(*, today: datetime.date | None = None, limit: int | None = None) -> int:
    """Anonymise every file due (each in its own transaction); returns how many were anonymised."""
    due = files_due(today=today).values_list("pk", flat=True)
    done = 0
    for pk in list(due[:limit] if limit else due):
        if beneficiary_anonymise(person=Beneficiary(pk=pk)):
            done += 1
    return done

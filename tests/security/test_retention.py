"""Retention (anonymisation of closed files) and the person's right of access (complete export)."""

from __future__ import annotations

import datetime
import io
import json
import os
import zipfile

import pytest
from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone

from beneficiaries import person_graph
from beneficiaries.models import Beneficiary, Document, FamilyMember, Status, StatusChange
from beneficiaries.services import (
    beneficiary_change_status,
    beneficiary_register,
    consent_record,
    document_add,
    family_member_add,
)
from beneficiaries.services.retention import anonymise_due_files, files_due
from casework.models import AuditAction, AuditEntry
from tests.factories import centre

PDF = b"%PDF-1.4\n% retention test\n"


def _closed_person(actor, *, years_ago: int, cin: str) -> Beneficiary:
    person = beneficiary_register(
        actor=actor,
        centre=centre("FES"),
        sex="F",
        first_name_ar="فاطمة",
        family_name_ar="الزهراء",
        first_name_latin="Fatima",
        family_name_latin="Zahra",
        father_name_latin="Driss",
        birth_date=datetime.date(1987, 6, 5),
        birth_place="Fès",
        cin=cin,
        phone="0611111111",
        address="3 derb Lamtiyine",
        trade="Couturière",
        conviction="Article 218-1",
    )
    family_member_add(actor=actor, beneficiary=person, relation="child", name="Yassine", age=9, contact="0622222222")
    consent_record(actor=actor, beneficiary=person, purpose="data_processing", given_on=datetime.date(2021, 5, 2))
    document_add(
        actor=actor, beneficiary=person, kind="other", upload=SimpleUploadedFile("jugement.pdf", PDF, "application/pdf")
    )
    closed_on = timezone.localdate().replace(year=timezone.localdate().year - years_ago)
    beneficiary_change_status(
        actor=actor, beneficiary=person, status=Status.CLOSED, reason="Fin d'accompagnement", changed_on=closed_on
    )
    return person


@pytest.mark.django_db
def test_closed_files_past_retention_are_anonymised_keeping_the_statistics(people, settings):
    settings.CASEWORK_RETENTION_YEARS = 10
    old = _closed_person(people.caseworker, years_ago=11, cin="AB100200")
    recent = _closed_person(people.caseworker, years_ago=1, cin="AB100300")
    document = Document.objects.get(beneficiary=old)
    stored = document.file.path
    assert list(files_due()) == [old]

    call_command("anonymise_closed_files")

    old.refresh_from_db()
    assert old.anonymised_at is not None
    for name in ("first_name_ar", "family_name_ar", "first_name_latin", "family_name_latin"):
        assert getattr(old, name) == "—"
    for name in ("cin", "phone", "address", "birth_place", "trade", "conviction", "father_name_latin"):
        assert getattr(old, name) == "", name
    assert old.cin_hash is None and old.search_name_latin == "" and old.file_number.startswith("ANON-")
    # Statistics stay: sex, centre, region, birth-year band, status and its date.
    assert (old.sex, old.centre.code, old.status) == ("F", "FES", Status.CLOSED)
    assert old.birth_date == datetime.date(1985, 1, 1)
    relative = FamilyMember.objects.get(beneficiary=old)
    assert (relative.name, relative.contact, relative.relation, relative.age) == ("—", "", "child", 9)
    assert not Document.objects.filter(beneficiary=old).exists()
    assert not os.path.exists(stored)
    assert StatusChange.objects.filter(beneficiary=old).exclude(reason="—").count() == 0
    entry = AuditEntry.objects.get(beneficiary_id=old.pk, changes__anonymised="retention")
    assert entry.changes["documents_deleted"] == 1
    # The recent file is untouched; a second run does nothing (idempotent).
    recent.refresh_from_db()
    assert recent.anonymised_at is None and recent.first_name_latin == "Fatima"
    assert anonymise_due_files() == 0
    assert AuditEntry.objects.filter(changes__anonymised="retention").count() == 1


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_beat_task_anonymises_through_a_real_worker(people, settings, celery_worker_process):
    from beneficiaries.tasks import anonymise_closed_files

    assert settings.CELERY_BEAT_SCHEDULE["anonymise-closed-files"]["task"] == anonymise_closed_files.name
    person = _closed_person(people.caseworker, years_ago=12, cin="AB100400")
    assert anonymise_closed_files.delay().get(timeout=60) == 1
    person.refresh_from_db()
    assert person.anonymised_at is not None and person.cin == ""


def _export(client, person):
    response = client.get(reverse("beneficiaries:subject_access", args=[person.pk]))
    assert response.status_code == 200, response.status_code
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return json.loads(archive.read("data.json")), archive.namelist()


@pytest.mark.django_db
def test_an_administrator_exports_everything_held_about_a_person_and_it_is_audited(people, login):
    person = _closed_person(people.caseworker, years_ago=0, cin="AB100500")
    data, names = _export(login(people.administrator), person)
    tables = data["tables"]
    assert tables["beneficiaries.Beneficiary"][0]["cin"] == "AB100500"
    assert tables["beneficiaries.FamilyMember"][0]["contact"] == "0622222222"
    assert {"beneficiaries.Consent", "beneficiaries.Document", "beneficiaries.StatusChange"} <= set(tables)
    assert len(tables["casework.AuditEntry"]) >= 4  # the audit entries about them are part of it
    assert any(name.startswith("files/beneficiaries.Document/") for name in names)
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, beneficiary_id=person.pk, changes__format="subject_access_zip"
    ).exists()


@pytest.mark.django_db
def test_only_administrators_produce_the_subject_access_export(people, login):
    person = _closed_person(people.caseworker, years_ago=0, cin="AB100600")
    url = reverse("beneficiaries:subject_access", args=[person.pk])
    assert login(people.caseworker).get(url).status_code == 403  # in scope, not allowed
    assert login(people.supervisor).get(url).status_code == 403
    assert login(people.outsider).get(url).status_code == 404  # out of scope
    assert login(people.partner).get(url).status_code == 404


# Fields that look like a reference to a person but are not one, with the reason.
NOT_A_PERSON_REFERENCE: dict[str, str] = {
    "guardian.UserObjectPermission.content_object": "per-file grants use the direct foreign-key models",
    "guardian.GroupObjectPermission.content_object": "per-file grants use the direct foreign-key models",
}


def _looks_like_person_reference(field) -> bool:
    name = field.name.lower()
    if isinstance(field, GenericForeignKey):
        return True
    if isinstance(field, models.UUIDField | models.CharField | models.IntegerField) and not field.primary_key:
        return any(word in name for word in ("beneficiar", "person", "file_number", "cin"))
    return False


@pytest.mark.django_db
def test_every_model_that_refers_to_a_person_is_in_the_subject_access_export():
    """Fails when a model refers to a person in a way the model graph does not see (a plain column named
    after the person, a generic relation): add a foreign key, a `beneficiary_id` UUID, or teach
    beneficiaries.person_graph the new kind of reference."""
    covered = {link.model for link in person_graph.person_links()}
    target = person_graph.beneficiary_model()
    missing = set()
    for model in apps.get_models():
        if model is target:
            continue
        fields = [*model._meta.get_fields(include_hidden=False), *model._meta.private_fields]
        for field in fields:
            if getattr(field, "auto_created", False) and not getattr(field, "concrete", True):
                continue
            label = f"{model._meta.label}.{field.name}"
            refers = getattr(field, "related_model", None) is target and getattr(field, "concrete", False)
            if (refers or _looks_like_person_reference(field)) and model not in covered:
                if label not in NOT_A_PERSON_REFERENCE:
                    missing.add(label)
    assert not missing, f"not covered by the subject-access export and retention: {sorted(missing)}"
    # And the graph reaches models two hops away (a goal through its project), whatever the app.
    assert all(link.kind in {"fk", "uuid", "json"} for link in person_graph.person_links())

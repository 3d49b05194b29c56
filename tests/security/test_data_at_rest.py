"""Encryption at rest: a dump of the database holds no CIN, phone, address or relative's contact in
clear, while search by CIN still works through the blind index; keys rotate; production refuses to start
without its own keys; documents and report files live outside anything the web server serves."""

from __future__ import annotations

import datetime
import os
import subprocess

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import FieldError, ValidationError
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from beneficiaries.models import Beneficiary, FamilyMember
from beneficiaries.protected_data import ENCRYPTED_FIELDS, cin_index
from beneficiaries.selectors import beneficiary_list
from beneficiaries.services import beneficiary_register, family_member_add, possible_duplicates
from beneficiaries.services.imports import roster_validate
from casework.encryption import UndecryptableValue, encrypted_fields, rotate_all
from tests.casework.test_deploy_settings import production_environment, run_manage
from tests.factories import centre

CINS = ["AB123456", "XY654321", "K98765"]
PHONES = ["0661234567", "0677654321", "0655511122"]
ADDRESSES = ["12 derb Sidi Bouloukat", "7 rue Oued Fès", "Hay Mohammadi bloc 9"]
RELATIVE_CONTACT = "0622334455"


def _register(actor, index: int) -> Beneficiary:
    return beneficiary_register(
        actor=actor,
        centre=centre("FES"),
        sex="M",
        first_name_ar="أحمد",
        family_name_ar=f"العلوي {index}",
        first_name_latin="Ahmed",
        family_name_latin=f"Alaoui {index}",
        birth_date=datetime.date(1980 + index, 1, 2),
        cin=CINS[index].lower(),  # typed in lower case: stored normalised
        phone=PHONES[index],
        address=ADDRESSES[index],
    )


def _pg_dump() -> str:
    db = connection.settings_dict
    env = dict(os.environ, PGPASSWORD=db.get("PASSWORD") or "")
    result = subprocess.run(
        [
            "pg_dump",
            "--data-only",
            "--no-owner",
            "-h",
            db.get("HOST") or "127.0.0.1",
            "-p",
            str(db.get("PORT") or 5432),
            "-U",
            db.get("USER") or "postgres",
            db["NAME"],
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


@pytest.mark.django_db(transaction=True)
def test_pg_dump_holds_no_clear_identifier_and_search_by_cin_still_works(people, login):
    persons = [_register(people.caseworker, i) for i in range(3)]
    family_member_add(
        actor=people.caseworker, beneficiary=persons[0], relation="spouse", name="Fatima", contact=RELATIVE_CONTACT
    )
    dump = _pg_dump()
    assert "beneficiaries_beneficiary" in dump and "casework_auditentry" in dump
    for secret in [*CINS, *PHONES, *ADDRESSES, RELATIVE_CONTACT]:
        assert secret not in dump, f"{secret!r} is in the database dump in clear"
    # The columns hold Fernet tokens, and the blind index is there.
    assert dump.count("gAAAAA") >= 3 * 3 + 1
    assert cin_index("AB123456") in dump

    # Search by CIN: the search box (any spacing or case), duplicate detection, roster import, API filter.
    assert list(beneficiary_list(user=people.caseworker, q="ab 123 456")) == [persons[0]]
    assert [d.reason for d in possible_duplicates(cin="xy654321")] == ["cin"]
    preview = roster_validate(
        rows=[
            {
                "first_name_ar": "محمد",
                "family_name_ar": "بناني",
                "first_name_latin": "Mohamed",
                "family_name_latin": "Bennani",
                "sex": "M",
                "birth_date": "1990-01-01",
                "release_date": "2021-05-01",
                "cin": "k98765",
            }
        ]
    )
    assert preview.rows[0].errors, "the roster import must see that this CIN is already registered"
    client = login(people.caseworker)
    for query in ("?q=AB123456", "?cin=ab123456"):
        body = client.get(reverse("beneficiaries_api:list") + query).json()
        assert [row["id"] for row in body["results"]] == [str(persons[0].pk)], query
    page = client.get(reverse("beneficiaries:list"), {"q": "XY654321"})
    assert persons[1].file_number in page.content.decode()
    # The application reads the clear values back.
    detail = client.get(reverse("beneficiaries_api:detail", args=[persons[2].pk])).json()
    assert detail["cin"] == "K98765" and detail["phone"] == PHONES[2] and detail["address"] == ADDRESSES[2]


@pytest.mark.django_db
def test_the_designated_fields_are_the_encrypted_ones():
    declared = {label: sorted(names) for label, names in ENCRYPTED_FIELDS.items()}
    assert declared == {
        "beneficiaries.Beneficiary": sorted(f.name for f in encrypted_fields(Beneficiary)),
        "beneficiaries.FamilyMember": sorted(f.name for f in encrypted_fields(FamilyMember)),
    }


@pytest.mark.django_db
def test_cin_stays_unique_through_the_blind_index(people):
    _register(people.caseworker, 0)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        beneficiary_register(
            actor=people.outsider,
            centre=centre("CAS"),
            sex="M",
            first_name_ar="علي",
            family_name_ar="ب",
            first_name_latin="Ali",
            family_name_latin="B",
            cin=" ab123456 ",
        )
    assert error.value.messages == ["A file with this CIN already exists. Ask a supervisor."]


@pytest.mark.django_db
def test_a_lookup_on_an_encrypted_column_fails_loudly():
    with pytest.raises(FieldError, match="encrypted"):
        list(Beneficiary.objects.filter(cin="AB123456"))
    assert Beneficiary.objects.filter(cin__isnull=True).count() == 0


@pytest.mark.django_db
def test_rotation_re_encrypts_with_the_newest_key_and_old_keys_can_then_go(people):
    person = _register(people.caseworker, 0)
    old = settings.CASEWORK_FIELD_ENCRYPTION_KEYS[0]
    new = Fernet.generate_key().decode()
    with override_settings(CASEWORK_FIELD_ENCRYPTION_KEYS=[new, old]):
        assert Beneficiary.objects.get(pk=person.pk).cin == "AB123456"  # old rows still read
        rotate_all(batch_size=1)
    with override_settings(CASEWORK_FIELD_ENCRYPTION_KEYS=[new]):
        assert Beneficiary.objects.get(pk=person.pk).cin == "AB123456"
        assert list(beneficiary_list(user=people.caseworker, q="AB123456")) == [person]
    with pytest.raises(UndecryptableValue):  # strict: the dropped key's ciphertext is never shown as a value
        Beneficiary.objects.get(pk=person.pk)


@pytest.mark.django_db
def test_a_new_blind_index_key_takes_effect_after_the_rotation_command(people):
    person = _register(people.caseworker, 0)
    with override_settings(CASEWORK_BLIND_INDEX_KEY="another-blind-index-key-of-enough-length-42"):
        assert not beneficiary_list(user=people.caseworker, q="AB123456").exists()
        rotate_all()
        assert list(beneficiary_list(user=people.caseworker, q="AB123456")) == [person]


def test_production_refuses_to_start_without_or_with_development_encryption_keys():
    env = production_environment()
    del env["CASEWORK_FIELD_ENCRYPTION_KEYS"]
    result = run_manage("check", env=env)
    assert result.returncode != 0 and "CASEWORK_FIELD_ENCRYPTION_KEYS" in result.stderr
    env = production_environment()
    del env["CASEWORK_BLIND_INDEX_KEY"]
    result = run_manage("check", env=env)
    assert result.returncode != 0 and "CASEWORK_BLIND_INDEX_KEY" in result.stderr
    env = production_environment()
    env["CASEWORK_FIELD_ENCRYPTION_KEYS"] = settings.DEVELOPMENT_FIELD_ENCRYPTION_KEY
    result = run_manage("check", env=env)
    assert result.returncode != 0 and "own encryption" in result.stderr


def test_documents_and_report_files_are_outside_what_the_web_server_serves():
    from django.contrib.staticfiles.finders import get_finders
    from django.urls import get_resolver
    from django.views.static import serve

    served = [os.path.realpath(settings.STATIC_ROOT)]
    for finder in get_finders():
        for _path, storage in finder.list([]):
            served.append(os.path.realpath(storage.location))
    private = [settings.MEDIA_ROOT, getattr(settings, "REPORTS_DIR", settings.MEDIA_ROOT)]
    for folder in private:
        folder = os.path.realpath(folder)
        assert not any(folder.startswith(root) or root.startswith(folder) for root in set(served)), folder
    assert not getattr(settings, "MEDIA_URL", "").strip("/"), "no URL may map to the private files"

    def views(patterns):
        for entry in patterns:
            if hasattr(entry, "url_patterns"):
                yield from views(entry.url_patterns)
            else:
                yield entry.callback

    assert serve not in set(views(get_resolver().url_patterns)), "django.views.static.serve must not be routed"

"""Administrators maintain the reference data in the admin; every save is audited; nobody deletes a row."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from casework.models import AuditEntry
from reintegration_plans.models import Domain, PartnerOrganisation
from reintegration_plans.services.reference import reference_save

pytestmark = pytest.mark.django_db


def test_administrator_adds_a_domain_through_the_admin(people, login):
    client = login(people.administrator)
    assert client.get(reverse("admin:reintegration_plans_partnerorganisation_changelist")).status_code == 200
    response = client.post(
        reverse("admin:reintegration_plans_domain_add"),
        {"code": "leisure", "name_ar": "الترفيه", "name_fr": "Loisirs", "name_en": "Leisure", "position": 9,
         "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:1000]
    domain = Domain.objects.get(code="leisure")
    assert AuditEntry.objects.filter(object_type="reintegration_plans.domain", object_id=str(domain.pk)).exists()
    assert client.post(reverse("admin:reintegration_plans_domain_delete", args=[domain.pk])).status_code == 403


def test_only_administrators_change_reference_data(people):
    partner = PartnerOrganisation.objects.get(code="anapec")
    with pytest.raises(PermissionDenied):
        reference_save(actor=people.supervisor, row=partner)
    partner.consent_partner = "nonsense"
    with pytest.raises(ValidationError):
        reference_save(actor=people.administrator, row=partner)
    partner.consent_partner = "foundation"
    reference_save(actor=people.administrator, row=partner, before={"consent_partner": ""})
    assert PartnerOrganisation.objects.get(code="anapec").consent_partner == "foundation"

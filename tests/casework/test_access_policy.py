import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from beneficiaries.models import Beneficiary, BeneficiaryUserObjectPermission
from casework.access import beneficiary_policy
from casework.models import AuditAction, AuditEntry
from casework.sharing import file_share_revoke, file_share_with_centre, file_share_with_user, file_shares_expire
from tests.factories import BeneficiaryFactory, centre

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(people):
    return {
        "fes": BeneficiaryFactory(centre=centre("FES")),
        "meknes": BeneficiaryFactory(centre=centre("MEK")),
        "casa": BeneficiaryFactory(centre=centre("CAS")),
        "tanger": BeneficiaryFactory(centre=centre("TNG")),
    }


def visible_ids(user):
    return set(beneficiary_policy.visible(user, Beneficiary.objects.all()).values_list("pk", flat=True))


def test_caseworker_sees_only_own_centre(people, files):
    assert visible_ids(people.caseworker) == {files["fes"].pk}
    assert visible_ids(people.outsider) == {files["casa"].pk}


def test_regional_supervisor_sees_own_region(people, files):
    assert visible_ids(people.supervisor) == {files["fes"].pk, files["meknes"].pk}


def test_national_supervisor_and_administrator_see_all(people, files):
    every = {b.pk for b in files.values()}
    assert visible_ids(people.national) == every
    assert visible_ids(people.administrator) == every


def test_partner_viewer_sees_no_file(people, files):
    assert visible_ids(people.partner) == set()


def test_inactive_user_sees_nothing(people, files):
    people.caseworker.is_active = False
    assert visible_ids(people.caseworker) == set()


def test_out_of_scope_fetch_is_404_like_missing(people, files):
    policy = beneficiary_policy
    assert policy.get_visible_or_404(people.caseworker, Beneficiary.objects.all(), pk=files["fes"].pk)
    with pytest.raises(Http404):
        policy.get_visible_or_404(people.caseworker, Beneficiary.objects.all(), pk=files["casa"].pk)
    with pytest.raises(Http404):
        policy.get_visible_or_404(people.caseworker, Beneficiary.objects.all(), pk="not-a-uuid")


def test_global_model_permission_never_widens_scope(people, files):
    """accept_global_perms=False: a global view/change permission opens no file."""
    perms = Permission.objects.filter(
        content_type__app_label="beneficiaries", codename__in=["view_beneficiary", "change_beneficiary"]
    )
    people.outsider.user_permissions.add(*perms)
    assert visible_ids(people.outsider) == {files["casa"].pk}


def test_policy_filters_related_rows_through_a_path(people, files):
    """Rows hanging off a person are scoped through the lookup path to the person."""
    grants_seen = beneficiary_policy.visible(
        people.caseworker, BeneficiaryUserObjectPermission.objects.all(), path="content_object"
    )
    file_share_with_user(
        actor=people.outsider, beneficiary=files["casa"], user=people.outsider_supervisor, reason="Case conference"
    )
    assert list(grants_seen) == []
    national_view = beneficiary_policy.visible(
        people.national, BeneficiaryUserObjectPermission.objects.all(), path="content_object"
    )
    assert national_view.count() == 1


def test_user_grant_opens_exactly_one_file_and_expiry_closes_it(people, files):
    before = visible_ids(people.outsider)
    soon = timezone.now() + datetime.timedelta(hours=1)
    grant = file_share_with_user(
        actor=people.caseworker,
        beneficiary=files["fes"],
        user=people.outsider,
        reason="The person moved to Casablanca for work",
        expires_at=soon,
    )
    assert visible_ids(people.outsider) == before | {files["fes"].pk}
    # read-only grant: view, but not change
    assert beneficiary_policy.can_view(people.outsider, files["fes"])
    assert not beneficiary_policy.can_change(people.outsider, files["fes"])

    # expiry reached: closed at once, before any clean-up runs
    BeneficiaryUserObjectPermission.objects.filter(pk=grant.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert visible_ids(people.outsider) == before
    # the clean-up removes it and audits the revocation
    assert file_shares_expire() == 1
    assert not BeneficiaryUserObjectPermission.objects.filter(pk=grant.pk).exists()
    assert AuditEntry.objects.filter(action=AuditAction.REVOKE, beneficiary_id=files["fes"].pk).count() == 1


def test_change_grant_allows_change(people, files):
    file_share_with_user(
        actor=people.caseworker,
        beneficiary=files["fes"],
        user=people.outsider,
        reason="Joint follow-up",
        allow_change=True,
    )
    assert beneficiary_policy.can_change(people.outsider, files["fes"])
    assert not beneficiary_policy.can_change(people.outsider, files["meknes"])


def test_centre_grant_opens_file_to_the_whole_centre(people, files):
    colleague = people.outsider
    file_share_with_centre(
        actor=people.supervisor, beneficiary=files["meknes"], centre=centre("CAS"), reason="Transfer in progress"
    )
    assert files["meknes"].pk in visible_ids(colleague)
    assert files["meknes"].pk not in visible_ids(people.caseworker)


def test_grant_is_audited_and_revocable(people, files):
    grant = file_share_with_user(
        actor=people.caseworker, beneficiary=files["fes"], user=people.outsider, reason="Case conference"
    )
    entry = AuditEntry.objects.get(action=AuditAction.GRANT)
    assert entry.actor == people.caseworker
    assert entry.beneficiary_id == files["fes"].pk
    assert entry.changes["grantee"] == f"user:{people.outsider.username}"
    file_share_revoke(actor=people.caseworker, grant=grant)
    assert files["fes"].pk not in visible_ids(people.outsider)
    assert AuditEntry.objects.filter(action=AuditAction.REVOKE).count() == 1


def test_sharing_needs_a_reason_a_future_expiry_and_the_right_to_change(people, files):
    with pytest.raises(ValidationError):
        file_share_with_user(actor=people.caseworker, beneficiary=files["fes"], user=people.outsider, reason=" ")
    with pytest.raises(ValidationError):
        file_share_with_user(
            actor=people.caseworker,
            beneficiary=files["fes"],
            user=people.outsider,
            reason="x",
            expires_at=timezone.now() - datetime.timedelta(days=1),
        )
    with pytest.raises(PermissionDenied):
        file_share_with_user(actor=people.outsider, beneficiary=files["fes"], user=people.outsider, reason="x")
    with pytest.raises(ValidationError):
        file_share_with_user(actor=people.caseworker, beneficiary=files["fes"], user=people.partner, reason="x")
    assert not BeneficiaryUserObjectPermission.objects.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.GRANT).exists()


def test_related_rows_follow_the_same_scope_own_centre_plus_shared_files(people, files):
    """The scope is one `id IN (centre's files UNION shared files)` condition; through a relation too."""
    from beneficiaries.models import FamilyMember

    relatives = {k: FamilyMember.objects.create(beneficiary=b, relation="child", name=k) for k, b in files.items()}

    def visible_relatives(user):
        qs = beneficiary_policy.visible(user, FamilyMember.objects.all(), path="beneficiary")
        return set(qs.values_list("name", flat=True))

    assert visible_relatives(people.outsider) == {"casa"}
    file_share_with_user(actor=people.caseworker, beneficiary=files["fes"], user=people.outsider, reason="Conference")
    assert visible_relatives(people.outsider) == {"casa", "fes"}
    assert visible_relatives(people.partner) == set()
    assert visible_relatives(people.administrator) == set(relatives)
    # A read-only share opens the rows to read, not to change.
    changeable = beneficiary_policy.changeable(people.outsider, FamilyMember.objects.all(), path="beneficiary")
    assert set(changeable.values_list("name", flat=True)) == {"casa"}

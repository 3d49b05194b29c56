"""Second factor (TOTP app + single-use recovery codes) on django-otp: who needs it, enrolment,
verification, recovery codes, reset. Writes are atomic and audited; no secret goes into the audit."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.audit import audit_record
from casework.models import AuditAction, User

from .sessions import EndReason, end_user_sessions, session_rotate

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"


def two_factor_required(user) -> bool:
    """Roles named in CASEWORK_TWO_FACTOR_ROLES (supervisors and administrators) must use a second
    factor; anyone else who has enrolled one must use it too."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_cw_two_factor_required", None)
    if cached is None:
        # Asked by the middleware and the navigation of the same request: the devices are read once.
        cached = role_requires_two_factor(user) or has_second_factor(user)
        user._cw_two_factor_required = cached
    return cached


def has_second_factor(user) -> bool:
    return user_has_device(user, confirmed=True)


def totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """The unconfirmed device whose secret the user is adding to an app (one per user, kept until
    confirmed so reloading the page shows the same QR code)."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret_base32(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code, made here (no external service, no script)."""
    code = segno.make(device.config_url, error="m")
    return code.svg_inline(scale=5, dark="#000", light="#fff", title=str(_("QR code for your authenticator app")))


def _new_recovery_codes(device: StaticDevice) -> list[str]:
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def totp_enrolment_confirm(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with a code from the app. On success: the device replaces any previous one,
    fresh recovery codes are made (returned, to be shown once), the session is verified and gets a
    new key. Returns None when the code is wrong."""
    user = request.user
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(_digits(token)):
        audit_record(
            actor=user,
            action=AuditAction.LOGIN_FAILED,
            target=user,
            object_type="security.two_factor",
            changes={"step": "enrolment"},
        )
        return None
    replaced = TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()[0]
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    static, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": RECOVERY_DEVICE_NAME})
    codes = _new_recovery_codes(static)
    otp_login(request, device)
    session_rotate(request=request, verified=True)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        target=user,
        object_type="security.two_factor",
        changes={"second_factor": "totp", "replaced_previous": bool(replaced), "recovery_codes": len(codes)},
    )
    return codes


def _digits(token: str) -> str:
    return "".join(ch for ch in (token or "") if not ch.isspace())


@transaction.atomic
def second_factor_verify(*, request, token: str) -> str | None:
    """Check a code from the app, or a recovery code (used up), for the signed-in user. On success the
    session is verified and gets a new key; returns "totp" or "recovery". Failures are audited and
    throttled by django-otp (growing delay per device)."""
    user = request.user
    token = _digits(token).lower()
    # A six-digit code is the app's; anything else can only be a recovery code. Trying each code on
    # its own kind of device keeps one kind's failures from slowing the other down.
    wanted = TOTPDevice if (len(token) == 6 and token.isdigit()) else StaticDevice
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if isinstance(device, wanted) and device.verify_token(token):
            kind = "recovery" if isinstance(device, StaticDevice) else "totp"
            otp_login(request, device)
            session_rotate(request=request, verified=True)
            changes = {"second_factor": kind}
            if kind == "recovery":
                changes["recovery_codes_left"] = device.token_set.count()
            audit_record(
                actor=user, action=AuditAction.LOGIN, target=user, object_type="security.two_factor", changes=changes
            )
            return kind
    audit_record(
        actor=user,
        action=AuditAction.LOGIN_FAILED,
        target=user,
        object_type="security.two_factor",
        changes={"step": "verification"},
    )
    return None


@transaction.atomic
def recovery_codes_regenerate(*, actor: User) -> list[str]:
    """New recovery codes for a verified user; the old ones stop working. Returned to be shown once."""
    if not has_second_factor(actor):
        raise ValueError("recovery codes need an enrolled authenticator")
    static, _ = StaticDevice.objects.select_for_update().get_or_create(
        user=actor, defaults={"name": RECOVERY_DEVICE_NAME}
    )
    codes = _new_recovery_codes(static)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=actor,
        object_type="security.two_factor",
        changes={"recovery_codes": len(codes)},
    )
    return codes


@transaction.atomic
def two_factor_remove(*, actor: User, user: User) -> None:
    """Remove every second factor of `user`. By an administrator (lost phone and codes): their sessions
    end too, and they enrol again at the next login when their role requires it. By the user themself:
    only when their role does not require a second factor (the caller checks)."""
    deleted = 0
    for model in (TOTPDevice, StaticDevice):
        deleted += model.objects.filter(user=user).delete()[0]
    audit_record(
        actor=actor,
        action=AuditAction.REVOKE,
        target=user,
        object_type="security.two_factor",
        changes={"devices_removed": deleted},
    )
    if actor.pk != user.pk:
        end_user_sessions(actor=actor, user=user, reason=EndReason.TWO_FACTOR_RESET)


def role_requires_two_factor(user) -> bool:
    return bool(user.is_staff or user.is_superuser or user.role in settings.CASEWORK_TWO_FACTOR_ROLES)

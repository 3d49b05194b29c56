"""Demo only (`manage.py demo_data`, DEBUG on): a fixed authenticator secret for two demo accounts, so
the demo can be walked through with any TOTP app; the other supervisors and administrators enrol at
their first sign-in, which shows the enrolment page. Never runs with DEBUG off."""

from __future__ import annotations

from base64 import b32decode

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.models import User

from .two_factor import TOTP_DEVICE_NAME

# Base32, as typed into an authenticator app. Published in the README: demo data only.
DEMO_TOTP_SECRET = "MOUSSALAHADEMOSECONDFACTORKEYXYZ"  # noqa: S105
DEMO_TOTP_USERNAMES = ("sup.fesmeknes", "admin.rabat")


def demo_totp_key_hex() -> str:
    return b32decode(DEMO_TOTP_SECRET).hex()


@transaction.atomic
def load() -> str:
    if not settings.DEBUG:
        return "skipped (DEBUG is off: no fixed second-factor secret outside the embedded demo)"
    enrolled = []
    for user in User.objects.filter(username__in=DEMO_TOTP_USERNAMES):
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, key=demo_totp_key_hex(), confirmed=True)
        enrolled.append(user.username)
    if not enrolled:
        return "no demo supervisor or administrator to enrol"
    return (
        f"authenticator secret {DEMO_TOTP_SECRET} enrolled for {', '.join(enrolled)} "
        "(add it to a TOTP app, or run `manage.py demo_totp <username>`); the other supervisors and "
        "administrators enrol at first sign-in"
    )

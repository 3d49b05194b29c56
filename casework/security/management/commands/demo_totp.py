from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from casework.security.demo import DEMO_TOTP_USERNAMES, demo_totp_key_hex


class Command(BaseCommand):
    help = "Demo only (DEBUG on): print the current authenticator code of a demo account enrolled by demo_data."

    def add_arguments(self, parser):
        parser.add_argument("username", choices=DEMO_TOTP_USERNAMES)

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp is for the embedded demo only (DEBUG is off).")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True, key=demo_totp_key_hex()).first()
        if device is None:
            raise CommandError(f"{username} has no demo authenticator: run `manage.py demo_data` first.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        self.stdout.write(f"{code:0{device.digits}d}")

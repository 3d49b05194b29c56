from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from casework.demo import DEMO_PASSWORD, DEMO_STAFF


class Command(BaseCommand):
    help = "Load the demo staff and data (idempotent). Refused outside DEBUG unless --allow-non-debug."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="Print the demo logins and exit.")
        parser.add_argument("--allow-non-debug", action="store_true", help="Load even though DEBUG is off.")

    def handle(self, *args, list=False, allow_non_debug=False, **options):
        if list:
            self.stdout.write(f"  Demo logins (password for all: {DEMO_PASSWORD})")
            for person in DEMO_STAFF:
                self.stdout.write(f"    {person.username:<16} {person.role:<15} {person.scope}")
            return
        if not settings.DEBUG and not allow_non_debug:
            raise CommandError("Demo data is for the embedded run; pass --allow-non-debug to load it anyway.")
        for dotted in settings.DEMO_LOADERS:
            summary = import_string(dotted)()
            self.stdout.write(f"{dotted}: {summary}")

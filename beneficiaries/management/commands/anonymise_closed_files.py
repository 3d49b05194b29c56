"""Anonymise the files closed for longer than CASEWORK_RETENTION_YEARS (see beneficiaries.services.retention).
The beat task `beneficiaries.anonymise_closed_files` runs the same service every night."""

from django.core.management.base import BaseCommand

from beneficiaries.services.retention import anonymise_due_files, files_due, retention_cutoff


class Command(BaseCommand):
    help = "Anonymise closed files past the retention period (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count the files due.")
        parser.add_argument("--limit", type=int, default=None, help="At most this many files in this run.")

    def handle(self, *args, dry_run: bool, limit: int | None, **options):
        cutoff = retention_cutoff()
        if dry_run:
            self.stdout.write(f"{files_due().count()} file(s) closed on or before {cutoff} are due.")
            return
        done = anonymise_due_files(limit=limit)
        self.stdout.write(f"{done} file(s) closed on or before {cutoff} anonymised.")

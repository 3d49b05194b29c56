"""Key rotation for encryption at rest: re-encrypt every protected value with the newest key.

1. Generate a key: ``python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"``.
2. Put it first in ``CASEWORK_FIELD_ENCRYPTION_KEYS`` (comma-separated), keep the old ones after it; deploy.
3. Run ``manage.py rotate_field_encryption``. 4. Remove the old keys from the setting; deploy.
The same command recomputes every blind index after ``CASEWORK_BLIND_INDEX_KEY`` changed.
"""

from django.core.management.base import BaseCommand

from casework.audit import audit_record
from casework.encryption import rotate_all
from casework.models import AuditAction


class Command(BaseCommand):
    help = "Re-encrypt every encrypted column with the newest key and recompute the blind indexes."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        done = rotate_all(batch_size=batch_size)
        audit_record(
            actor=None,
            actor_username="system",
            action=AuditAction.UPDATE,
            object_type="casework.encryption",
            object_repr="Encryption keys rotated",
            changes={"rows": done},
        )
        for label, count in done.items():
            self.stdout.write(f"{label}: {count} rows re-encrypted")

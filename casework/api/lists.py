"""What the API's lists of rows about people leave out."""

from __future__ import annotations

from beneficiaries.protected_data import defer_encrypted


class DefersEncryptedOnListMixin:
    """On `list`, the person's encrypted identifiers are not read (no list serializer shows them; each read is
    a Fernet decryption per value and row). `person_path` reaches the person from the listed model."""

    person_path = "beneficiary__"

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        return defer_encrypted(queryset, self.person_path) if self.action == "list" else queryset

"""The identifiers the programme designates for encryption at rest, and how to find a person by CIN.

Encrypted in the database (Fernet, keys in ``CASEWORK_FIELD_ENCRYPTION_KEYS``, see casework.encryption):

- ``Beneficiary.cin`` — the national identity card number; found through its HMAC blind index
  ``Beneficiary.cin_hash`` (normalised: spaces removed, upper case), which also carries the uniqueness
  constraint;
- ``Beneficiary.phone`` and ``Beneficiary.address`` — how to reach and where to find the person;
- ``FamilyMember.contact`` — a relative's phone or address.

Kept in clear, on purpose: the names (searched in both scripts through the normalised ``search_*``
columns, which would be as revealing as the names themselves), the date of birth (duplicate detection,
age bands), and the reference and status columns the statistics need. The audit trail never stores the
clear value of an encrypted field: `casework.audit.snapshot` writes a keyed fingerprint instead.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casework.encryption import blind_index

from .normalise import CIN_PATTERN, normalise_cin

ENCRYPTED_FIELDS = {
    "beneficiaries.Beneficiary": ["cin", "phone", "address"],
    "beneficiaries.FamilyMember": ["contact"],
}


def defer_encrypted(qs: QuerySet, path: str = "") -> QuerySet:
    """`qs` without the person's encrypted columns (reached through `path`, e.g. "beneficiary__"), for the lists
    that never show them: each value read is a Fernet decryption (500 people load in 76 -> 40 ms without them,
    in process). Reading one of them afterwards costs a query per row: lists only."""
    return qs.defer(*(f"{path}{name}" for name in ENCRYPTED_FIELDS["beneficiaries.Beneficiary"]))


def cin_index(text: str | None) -> str | None:
    """The blind index of a CIN as typed (normalised first); None for an empty value."""
    return blind_index(normalise_cin(text), purpose="cin")


def cin_condition(text: str | None, *, prefix: str = "") -> Q | None:
    """`Q` matching the person with this CIN, or None when the text is not a well-formed CIN."""
    cin = normalise_cin(text)
    if not CIN_PATTERN.match(cin):
        return None
    return Q(**{f"{prefix}cin_hash": cin_index(cin)})

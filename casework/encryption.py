"""Encryption at rest for the identifiers the programme designates, and HMAC blind indexes to find them.

The encrypted columns hold Fernet tokens (AES-128-CBC + HMAC-SHA256, from `cryptography`, through the
jazzband `django-fernet-encrypted-fields` field classes). The keys are **not** derived from `SECRET_KEY`:

- ``CASEWORK_FIELD_ENCRYPTION_KEYS``: a list of Fernet keys, newest first. The first encrypts every new or
  changed value; every key in the list decrypts. Rotation: put a new key at the head, deploy, run
  ``manage.py rotate_field_encryption`` (re-encrypts every row with the newest key and recomputes the blind
  indexes), then drop the old key.
- ``CASEWORK_BLIND_INDEX_KEY``: the HMAC-SHA256 key of the blind indexes. A blind index is the HMAC of the
  *normalised* value: equal values give equal indexes, so exact search and uniqueness work without the
  plaintext; without the key the index reveals nothing (a CIN's small key space makes this key as sensitive
  as the encryption keys). Changing it: set the new key, then run ``rotate_field_encryption`` at once
  (searches by CIN miss until it has run).

Compared with the library's own fields, ours (a) take their keys from the settings above, (b) decrypt
strictly: a value the keys cannot decrypt raises `UndecryptableValue` instead of being shown (or re-saved)
as if it were plaintext, (c) refuse every lookup but ``isnull`` (a Fernet token is randomised, so ``=`` can
never match: filter on the blind index instead), and (d) read a NULL column back as "" like a CharField.
"""

from __future__ import annotations

import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models
from django.utils.module_loading import import_string
from encrypted_fields import fields as library


class UndecryptableValue(Exception):
    """A stored value none of CASEWORK_FIELD_ENCRYPTION_KEYS decrypts (a key was dropped too early)."""


@functools.lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("CASEWORK_FIELD_ENCRYPTION_KEYS is empty.")
    try:
        return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "CASEWORK_FIELD_ENCRYPTION_KEYS must hold Fernet keys (32 url-safe base64-encoded bytes)."
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.CASEWORK_FIELD_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as exc:
        raise UndecryptableValue("A stored value cannot be decrypted with CASEWORK_FIELD_ENCRYPTION_KEYS.") from exc


def is_current_token(token: str) -> bool:
    """True when the newest key decrypts `token` (nothing to rotate)."""
    first = settings.CASEWORK_FIELD_ENCRYPTION_KEYS[0]
    try:
        Fernet(first.encode() if isinstance(first, str) else first).decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError):
        return False
    return True


def blind_index(value: str | None, *, purpose: str) -> str | None:
    """HMAC-SHA256 (hex) of an already normalised value, separated by purpose; None for an empty value."""
    if not value:
        return None
    key = settings.CASEWORK_BLIND_INDEX_KEY.encode("utf-8")
    return hmac.new(key, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()


def fingerprint(value: str | None) -> str:
    """A short keyed fingerprint for audit diffs: shows that a protected value changed, never the value."""
    if not value:
        return ""
    digest = blind_index(str(value), purpose="audit-fingerprint") or ""
    return f"<encrypted #{digest[:10]}>"


class EncryptedFieldMixin:
    encrypted = True

    def from_db_value(self, value, expression, connection):
        if value is None:
            return ""
        return decrypt(value)

    def to_python(self, value):
        # Plaintext in, plaintext out: decryption happens only in from_db_value (never guessed).
        return super(library.EncryptedFieldMixin, self).to_python(value)

    def clean(self, value, model_instance):
        return super(library.EncryptedFieldMixin, self).clean(value, model_instance)

    def get_prep_value(self, value):
        value = super(library.EncryptedFieldMixin, self).get_prep_value(value)
        if value in (None, ""):
            return None
        return encrypt(str(value))

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        # A Fernet token is randomised: "=" (or any other comparison) could never match. Say so loudly.
        raise FieldError(
            f"{self.model.__name__}.{self.name} is encrypted: the '{lookup_name}' lookup cannot work on it; "
            "filter on its blind index instead."
        )


class EncryptedCharField(EncryptedFieldMixin, library.EncryptedCharField):
    """A CharField whose column holds a Fernet token (max_length applies to the plaintext)."""

    def __init__(self, *args, **kwargs):
        kwargs["null"] = True  # an empty value is stored as NULL, read back as ""
        super().__init__(*args, **kwargs)


class EncryptedTextField(EncryptedFieldMixin, library.EncryptedTextField):
    def __init__(self, *args, **kwargs):
        kwargs["null"] = True
        super().__init__(*args, **kwargs)


class BlindIndexField(models.CharField):
    """HMAC blind index of another field, recomputed on every save from its normalised value."""

    def __init__(self, *args, source: str, normaliser: str, purpose: str, **kwargs):
        self.source, self.normaliser, self.purpose = source, normaliser, purpose
        kwargs.update(max_length=64, null=True, blank=True, editable=False)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("max_length", "null", "blank", "editable"):
            kwargs.pop(key, None)
        kwargs.update(source=self.source, normaliser=self.normaliser, purpose=self.purpose)
        return name, path, args, kwargs

    def compute(self, raw: str | None) -> str | None:
        return blind_index(import_string(self.normaliser)(raw or ""), purpose=self.purpose)

    def pre_save(self, model_instance, add):
        value = self.compute(getattr(model_instance, self.source))
        setattr(model_instance, self.attname, value)
        return value


def encrypted_fields(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if getattr(f, "encrypted", False)]


def blind_index_fields(model) -> list[BlindIndexField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]


@checks.register(checks.Tags.security, deploy=False)
def check_keys(app_configs=None, **kwargs):
    errors = []
    keys = getattr(settings, "CASEWORK_FIELD_ENCRYPTION_KEYS", None)
    try:
        _fernet(tuple(keys or ()))
    except ImproperlyConfigured as exc:
        errors.append(checks.Error(str(exc), id="casework.E101"))
    if len(getattr(settings, "CASEWORK_BLIND_INDEX_KEY", "") or "") < 32:
        errors.append(checks.Error("CASEWORK_BLIND_INDEX_KEY must be at least 32 characters.", id="casework.E102"))
    return errors


def rotate_all(*, batch_size: int = 500) -> dict[str, int]:
    """Re-encrypt every encrypted value with the newest key and recompute every blind index, model by
    model, one locked batch at a time. Safe to run again (and while the app runs). Returns rows per model."""
    from django.apps import apps
    from django.db import transaction

    done: dict[str, int] = {}
    for model in apps.get_models():
        encrypted, indexes = encrypted_fields(model), blind_index_fields(model)
        if not (encrypted or indexes):
            continue
        manager = model._base_manager
        pks = list(manager.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), batch_size):
            with transaction.atomic():
                for row in manager.select_for_update().filter(pk__in=pks[start : start + batch_size]):
                    values = {f.attname: getattr(row, f.attname) for f in encrypted}
                    values.update({f.attname: f.compute(getattr(row, f.source)) for f in indexes})
                    manager.filter(pk=row.pk).update(**values)
        done[model._meta.label] = len(pks)
    return done

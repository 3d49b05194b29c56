"""Reference data of grants: project sectors, the equipment catalogue, the committee's scoring criteria.
Administrators maintain them on the grants management pages; nothing is ever deleted, only retired."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.models import TranslatedName

ZERO = Decimal("0.00")


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, validators=[MinValueValidator(ZERO)], **kwargs
    )


class Sector(TranslatedName):
    """Reference data (loaded by migration 0002): the domain of an income-generating project."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")


class EquipmentItem(models.Model):
    """Optional catalogue of equipment, to pre-fill a proposal's lines."""

    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catalogue",
        verbose_name=_("sector"),
    )
    name = models.CharField(_("item"), max_length=200)
    specification = models.CharField(_("specification"), max_length=300, blank=True)
    reference_unit_cost = money_field(_("reference unit cost (MAD)"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("catalogue item")
        verbose_name_plural = _("equipment catalogue")
        indexes = [models.Index(fields=["sector", "is_active"], name="grants_item_sector")]

    def __str__(self) -> str:
        return self.name


class ScoringCriterion(TranslatedName):
    """A criterion of the (optional) committee scoring of a proposal, e.g. viability, skills, market."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    description = models.TextField(_("what the committee looks at"), blank=True)
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_score__gte=1) & Q(max_score__lte=100), name="grants_criterion_max_score"
            ),
        ]

"""Distribution events and the officials present at them."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.models import Centre

from .envelopes import Envelope


class DistributionEvent(models.Model):
    """A ceremony where approved grants' equipment is handed over (city, date, place, officials)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    envelope = models.ForeignKey(Envelope, on_delete=models.PROTECT, related_name="events", verbose_name=_("envelope"))
    centre = models.ForeignKey(
        Centre,
        on_delete=models.PROTECT,
        related_name="distribution_events",
        verbose_name=_("organising centre"),
        help_text=_("Staff of this centre (and supervisors of its region) see the event."),
    )
    city = models.CharField(_("city"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=300)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-date", "city"]
        verbose_name = _("distribution event")
        verbose_name_plural = _("distribution events")
        indexes = [
            models.Index(fields=["centre", "-date"], name="grants_event_centre_date"),
            models.Index(fields=["envelope", "-date"], name="grants_event_envelope_date"),
        ]

    def __str__(self) -> str:
        return f"{self.city} — {self.date:%Y-%m-%d}"

    @property
    def official_list(self) -> list[str]:
        """The officials present, one text each ("name, title — organisation"); prefetch `officials`."""
        return [str(official) for official in self.officials.all()]


class EventOfficial(models.Model):
    """One official present at a distribution event (the seed: the Governor of the Meknes prefecture)."""

    event = models.ForeignKey(
        DistributionEvent, on_delete=models.CASCADE, related_name="officials", verbose_name=_("event")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title or function"), max_length=300, help_text=_("e.g. Governor of the prefecture"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=250, blank=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("official present")
        verbose_name_plural = _("officials present")
        constraints = [models.CheckConstraint(condition=~Q(title=""), name="grants_official_has_title")]

    def __str__(self) -> str:
        text = f"{self.name}, {self.title}" if self.name else self.title
        return f"{text} — {self.organisation}" if self.organisation else text

"""Plain ModelAdmins for the list models the product does not register, installed by bench.settings only.

They are what an administrator would get from `admin.site.register(Model)` with the same columns and
filter as the product's list: the "what a user would pick instead" of issue #8. The product's own admin
(casework/admin.py) is never changed; a model it already registers is measured as it is."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin

# app_label.Model -> (list_display, list_filter, list_select_related)
CHANGELISTS = {
    "beneficiaries.Beneficiary": (
        [
            "file_number",
            "centre",
            "sex",
            "first_name_ar",
            "family_name_ar",
            "first_name_latin",
            "family_name_latin",
            "status",
            "release_date",
            "release_type",
        ],
        ["centre", "status"],
        ["centre"],
    ),
    "grants.Grant": (
        ["title", "beneficiary", "status", "sector", "requested_amount", "approved_amount", "envelope", "created_at"],
        ["status", "beneficiary__centre"],
        ["beneficiary", "sector", "envelope"],
    ),
    "grants.Envelope": (
        ["name", "funder", "period_start", "period_end", "total_amount", "committed_amount", "spent_amount", "is_open"],
        ["is_open"],
        [],
    ),
    "grants.DistributionEvent": (["city", "date", "place", "envelope", "centre"], ["centre"], ["envelope", "centre"]),
    "grants.Delivery": (["grant", "delivered_on", "recorded_at"], ["grant__beneficiary__centre"], ["grant"]),
    "grants.MonitoringVisit": (
        ["grant", "months_after", "due_on", "visited_on", "survival_status"],
        ["grant__beneficiary__centre"],
        ["grant"],
    ),
    "reintegration_plans.FollowUp": (
        ["beneficiary", "status", "due_on", "occurred_on", "domain", "kind", "assigned_to"],
        ["status", "beneficiary__centre"],
        ["beneficiary", "domain", "assigned_to"],
    ),
    "reintegration_plans.LifeProject": (
        ["beneficiary", "status", "version", "next_review_on", "updated_at"],
        ["status", "beneficiary__centre"],
        ["beneficiary"],
    ),
    "reintegration_plans.Referral": (
        ["beneficiary", "partner", "status", "sent_on"],
        ["status", "beneficiary__centre"],
        ["beneficiary", "partner"],
    ),
}


def register_missing() -> list[str]:
    registered = []
    for dotted, (display, filters, related) in CHANGELISTS.items():
        try:
            model = apps.get_model(dotted)
        except LookupError:
            continue
        if admin.site.is_registered(model):
            continue
        options = {"list_display": display, "list_filter": filters, "list_select_related": related, "list_per_page": 50}
        admin.site.register(model, type(f"Bench{model.__name__}Admin", (admin.ModelAdmin,), options))
        registered.append(dotted)
    return registered

from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [
    path("", views.grant_list, name="list"),
    path("new/", views.grant_create, name="create"),
    path("person/<uuid:beneficiary_id>/", views.person_grants, name="person"),
    path("<uuid:grant_id>/", views.grant_detail, name="detail"),
    path("<uuid:grant_id>/edit/", views.grant_edit, name="edit"),
    path("<uuid:grant_id>/submit/", views.grant_submit, name="submit"),
    path("<uuid:grant_id>/score/", views.grant_score, name="score"),
    path("<uuid:grant_id>/decide/", views.grant_decide, name="decide"),
    path("<uuid:grant_id>/receipt/", views.grant_receipt, name="receipt"),
    path("<uuid:grant_id>/deliver/", views.grant_deliver, name="deliver"),
    path("<uuid:grant_id>/signed-receipt/", views.receipt_download, name="signed_receipt"),
    path("monitoring/", views.visit_list, name="visits"),
    path("monitoring/indicators/", views.indicators, name="indicators"),
    path("monitoring/<uuid:visit_id>/", views.visit_edit, name="visit"),
    path("envelopes/", views.envelope_list, name="envelopes"),
    path("envelopes/new/", views.envelope_create, name="envelope_create"),
    path("envelopes/<uuid:envelope_id>/", views.envelope_detail, name="envelope"),
    path("envelopes/<uuid:envelope_id>/edit/", views.envelope_edit, name="envelope_edit"),
    path("envelopes/<uuid:envelope_id>/allocations/", views.envelope_allocations, name="allocations"),
    path(
        "envelopes/<uuid:envelope_id>/allocations/<int:allocation_id>/remove/",
        views.allocation_remove,
        name="allocation_remove",
    ),
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<uuid:event_id>/", views.event_detail, name="event"),
    path("events/<uuid:event_id>/edit/", views.event_edit, name="event_edit"),
    path("events/<uuid:event_id>/cancel/", views.event_delete, name="event_delete"),
    path("events/<uuid:event_id>/remove/<uuid:grant_id>/", views.event_remove_grant, name="event_remove_grant"),
    path("events/<uuid:event_id>/attendance/", views.event_attendance, name="attendance"),
    path("figures/", views.figures, name="figures"),
    path("reference/<slug:kind>/", views.reference_list, name="reference"),
    path("reference/<slug:kind>/new/", views.reference_edit, name="reference_create"),
    path("reference/<slug:kind>/<int:pk>/edit/", views.reference_edit, name="reference_edit"),
    path("reference/<slug:kind>/<int:pk>/active/", views.reference_set_active, name="reference_active"),
]

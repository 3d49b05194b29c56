from django.urls import path

from . import views

app_name = "grants"

urlpatterns = [
    path("", views.grant_list, name="list"),
    path("new/", views.grant_create, name="create"),
    path("<uuid:grant_id>/", views.grant_detail, name="detail"),
    path("<uuid:grant_id>/edit/", views.grant_edit, name="edit"),
    path("<uuid:grant_id>/submit/", views.grant_submit, name="submit"),
    path("<uuid:grant_id>/decide/", views.grant_decide, name="decide"),
    path("<uuid:grant_id>/receipt/", views.grant_receipt, name="receipt"),
    path("<uuid:grant_id>/deliver/", views.grant_deliver, name="deliver"),
    path("<uuid:grant_id>/signed-receipt/", views.receipt_download, name="signed_receipt"),
    path("monitoring/", views.visit_list, name="visits"),
    path("monitoring/<uuid:visit_id>/", views.visit_edit, name="visit"),
    path("envelopes/", views.envelope_list, name="envelopes"),
    path("envelopes/<uuid:envelope_id>/", views.envelope_detail, name="envelope"),
    path("events/", views.event_list, name="events"),
    path("events/<uuid:event_id>/", views.event_detail, name="event"),
    path("events/<uuid:event_id>/attendance/", views.event_attendance, name="attendance"),
]

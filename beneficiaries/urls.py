from django.urls import path

from . import views
from .views import subject_access

app_name = "beneficiaries"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("new/", views.person_register, name="register"),
    path("releases/", views.releases_due, name="releases"),
    path("import/", views.roster_import, name="import"),
    path("transfers/", views.transfer_list, name="transfers"),
    path("transfers/<uuid:transfer_pk>/decide/", views.transfer_decide, name="transfer_decide"),
    path("cohorts/", views.cohort_list, name="cohorts"),
    path("cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/<uuid:cohort_pk>/", views.cohort_review, name="cohort_review"),
    path("cohorts/<uuid:cohort_pk>/sessions/add/", views.session_add, name="session_add"),
    path(
        "cohorts/<uuid:cohort_pk>/sessions/<uuid:session_pk>/attendance/",
        views.session_attendance,
        name="session_attendance",
    ),
    path("<uuid:pk>/", views.person_detail, name="detail"),
    path("<uuid:pk>/edit/", views.person_edit, name="edit"),
    path("<uuid:pk>/export/", views.person_export, name="export"),
    path("<uuid:pk>/subject-access/", subject_access.subject_access, name="subject_access"),
    path("<uuid:pk>/status/", views.status_change, name="status"),
    path("<uuid:pk>/family/add/", views.family_add, name="family_add"),
    path("<uuid:pk>/consents/add/", views.consent_add, name="consent_add"),
    path("<uuid:pk>/consents/<uuid:consent_pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<uuid:pk>/documents/add/", views.document_add, name="document_add"),
    path("<uuid:pk>/documents/<uuid:document_pk>/", views.document_download, name="document"),
    path("<uuid:pk>/share/", views.share, name="share"),
    path("<uuid:pk>/share/<int:share_pk>/revoke/", views.share_revoke, name="share_revoke"),
    path("<uuid:pk>/merge/", views.merge, name="merge"),
    path("<uuid:pk>/cohorts/<uuid:membership_pk>/", views.membership_edit, name="membership_edit"),
    path("<uuid:pk>/transfer/", views.transfer_request, name="transfer"),
]

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.job_list, name="list"),
    path("new/<slug:kind>/", views.job_request, name="request"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job"),
    path("jobs/<uuid:pk>/status/", views.job_status, name="status"),
    path("jobs/<uuid:pk>/download/", views.job_download, name="download"),
    path("exports/", views.export_form, name="exports"),
    path("exports/csv/", views.export_csv, name="export_csv"),
    path("dashboard/", views.dashboard, name="dashboard"),
]

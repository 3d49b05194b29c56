from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("", views.home, name="home"),
    path("audit/", views.audit_list, name="audit"),
]

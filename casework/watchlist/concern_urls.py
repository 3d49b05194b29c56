from django.urls import path

from . import views

app_name = "concerns"

urlpatterns = [
    path("<uuid:person_pk>/new/", views.concern_create, name="create"),
]

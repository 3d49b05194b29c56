from django.urls import path

from . import views

app_name = "watchlist"

urlpatterns = [
    path("", views.alert_list, name="list"),
    path("authorisations/", views.authorisation_list, name="authorisations"),
    path("authorisations/<int:pk>/revoke/", views.authorisation_revoke_view, name="authorisation_revoke"),
    path("<uuid:pk>/", views.alert_detail, name="detail"),
    path("<uuid:pk>/<slug:action>/", views.alert_transition, name="transition"),
]

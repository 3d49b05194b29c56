from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("schema/", views.schema, name="schema"),
    path("docs/", views.swagger_ui, name="docs"),
    path("redoc/", views.redoc, name="redoc"),
    path("tokens/", views.token_page, name="tokens"),
    path("tokens/revoke/", views.token_revoke, name="token_revoke"),
]

from django.urls import path

from . import api

app_name = "beneficiaries_api"

urlpatterns = [
    path("beneficiaries/", api.BeneficiaryListAPI.as_view(), name="list"),
    path("beneficiaries/<uuid:pk>/", api.BeneficiaryDetailAPI.as_view(), name="detail"),
]

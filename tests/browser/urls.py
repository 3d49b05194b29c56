"""The application's URLs plus one that fails, for the 500 page's test (test_error_pages.py)."""

from django.urls import include, path


def fail(request):
    raise RuntimeError("A deliberate failure for the test of the 500 page")


urlpatterns = [
    path("__fail__/", fail),
    path("", include("casework.urls")),
]

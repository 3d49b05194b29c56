from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .access import shares_read_once
from .audit import context_from_request, reset_request_context, set_request_context


class ScopeCacheMiddleware:
    """The access policy reads each user's shared files once per request (see casework/access.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with shares_read_once():
            return self.get_response(request)


class AuditContextMiddleware:
    """Makes the client's address and browser available to audit entries written during the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_request_context(context_from_request(request))
        try:
            return self.get_response(request)
        finally:
            reset_request_context(token)


class LanguageMiddleware:
    """Arabic unless the user chose otherwise (language cookie); the browser's language is not guessed.

    The programme works in Arabic first: a shared office computer set to English must still open in
    Arabic until the user switches.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else settings.LANGUAGE_CODE
        except LookupError:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response

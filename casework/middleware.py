from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from .audit import context_from_request, reset_request_context, set_request_context


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


class NoStoreForAuthenticatedMiddleware:
    """Pages seen by a signed-in user may hold personal data: never cache them anywhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
        return response

from django.conf import settings
from django.utils import translation

from .navigation import items_for


def navigation(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "nav_items": items_for(request.user) if hasattr(request, "user") else [],
        "current_url_name": getattr(getattr(request, "resolver_match", None), "view_name", ""),
        "is_rtl": translation.get_language_bidi(),
        "html_lang": language,
        "available_languages": settings.LANGUAGES,
    }

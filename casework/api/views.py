"""Pages of the API: the personal tokens page and the documentation (Swagger UI, Redoc), sign-in required."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from . import tokens


@login_required
@require_http_methods(["GET", "POST"])
def token_page(request):
    """GET: the user's tokens. POST: create one and show it once (only its digest is kept)."""
    created = None
    if request.method == "POST":
        try:
            _instance, created = tokens.token_create(request=request)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect("api:tokens")
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": tokens.token_list(user=request.user),
            "created": created,
            "verified": tokens.session_is_verified(request),
            "max_tokens": tokens.MAX_TOKENS_PER_USER,
        },
    )


@login_required
@require_POST
def token_revoke(request):
    if tokens.token_revoke(actor=request.user, token_key=request.POST.get("token_key", "")):
        messages.success(request, _("The token was revoked."))
    else:
        messages.error(request, _("No such token."))
    return redirect("api:tokens")


schema = SpectacularAPIView.as_view()
swagger_ui = login_required(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html")
)
redoc = login_required(SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"))

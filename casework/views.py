from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .filters import AuditEntryFilter
from .health import health_report
from .selectors import audit_entry_list, home_figures


@login_required
def home(request):
    return render(request, "casework/home.html", {"figures": home_figures(user=request.user)})


@login_required
@require_GET
def audit_list(request):
    entries = AuditEntryFilter(request.GET, queryset=audit_entry_list(user=request.user))
    page = Paginator(entries.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "casework/audit_list.html",
        {"filter": entries, "page": page, "query": query.urlencode()},
    )


@never_cache
@require_GET
def healthz(request):
    report = health_report()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)

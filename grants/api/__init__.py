"""REST API under /api/v1/grants/: every queryset is a selector, so the access policy scopes every list and
every detail (out of scope = 404). Writes go through the same services as the pages; their
ValidationError/PermissionDenied become the API's one error body (casework.api.exceptions)."""

"""The API plumbing shared by every app's endpoints (`/api/…`).

- authentication: the session (pages' cookie, CSRF-checked) or a personal API token (django-rest-knox,
  stored hashed) that a user creates for themselves on `/api/tokens/` from a verified session;
- throttling per user and for anonymous callers (`CASEWORK_API_THROTTLE_RATES`);
- pagination on every list (`?page=`, `?page_size=` up to 200);
- one error body for every refusal: ``{"error": {"code", "message", "fields"}}`` (exceptions.py);
- the OpenAPI 3 schema with Swagger UI and Redoc served from the app's own static files (sidecar).

Scoping is not here: every endpoint's queryset is a selector that starts from the access policy, and
`tests/security/test_api_contract.py` walks every registered view to prove it.
"""

"""Authentication hardening: second factor, session records and limits, login lockout, security headers.

A Django app inside the casework package (label `security`); see SECURITY.md at the top of the repository.
"""

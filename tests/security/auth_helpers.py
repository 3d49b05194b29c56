"""Shared by the authentication, session and header tests (h5): URL enumeration and small helpers."""

from __future__ import annotations

import re
import uuid

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

_SAMPLES = {"int": "1", "uuid": str(uuid.UUID(int=1)), "slug": "x", "str": "x", "path": "x/y"}
_NAMED_SAMPLES = {"app_label": "casework", "format": "json", "model_name": "user"}
_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*(?:\([^()]*\)[^()]*)*)\)")


def _route_sample(route: str) -> str:
    return _ROUTE_PARAM.sub(lambda m: _SAMPLES.get(m["converter"] or "str", "1"), route)


def _regex_sample(regex: str) -> str:
    def group(match):
        body = match["body"]
        candidates = [_NAMED_SAMPLES.get(match["name"], "1"), "1", *_SAMPLES.values(), *_NAMED_SAMPLES.values()]
        if "|" in body and not any(c in body for c in "[]\\+*"):
            candidates.insert(1, body.split("|")[0])
        return next((c for c in candidates if re.fullmatch(body, c)), "1")

    text = _REGEX_GROUP.sub(group, regex)
    text = text.lstrip("^").rstrip("$").replace("\\Z", "").replace("/?", "/").replace("\\.", ".").replace("\\", "")
    return text


def _sample(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return _route_sample(str(pattern))
    if isinstance(pattern, RegexPattern):
        return _regex_sample(pattern.regex.pattern)
    return str(pattern)


def every_url(patterns=None, prefix: str = "/") -> list[tuple[str, str]]:
    """(path, view name) for every URL pattern the project has, with sample values in place of the
    parameters, enumerated from the resolver (so a new route is covered without touching the tests)."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            found.extend(every_url(entry.url_patterns, prefix + _sample(entry.pattern)))
        elif isinstance(entry, URLPattern):
            path = prefix + _sample(entry.pattern)
            try:
                name = resolve(path).view_name
            except Exception:  # noqa: BLE001 - reported by the caller as an unresolvable sample
                name = ""
            found.append((path, name))
    return found

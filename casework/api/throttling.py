"""Rate limits per signed-in user and per anonymous address, read from CASEWORK_API_THROTTLE_RATES
(e.g. {"user": "1200/hour", "anon": "60/hour"}) each time, so a deployment can tune them."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _SettingsRate:
    def get_rate(self):
        return settings.CASEWORK_API_THROTTLE_RATES.get(self.scope)


class UserThrottle(_SettingsRate, UserRateThrottle):
    scope = "user"


class AnonThrottle(_SettingsRate, AnonRateThrottle):
    scope = "anon"


class FailedTokenThrottle(AnonThrottle):
    """Counts failed token attempts per address; past the anonymous rate every token from that address is
    refused (even a right one) until the window passes, so tokens cannot be guessed at speed."""

    scope = "anon"

    def get_cache_key(self, request, view):
        # Never touch request.user here: this runs inside authentication.
        return self.cache_format % {"scope": "token-failures", "ident": self.get_ident(request)}

    def _history(self, request) -> list:
        self.key = self.get_cache_key(request, None)
        self.now = self.timer()
        history = [t for t in self.cache.get(self.key, []) if t > self.now - self.duration]
        self.history = history
        return history

    def blocked(self, request) -> bool:
        return self.rate is not None and len(self._history(request)) >= self.num_requests

    def record_failure(self, request) -> None:
        if self.rate is not None:
            history = self._history(request)
            history.insert(0, self.now)
            self.cache.set(self.key, history, self.duration)

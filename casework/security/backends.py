"""The authentication backend: Django's ModelBackend, loading the signed-in user with their centre and region.

Every page shows where its user works (User.scope_label, in the navigation), which read the centre or the
region in a query of its own on each request; joined to the user's own read, it costs nothing extra.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ModelBackendWithPlaces(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related("centre", "region")
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

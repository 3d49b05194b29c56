from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def notifications(request):
    """The navbar's unread count, computed only when a template shows it (one query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user=user))}

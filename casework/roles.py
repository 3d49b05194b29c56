"""What each role may do in the admin and the apps: model permissions grouped per role.

Model permissions say *what kind* of action a role may take; *which* records it reaches is the
access policy's answer (casework.access), never these groups.
"""

from django.contrib.auth.models import Group, Permission

from .models import Role

ROLE_GROUP_NAMES = {
    Role.CASEWORKER: "Caseworkers",
    Role.SUPERVISOR: "Programme supervisors",
    Role.ADMINISTRATOR: "Administrators",
    Role.PARTNER_VIEWER: "Partner viewers",
}

# app_label -> model names whose add/change/view permissions administrators manage in the admin.
ADMINISTRATOR_MODELS = {
    "casework": ["region", "centre", "prisonestablishment", "user"],
    "reintegration_plans": ["domain", "checklistitem", "partnerorganisation"],
}
ADMINISTRATOR_VIEW_ONLY = {"casework": ["auditentry"]}


def role_group(role: str) -> Group:
    group, _ = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[Role(role)])
    return group


def _permissions(models_by_app: dict, actions: tuple[str, ...]):
    wanted = [
        (app, f"{action}_{model}") for app, models in models_by_app.items() for model in models for action in actions
    ]
    found = []
    for app, codename in wanted:
        found.extend(Permission.objects.filter(content_type__app_label=app, codename=codename))
    return found


def sync_role_groups(using: str = "default") -> None:
    for role in Role:
        role_group(role)
    administrators = role_group(Role.ADMINISTRATOR)
    administrators.permissions.set(
        _permissions(ADMINISTRATOR_MODELS, ("add", "change", "view")) + _permissions(ADMINISTRATOR_VIEW_ONLY, ("view",))
    )

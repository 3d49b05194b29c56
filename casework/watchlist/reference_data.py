"""The indicators, loaded by migration 0002 (and re-created by `ensure_indicators` after a flush)."""

# code, severity, days, count, position, (ar, fr, en)
INDICATORS = [
    ("lost_contact", "medium", 60, None, 1, ("انقطاع التواصل", "Contact perdu", "Lost contact")),
    (
        "missed_followups",
        "medium",
        90,
        3,
        2,
        ("تكرار تفويت مواعيد المصاحبة", "Suivis manqués à répétition", "Repeated missed follow-ups"),
    ),
    ("project_abandoned", "medium", None, None, 3, ("التخلي عن المشروع", "Projet abandonné", "Project abandoned")),
    ("family_at_risk", "high", None, None, 4, ("أسرة في وضعية خطر", "Famille en danger", "Family at risk")),
    (
        "caseworker_concern",
        "medium",
        None,
        None,
        5,
        ("قلق المصاحب", "Préoccupation de l'accompagnateur", "Caseworker's concern"),
    ),
]


def ensure_indicators(indicator_model) -> None:
    for code, severity, days, count, position, (ar, fr, en) in INDICATORS:
        indicator_model.objects.get_or_create(
            code=code,
            defaults={
                "severity": severity,
                "days": days,
                "count": count,
                "position": position,
                "name_ar": ar,
                "name_fr": fr,
                "name_en": en,
            },
        )

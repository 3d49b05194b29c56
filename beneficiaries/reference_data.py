"""The programme's modules: the three reconciliations (TRANSLATION.md). Loaded by migration 0003;
administrators maintain them afterwards."""

# code, order, Arabic, French, English
MODULES = [
    ("self", 1, "المصالحة مع الذات", "Réconciliation avec soi-même", "Reconciliation with oneself"),
    (
        "texts",
        2,
        "المصالحة مع النص الديني",
        "Réconciliation avec les textes religieux",
        "Reconciliation with the religious texts",
    ),
    ("society", 3, "المصالحة مع المجتمع", "Réconciliation avec la société", "Reconciliation with society"),
]


def ensure_modules(module_model) -> None:
    for code, order, ar, fr, en in MODULES:
        module_model.objects.update_or_create(
            code=code, defaults={"order": order, "name_ar": ar, "name_fr": fr, "name_en": en}
        )

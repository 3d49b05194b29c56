"""Reference data of life projects, loaded by migration 0002; administrators maintain it afterwards.

Each row: code, Arabic, French, English (partners add their kind and the consent partner code)."""

DOMAINS = [
    ("social", "المجال الاجتماعي", "Social", "Social"),
    ("health", "المجال الصحي", "Santé", "Health"),
    ("administrative", "المجال الإداري", "Administratif", "Administrative"),
    ("vocational", "المجال المهني", "Professionnel", "Vocational"),
    ("family", "المجال الأسري", "Familial", "Family"),
    ("housing", "السكن", "Logement", "Housing"),
    ("education", "التعليم والتكوين", "Éducation", "Education"),
    ("income_project", "المشروع المدر للدخل", "Projet générateur de revenus", "Income-generating project"),
]

CHECKLIST_ITEMS = [
    ("cin", "تجديد البطاقة الوطنية للتعريف", "Renouvellement de la CIN", "National identity card (CIN) renewed"),
    ("civil_status", "وثائق الحالة المدنية", "Papiers d'état civil", "Civil-status papers"),
    ("residence_certificate", "شهادة السكنى", "Certificat de résidence", "Residence certificate"),
    ("health_coverage", "التغطية الصحية الإجبارية (AMO)", "Couverture médicale (AMO)", "Health coverage (AMO)"),
    (
        "social_registry",
        "التسجيل في السجل الاجتماعي الموحد",
        "Inscription au Registre social unifié (RSU)",
        "Unified Social Registry (RSU) registration",
    ),
    ("bank_account", "فتح حساب بنكي", "Compte bancaire", "Bank account"),
    (
        "employment_registration",
        "التسجيل لدى الوكالة الوطنية لإنعاش التشغيل والكفاءات",
        "Inscription à l'ANAPEC",
        "Registered with ANAPEC",
    ),
    (
        "rehabilitation",
        "طلب رد الاعتبار",
        "Demande de réhabilitation judiciaire",
        "Application for judicial rehabilitation",
    ),
]

# code, kind, consent partner code (beneficiaries.models.Partner), Arabic, French, English
PARTNERS = [
    (
        "foundation",
        "foundation",
        "foundation",
        "مؤسسة محمد السادس لإعادة إدماج السجناء",
        "Fondation Mohammed VI pour la réinsertion des détenus",
        "Mohammed VI Foundation for the Reintegration of Prisoners",
    ),
    (
        "rabita",
        "religious",
        "rabita",
        "الرابطة المحمدية للعلماء",
        "Rabita Mohammadia des oulémas",
        "Mohammadia League of Scholars",
    ),
    (
        "cndh",
        "human_rights",
        "cndh",
        "المجلس الوطني لحقوق الإنسان",
        "Conseil national des droits de l'Homme (CNDH)",
        "National Human Rights Council (CNDH)",
    ),
    (
        "dgapr",
        "prison_administration",
        "dgapr",
        "المندوبية العامة لإدارة السجون وإعادة الإدماج",
        "Délégation générale à l'administration pénitentiaire et à la réinsertion (DGAPR)",
        "General Delegation of Prison Administration and Reintegration (DGAPR)",
    ),
    (
        "anapec",
        "employment",
        "",
        "الوكالة الوطنية لإنعاش التشغيل والكفاءات",
        "Agence nationale de promotion de l'emploi et des compétences (ANAPEC)",
        "National Agency for the Promotion of Employment and Skills (ANAPEC)",
    ),
    (
        "ofppt",
        "vocational_training",
        "",
        "مكتب التكوين المهني وإنعاش الشغل",
        "Office de la formation professionnelle et de la promotion du travail (OFPPT)",
        "Office for Vocational Training and Employment Promotion (OFPPT)",
    ),
    (
        "health_delegation",
        "health",
        "",
        "المندوبية الإقليمية لوزارة الصحة",
        "Délégation provinciale de la santé",
        "Provincial health delegation",
    ),
    (
        "entraide",
        "social",
        "",
        "مؤسسة التعاون الوطني",
        "Entraide nationale",
        "National Mutual Aid (Entraide nationale)",
    ),
]


def load(apps=None) -> None:
    """Create or refresh the reference rows (used by migration 0002 and by tests after a flush)."""
    if apps is None:
        from django.apps import apps as registry

        apps = registry
    domain = apps.get_model("reintegration_plans", "Domain")
    item = apps.get_model("reintegration_plans", "ChecklistItem")
    partner = apps.get_model("reintegration_plans", "PartnerOrganisation")
    for model, rows in ((domain, DOMAINS), (item, CHECKLIST_ITEMS)):
        for position, (code, ar, fr, en) in enumerate(rows):
            model.objects.update_or_create(
                code=code, defaults={"name_ar": ar, "name_fr": fr, "name_en": en, "position": position}
            )
    for position, (code, kind, consent_partner, ar, fr, en) in enumerate(PARTNERS):
        partner.objects.update_or_create(
            code=code,
            defaults={
                "name_ar": ar,
                "name_fr": fr,
                "name_en": en,
                "position": position,
                "kind": kind,
                "consent_partner": consent_partner,
            },
        )

"""Project sectors (reference data, loaded by migration 0002; administrators maintain them afterwards)."""

# code, Arabic, French, English
SECTORS = [
    ("commerce", "التجارة", "Commerce", "Commerce / trade"),
    ("construction", "البناء", "Bâtiment et construction", "Construction"),
    ("food", "المطاعم والتغذية", "Restauration et alimentation", "Restaurants and food"),
    ("handicrafts", "الصناعة التقليدية", "Artisanat traditionnel", "Traditional handicrafts"),
    ("agriculture", "الفلاحة", "Agriculture", "Agriculture"),
    ("services", "الخدمات", "Services", "Services"),
]

# Committee scoring criteria (reference data, loaded by migration 0003): code, Arabic, French, English, maximum.
CRITERIA = [
    ("viability", "الجدوى الاقتصادية للمشروع", "Viabilité économique du projet", "Economic viability", 5),
    ("skills", "كفاءات وتكوين حامل المشروع", "Compétences et formation du porteur", "Skills and training", 5),
    ("market", "معرفة السوق المحلية", "Connaissance du marché local", "Knowledge of the local market", 5),
    ("motivation", "الحافزية والالتزام", "Motivation et engagement", "Motivation and commitment", 5),
    (
        "reintegration",
        "المساهمة في إعادة الإدماج",
        "Contribution à la réinsertion",
        "Contribution to reintegration",
        5,
    ),
]

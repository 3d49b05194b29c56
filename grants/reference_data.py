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

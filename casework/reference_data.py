"""Morocco's 12 regions, the programme's regional centres and prison establishments.

Loaded by migration (casework 0003) so every database, embedded or production, starts with them;
administrators maintain them afterwards in the admin.
"""

# code, Arabic, French, English
REGIONS = [
    ("01", "طنجة تطوان الحسيمة", "Tanger-Tétouan-Al Hoceïma", "Tangier-Tetouan-Al Hoceima"),
    ("02", "جهة الشرق", "L'Oriental", "Oriental"),
    ("03", "فاس مكناس", "Fès-Meknès", "Fez-Meknes"),
    ("04", "الرباط سلا القنيطرة", "Rabat-Salé-Kénitra", "Rabat-Sale-Kenitra"),
    ("05", "بني ملال خنيفرة", "Béni Mellal-Khénifra", "Beni Mellal-Khenifra"),
    ("06", "الدار البيضاء سطات", "Casablanca-Settat", "Casablanca-Settat"),
    ("07", "مراكش آسفي", "Marrakech-Safi", "Marrakesh-Safi"),
    ("08", "درعة تافيلالت", "Drâa-Tafilalet", "Draa-Tafilalet"),
    ("09", "سوس ماسة", "Souss-Massa", "Souss-Massa"),
    ("10", "كلميم واد نون", "Guelmim-Oued Noun", "Guelmim-Oued Noun"),
    ("11", "العيون الساقية الحمراء", "Laâyoune-Sakia El Hamra", "Laayoune-Sakia El Hamra"),
    ("12", "الداخلة وادي الذهب", "Dakhla-Oued Ed-Dahab", "Dakhla-Oued Ed-Dahab"),
]

# code, region, city (ar, fr, en)
CENTRES = [
    ("TNG", "01", ("طنجة", "Tanger", "Tangier")),
    ("OUJ", "02", ("وجدة", "Oujda", "Oujda")),
    ("FES", "03", ("فاس", "Fès", "Fez")),
    ("MEK", "03", ("مكناس", "Meknès", "Meknes")),
    ("RBT", "04", ("سلا", "Salé", "Sale")),
    ("BML", "05", ("بني ملال", "Béni Mellal", "Beni Mellal")),
    ("CAS", "06", ("الدار البيضاء", "Casablanca", "Casablanca")),
    ("MRK", "07", ("مراكش", "Marrakech", "Marrakesh")),
    ("ERR", "08", ("الرشيدية", "Errachidia", "Errachidia")),
    ("AGA", "09", ("أكادير", "Agadir", "Agadir")),
    ("GLM", "10", ("كلميم", "Guelmim", "Guelmim")),
    ("LAA", "11", ("العيون", "Laâyoune", "Laayoune")),
    ("DAK", "12", ("الداخلة", "Dakhla", "Dakhla")),
]


def centre_names(city: tuple[str, str, str]) -> tuple[str, str, str]:
    ar, fr, en = city
    return (
        f"المركز الجهوي للمصاحبة وإعادة الإدماج - {ar}",
        f"Centre régional d'accompagnement et de réinsertion de {fr}",
        f"{en} regional centre for accompaniment and reintegration",
    )


# code, region, Arabic, French, English
ESTABLISHMENTS = [
    ("TIFLET2", "04", "السجن المحلي تيفلت 2", "Prison locale Tiflet 2", "Tiflet 2 local prison"),
    ("SALE1", "04", "السجن المحلي سلا 1", "Prison locale Salé 1", "Sale 1 local prison"),
    ("SALE2", "04", "السجن المحلي سلا 2", "Prison locale Salé 2", "Sale 2 local prison"),
    ("KENITRA", "04", "السجن المركزي القنيطرة", "Prison centrale de Kénitra", "Kenitra central prison"),
    (
        "TOULAL2",
        "03",
        "السجن المحلي تولال 2 مكناس",
        "Prison locale Toulal 2 (Meknès)",
        "Toulal 2 local prison (Meknes)",
    ),
    ("RASELMA", "03", "السجن المحلي رأس الماء فاس", "Prison locale Ras El Ma (Fès)", "Ras El Ma local prison (Fez)"),
    (
        "OUKACHA",
        "06",
        "السجن المحلي عين السبع 1 (عكاشة)",
        "Prison locale Aïn Sebaâ 1 (Oukacha)",
        "Ain Sebaa 1 local prison (Oukacha)",
    ),
    ("LOUDAYA", "07", "السجن الفلاحي لوداية", "Prison agricole Loudaya", "Loudaya agricultural prison"),
    ("TANGER2", "01", "السجن المحلي طنجة 2", "Prison locale Tanger 2", "Tangier 2 local prison"),
    ("OUJDA", "02", "السجن المحلي وجدة", "Prison locale d'Oujda", "Oujda local prison"),
    ("AITMELLOUL", "09", "السجن المحلي أيت ملول", "Prison locale Aït Melloul", "Ait Melloul local prison"),
    ("SAFI", "07", "السجن المحلي آسفي", "Prison locale de Safi", "Safi local prison"),
]

"""The Charter's reference data, as gathered in shared/DOMAIN.md.

Wording marked [U] there (unconfirmed) is loaded with its ``*_verified`` flag
off, so the product shows it as unverified; staff can correct it in the admin.
``load_reference`` takes an app registry so the data migration and the
``load_charter`` command share it.
"""

from datetime import date

TEXTS = [
    {
        "code": "2006",
        "year": 2006,
        "title_en": "European Charter for Equality of Women and Men in Local Life",
        "title_sv": "Den europeiska deklarationen för jämställdhet mellan kvinnor och män "
        "på lokal och regional nivå",
        "adopted_on": date(2006, 5, 12),
        "adopted_by_en": "CEMR General Assembly, Innsbruck",
        "adopted_by_sv": "CEMR:s generalförsamling, Innsbruck",
        "note_en": "Signatures made before 2023 remain valid; their signatories are invited "
        "to adopt the new articles of the 2022 text.",
        "note_sv": "Underskrifter från före 2023 gäller fortfarande; undertecknarna uppmanas "
        "att anta de nya artiklarna i 2022 års text.",
        "is_current": False,
    },
    {
        "code": "2022",
        "year": 2022,
        "title_en": "European Charter for Equality of Women and Men in Local Life (updated)",
        "title_sv": "Den europeiska deklarationen för jämställdhet mellan kvinnor och män "
        "på lokal och regional nivå (uppdaterad)",
        "adopted_on": date(2022, 12, 6),
        "adopted_by_en": "CEMR Policy Committee",
        "adopted_by_sv": "CEMR:s policykommitté",
        "note_en": "New signatures from January 2023 are to this text. Articles 1–30 keep the "
        "2006 numbering; which of the new topics has which number (31–39) is not confirmed. "
        "The Swedish translation of the update was still pending in August 2023.",
        "note_sv": "Nya underskrifter från januari 2023 avser denna text. Artikel 1–30 behåller "
        "numreringen från 2006; vilket av de nya ämnena som har vilket nummer (31–39) är inte "
        "bekräftat. Den svenska översättningen av uppdateringen var ännu inte klar i augusti 2023.",
        "is_current": True,
    },
]

# (number, EN, SV, EN verified, SV verified)
PRINCIPLES = [
    (
        1,
        "Equality of women and men is a fundamental right",
        "Jämställdhet är en grundläggande rättighet",
        True,
        True,
    ),
    (
        2,
        "Multiple discrimination and disadvantage must be addressed",
        "Flerfaldig diskriminering och missgynnanden ska bekämpas",
        True,
        True,
    ),
    (
        3,
        "Balanced participation of women and men in decision-making",
        "Representativt deltagande i beslutsprocessen",
        True,
        True,
    ),
    (
        4,
        "Elimination of gender stereotypes",
        "Avskaffa stereotypa uppfattningar om kön",
        True,
        True,
    ),
    (
        5,
        "Integrating the gender perspective into all activities",
        "Jämställdhetsintegrering av alla verksamheter",
        True,
        True,
    ),
    (
        6,
        "Properly resourced action plans and programmes",
        "Tillräcklig finansiering av handlingsplaner och program",
        True,
        True,
    ),
]
PRINCIPLES_2022 = {
    2: (
        "Multiple and intersecting discrimination and disadvantage must be addressed",
        "Flerfaldig och korsande diskriminering och missgynnanden ska bekämpas",
        False,
        False,
    ),
    3: (
        "Balanced participation and representation of women and men in decision-making",
        "Representativt deltagande och representation i beslutsprocessen",
        False,
        False,
    ),
}

# (order, EN, SV); the Swedish section names are our own translation.
SECTIONS = [
    (1, "Democratic accountability", "Demokratiskt ansvar"),
    (2, "The political role", "Den politiska rollen"),
    (3, "General framework for equality", "Allmän ram för jämställdhet"),
    (4, "The employer role", "Arbetsgivarrollen"),
    (5, "Public procurement and contracts", "Offentlig upphandling och avtal"),
    (6, "The service delivery role", "Rollen som tillhandahållare av tjänster"),
    (7, "Planning and sustainable development", "Planering och hållbar utveckling"),
    (8, "The regulator role", "Rollen som tillsynsmyndighet"),
    (9, "Twinning and international cooperation", "Vänortssamarbete och internationellt samarbete"),
]
SECTION_2022_NEW = (10, "New articles of the 2022 text", "Nya artiklar i 2022 års text")

# (number, section order, EN, SV, SV verified)
ARTICLES = [
    (1, 1, "Democratic accountability", "Demokratiskt ansvar", True),
    (2, 2, "Political representation", "Politisk representation", True),
    (3, 2, "Participation in political and civic life", "Deltagande i politik och samhälle", True),
    (4, 2, "Public commitment to equality", "Offentligt ställningstagande för jämställdhet", True),
    (5, 2, "Working with partners to promote equality", "Arbeta med samarbetspartners", True),
    (6, 2, "Countering stereotypes", "Bekämpa stereotyper", True),
    (7, 2, "Good administration and consultation", "God förvaltning och samråd", True),
    (8, 3, "General commitment", "Allmänt åtagande", True),
    (9, 3, "Gender assessment", "Jämställdhetsanalyser", True),
    (
        10,
        3,
        "Multiple discrimination or disadvantage",
        "Flerfaldig diskriminering eller missgynnanden",
        True,
    ),
    (11, 4, "The employer role", "Arbetsgivarrollen", True),
    (12, 5, "Public procurement and contracts", "Upphandling av varor och tjänster", True),
    (13, 6, "Education and lifelong learning", "Utbildning och livslångt lärande", True),
    (14, 6, "Health", "Hälsa", True),
    (15, 6, "Social care and services", "Social omsorg och sociala tjänster", True),
    (16, 6, "Childcare", "Barnomsorg", True),
    (17, 6, "Care of other dependants", "Vård av andra anhöriga", True),
    (18, 6, "Social inclusion", "Social integration", True),
    (19, 6, "Housing", "Bostäder", True),
    (20, 6, "Culture, sport and recreation", "Kultur, idrott och fritid", True),
    (21, 6, "Safety and security", "Säkerhet och trygghet", True),
    (22, 6, "Gender-based violence", "Könsrelaterat våld", False),
    (23, 6, "Human trafficking", "Människohandel", False),
    (24, 7, "Sustainable development", "Hållbar utveckling", False),
    (25, 7, "Urban and local planning", "Stads- och lokalplanering", False),
    (26, 7, "Mobility and transport", "Rörlighet och transporter", False),
    (27, 7, "Economic development", "Ekonomisk utveckling", False),
    (28, 7, "Environment", "Miljö", False),
    (29, 8, "Local government as regulator", "Rollen som tillsynsmyndighet", False),
    (
        30,
        9,
        "Twinning and international cooperation",
        "Vänortssamarbete och internationellt samarbete",
        False,
    ),
]

# The 2022 topics in CEMR's listed order; the number of each is not confirmed.
ARTICLES_2022_NEW = [
    (31, "Sustainable Development Goals", "Globala målen för hållbar utveckling"),
    (32, "Cyber violence", "Nätvåld"),
    (
        33,
        "Violence against elected representatives and staff",
        "Våld mot förtroendevalda och anställda",
    ),
    (34, "Intersectionality", "Intersektionalitet"),
    (35, "Flexible working", "Flexibelt arbete"),
    (36, "Digital inclusion", "Digital inkludering"),
    (
        37,
        "Sexual and reproductive health and rights",
        "Sexuell och reproduktiv hälsa och rättigheter",
    ),
    (38, "Climate change", "Klimatförändringar"),
    (39, "Civil preparedness and disaster response", "Civil beredskap och katastrofinsatser"),
]


def load_reference(apps) -> dict:
    """Create or update the Charter texts; returns counts. Safe to run again."""
    CharterText = apps.get_model("charters", "CharterText")
    Principle = apps.get_model("charters", "Principle")
    Section = apps.get_model("charters", "Section")
    Article = apps.get_model("charters", "Article")
    counts = {"texts": 0, "principles": 0, "sections": 0, "articles": 0}
    for text_data in TEXTS:
        values = {key: value for key, value in text_data.items() if key != "code"}
        charter, _ = CharterText.objects.update_or_create(code=text_data["code"], defaults=values)
        counts["texts"] += 1
        is_2022 = charter.code == "2022"
        for number, en, sv, en_ok, sv_ok in PRINCIPLES:
            if is_2022 and number in PRINCIPLES_2022:
                en, sv, en_ok, sv_ok = PRINCIPLES_2022[number]
            Principle.objects.update_or_create(
                charter=charter,
                number=number,
                defaults={
                    "title_en": en,
                    "title_sv": sv,
                    "title_en_verified": en_ok,
                    "title_sv_verified": sv_ok,
                },
            )
            counts["principles"] += 1
        sections = {}
        section_rows = SECTIONS + ([SECTION_2022_NEW] if is_2022 else [])
        for order, en, sv in section_rows:
            sections[order], _ = Section.objects.update_or_create(
                charter=charter,
                order=order,
                defaults={
                    "title_en": en,
                    "title_sv": sv,
                    "title_en_verified": order <= 9,
                    "title_sv_verified": False,
                },
            )
            counts["sections"] += 1
        for number, section_order, en, sv, sv_ok in ARTICLES:
            Article.objects.update_or_create(
                charter=charter,
                number=number,
                defaults={
                    "section": sections[section_order],
                    "title_en": en,
                    "title_sv": sv,
                    "title_en_verified": True,
                    "title_sv_verified": sv_ok,
                    "number_verified": True,
                },
            )
            counts["articles"] += 1
        if is_2022:
            for number, en, sv in ARTICLES_2022_NEW:
                Article.objects.update_or_create(
                    charter=charter,
                    number=number,
                    defaults={
                        "section": sections[SECTION_2022_NEW[0]],
                        "title_en": en,
                        "title_sv": sv,
                        "title_en_verified": False,
                        "title_sv_verified": False,
                        "number_verified": False,
                    },
                )
                counts["articles"] += 1
    return counts

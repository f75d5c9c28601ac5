"""Names and words for generated data: places, activities, goals and document text.

Made-up but shaped like the real thing (a Swedish "kommun", an Italian "Comune di"), so pages,
sorting and search behave as they would with real names.
"""

from __future__ import annotations

PREFIXES = [
    "Al",
    "Berg",
    "Dal",
    "Ek",
    "Fal",
    "Gran",
    "Hög",
    "Kungs",
    "Lind",
    "Sjö",
    "Strand",
    "Vall",
    "Öster",
    "Väster",
    "Norr",
    "Söder",
    "Sand",
    "Sten",
    "Åker",
    "Mal",
    "Ny",
    "Gam",
    "Björk",
    "Fors",
    "Hed",
    "Lo",
    "Mo",
    "Rön",
    "Sol",
    "Tall",
]
SUFFIXES = [
    "by",
    "sala",
    "köping",
    "hamn",
    "näs",
    "vik",
    "ås",
    "torp",
    "ryd",
    "holm",
    "stad",
    "fors",
    "berga",
    "lund",
    "mo",
]

# country: (weight, language, municipality name, region name, latitude box, longitude box)
COUNTRIES = {
    "SE": (20, "sv", "{} kommun", "Region {}", (55.4, 67.5), (12.0, 23.5)),
    "ES": (14, "es", "Ayuntamiento de {}", "Diputación de {}", (36.2, 43.5), (-8.8, 3.2)),
    "IT": (14, "it", "Comune di {}", "Provincia di {}", (37.0, 46.5), (7.0, 18.0)),
    "FR": (13, "fr", "Commune de {}", "Département de {}", (43.0, 50.8), (-4.5, 7.5)),
    "DE": (8, "de", "Gemeinde {}", "Landkreis {}", (47.5, 54.8), (6.0, 14.8)),
    "FI": (6, "fi", "{} kunta", "{} maakunta", (60.0, 68.5), (21.5, 30.0)),
    "GR": (5, "el", "Dimos {}", "Periferia {}", (35.0, 41.5), (20.5, 26.5)),
    "PT": (5, "pt", "Município de {}", "Distrito de {}", (37.0, 42.0), (-9.4, -6.3)),
    "BE": (4, "fr", "Commune de {}", "Province de {}", (49.6, 51.4), (2.6, 6.3)),
    "AT": (4, "de", "Gemeinde {}", "Bezirk {}", (46.5, 48.9), (9.6, 17.0)),
    "NO": (4, "nb", "{} kommune", "{} fylke", (58.0, 70.0), (5.0, 30.0)),
    "IS": (1, "en", "{} municipality", "{} region", (63.4, 66.5), (-24.0, -13.5)),
    "IE": (2, "en", "{} County Council", "{} Regional Assembly", (51.5, 55.3), (-10.0, -6.0)),
}

UNITS = (
    "HR department",
    "Social services",
    "Education department",
    "Culture and leisure",
    "City planning",
    "Communications",
    "Finance department",
    "Council office",
    "Elderly care",
    "Youth services",
)
TITLES = ("Equality strategist", "HR director", "Councillor", "Head of unit", "Analyst")
FIRST_NAMES = [
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Sara",
    "Johan",
    "Elin",
    "Karl",
    "Emma",
    "Nils",
    "Aino",
    "Jonas",
    "Lea",
    "Paul",
    "Sofia",
]
LAST_NAMES = [
    "Andersson",
    "Berg",
    "Costa",
    "Dubois",
    "Eriksson",
    "Fischer",
    "Garcia",
    "Horvath",
    "Ivanov",
    "Jensen",
    "Koskinen",
    "Lind",
    "Moreau",
    "Nilsson",
    "Rossi",
    "Santos",
    "Virtanen",
    "Weber",
]

GOAL_TITLES = (
    "Equal pay for work of equal value",
    "Balanced representation in decision-making",
    "Safe public spaces for women and girls",
    "Gender-equal schools and preschools",
    "Prevent violence in close relationships",
    "Equal access to sport and leisure",
    "Gender mainstreaming in budgeting",
    "Equal health and care",
    "Sex-disaggregated statistics in every service",
    "Fair working conditions and parental leave",
)
ACTIVITY_VERBS = (
    "Review",
    "Map",
    "Train staff in",
    "Introduce",
    "Follow up",
    "Analyse",
    "Publish",
    "Consult residents on",
    "Set targets for",
    "Evaluate",
)
ACTIVITY_OBJECTS = (
    "pay differences between women and men",
    "the gender balance of committees",
    "lighting and safety in parks",
    "gender-aware teaching",
    "support for victims of violence",
    "allocation of sports grants",
    "gender budgeting in two departments",
    "waiting times in health care by sex",
    "statistics split by sex",
    "part-time work in elderly care",
    "the recruitment process",
    "harassment policy",
)

# Words for document text, by language; common words first (they occur on most pages).
TEXTS = {
    "sv": (
        "kommun kommunstyrelsen beslut beslutar jämställdhet jämställdhetsplan "
        "jämställdhetsplaner handlingsplan deklarationen kvinnor män flickor pojkar förskola "
        "skola arbete lön löner statistik uppföljning mål aktivitet aktiviteter ansvar nämnd "
        "nämnden förvaltning utbildning trygghet våld hälsa idrott kultur bostad planering "
        "budget rapport år"
    ),
    "en": (
        "council decision decisions equality plan plans charter women men girls boys school "
        "work pay statistics follow report goal activity activities responsible committee "
        "training safety violence health sport culture housing planning budget year"
    ),
    "fi": (
        "kunta kunnanhallitus päätös tasa-arvo suunnitelma naiset miehet tytöt pojat koulu "
        "työ palkka tilasto seuranta tavoite toimenpide vastuu lautakunta koulutus "
        "turvallisuus väkivalta terveys liikunta kulttuuri asuminen budjetti vuosi"
    ),
    "de": (
        "gemeinde gemeinderat beschluss gleichstellung aktionsplan frauen männer mädchen "
        "jungen schule arbeit lohn statistik bericht ziel maßnahme verantwortung ausschuss "
        "ausbildung sicherheit gewalt gesundheit sport kultur wohnen haushalt jahr"
    ),
    "fr": (
        "commune conseil décision égalité plan charte femmes hommes filles garçons école "
        "travail salaire statistiques suivi rapport objectif action responsable comité "
        "formation sécurité violence santé sport culture logement budget année"
    ),
    "es": (
        "ayuntamiento pleno decisión igualdad plan carta mujeres hombres niñas niños escuela "
        "trabajo salario estadística seguimiento informe objetivo actividad responsable "
        "comisión formación seguridad violencia salud deporte cultura vivienda presupuesto año"
    ),
    "it": (
        "comune consiglio decisione parità piano carta donne uomini ragazze ragazzi scuola "
        "lavoro retribuzione statistiche monitoraggio relazione obiettivo attività "
        "responsabile commissione formazione sicurezza violenza salute sport cultura casa "
        "bilancio anno"
    ),
}
# Phrases that real plans repeat, so phrase searches find a realistic share of pages.
PHRASES = {
    "sv": ("jämställdhetsplan för kommunen", "lika lön för lika arbete", "våld i nära relationer"),
    "en": ("equality plan", "equal pay for equal work", "violence in close relationships"),
    "fi": ("tasa-arvo suunnitelma", "sama palkka samasta työstä"),
    "de": ("gleicher lohn für gleiche arbeit", "gewalt gegen frauen"),
    "fr": ("plan d'action pour l'égalité", "égalité salariale"),
    "es": ("plan de igualdad", "igualdad salarial"),
    "it": ("piano per la parità", "parità salariale"),
}
VOCABULARY = {language: text.split() for language, text in TEXTS.items()}


def text_language(language: str) -> str:
    """The vocabulary used for documents in ``language`` (English where there is none)."""
    return language if language in VOCABULARY else "en"

"""Demo organisations and people, taken from the sample documents.

- 000 (UBC Gender Equality Working Group report): UBC, its member cities and
  the group's coordinators.
- 001 (UCLG CIB Working Group news): UCLG.
- 002 (Umeåregionen's Verksamhetsplan 2014) and 004 (Umeåregionen web page):
  the six Umeåregionen municipalities, Örnsköldsvik, and the working group's
  members with their titles. They are real officials named in public documents;
  they are not marked as public contacts, so only colleagues see their details.
- 003 (protocol extract): Ragunda.

Municipality codes are Kolada's four-digit codes; regions are 00 + county code.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model

from equalocal.core.demo import DEMO_PASSWORD

from .models import Membership, Organisation, OrganisationKind, Person, Role

M, R, N, A = (
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.REGION,
    OrganisationKind.NETWORK,
    OrganisationKind.NATIONAL_ASSOCIATION,
)

# slug, name, kind, country, official code, parent slug, website, description
ORGANISATIONS = [
    (
        "region-vasterbotten",
        "Region Västerbotten",
        R,
        "SE",
        "0024",
        "",
        "https://www.regionvasterbotten.se",
        "",
    ),
    (
        "region-vasternorrland",
        "Region Västernorrland",
        R,
        "SE",
        "0022",
        "",
        "https://www.rvn.se",
        "",
    ),
    (
        "region-jamtland-harjedalen",
        "Region Jämtland Härjedalen",
        R,
        "SE",
        "0023",
        "",
        "https://www.regionjh.se",
        "",
    ),
    (
        "skr",
        "Sveriges Kommuner och Regioner (SKR)",
        A,
        "SE",
        "",
        "",
        "https://skr.se",
        "The Swedish association of local authorities and regions; national coordinator for the CEMR Charter in Sweden.",
    ),
    (
        "umearegionen",
        "Umeåregionen",
        N,
        "SE",
        "",
        "",
        "https://www.umearegionen.se",
        "Cooperation of six municipalities: Umeå, Vännäs, Vindeln, Robertsfors, Nordmaling and Bjurholm. "
        "Office: Umeåregionens kansli, Umeå kommun, 901 84 Umeå.",
    ),
    ("umea", "Umeå kommun", M, "SE", "2480", "region-vasterbotten", "https://www.umea.se", ""),
    (
        "vannas",
        "Vännäs kommun",
        M,
        "SE",
        "2460",
        "region-vasterbotten",
        "https://www.vannas.se",
        "",
    ),
    (
        "vindeln",
        "Vindelns kommun",
        M,
        "SE",
        "2404",
        "region-vasterbotten",
        "https://www.vindeln.se",
        "",
    ),
    (
        "robertsfors",
        "Robertsfors kommun",
        M,
        "SE",
        "2409",
        "region-vasterbotten",
        "https://www.robertsfors.se",
        "",
    ),
    (
        "nordmaling",
        "Nordmalings kommun",
        M,
        "SE",
        "2401",
        "region-vasterbotten",
        "https://www.nordmaling.se",
        "",
    ),
    (
        "bjurholm",
        "Bjurholms kommun",
        M,
        "SE",
        "2403",
        "region-vasterbotten",
        "https://www.bjurholm.se",
        "",
    ),
    (
        "ornskoldsvik",
        "Örnsköldsviks kommun",
        M,
        "SE",
        "2284",
        "region-vasternorrland",
        "https://www.ornskoldsvik.se",
        "",
    ),
    (
        "ragunda",
        "Ragunda kommun",
        M,
        "SE",
        "2303",
        "region-jamtland-harjedalen",
        "https://www.ragunda.se",
        "",
    ),
    (
        "ubc",
        "Union of the Baltic Cities (UBC)",
        N,
        "PL",
        "",
        "",
        "https://www.ubc.net",
        "Network of about 70 Baltic Sea cities, founded 1991; secretariat in Gdańsk.",
    ),
    (
        "uclg",
        "United Cities and Local Governments (UCLG)",
        N,
        "ES",
        "",
        "",
        "https://www.uclg.org",
        "World organisation of local and regional governments; its CIB Working Group works on capacity building.",
    ),
    ("kristiansand", "Kristiansand kommune", M, "NO", "4204", "", "", ""),
    ("gdansk", "Gdańsk", M, "PL", "", "", "https://www.gdansk.pl", ""),
    ("gdynia", "Gdynia", M, "PL", "", "", "https://www.gdynia.pl", ""),
    ("helsinki", "Helsinki", M, "FI", "091", "", "https://www.hel.fi", ""),
    ("kalmar", "Kalmar kommun", M, "SE", "0880", "", "https://kalmar.se", ""),
    ("kotka", "Kotka", M, "FI", "285", "", "https://www.kotka.fi", ""),
    ("liepaja", "Liepāja", M, "LV", "", "", "https://www.liepaja.lv", ""),
    ("panevezys", "Panevėžys", M, "LT", "", "", "https://www.panevezys.lt", ""),
    ("orebro", "Örebro kommun", M, "SE", "1880", "", "https://www.orebro.se", ""),
    ("vaxjo", "Växjö kommun", M, "SE", "0780", "", "https://vaxjo.se", ""),
    ("kemi", "Kemi", M, "FI", "240", "", "https://www.kemi.fi", ""),
    ("slupsk", "Słupsk", M, "PL", "", "", "https://www.slupsk.pl", ""),
]

# organisation slug, name, title, e-mail, phone
PEOPLE = [
    (
        "vannas",
        "Ingrid Lundström",
        "Personalkonsulent",
        "ingrid.lundstrom@vannas.se",
        "0935-141 31",
    ),
    ("bjurholm", "Claudia Wieczorek", "Turismsamordnare", "", ""),
    ("nordmaling", "Jörgen Andersson", "Personalsekreterare", "", ""),
    ("robertsfors", "Henna Harinen", "Förvaltningssekreterare", "", ""),
    ("umea", "Linda Gustafsson", "Jämställdhetsstrateg", "", ""),
    ("ornskoldsvik", "Katarina Strachman", "Personalspecialist", "", ""),
    ("gdansk", "Małgorzata Tarasiewicz", "Coordinator, UBC Gender Equality Working Group", "", ""),
    ("helsinki", "Hanna Maidell", "Coordinator, UBC Gender Equality Working Group", "", ""),
]

DEMO_USERS = [
    ("admin@example.org", "admin of Umeå kommun, editor in Umeåregionen"),
    ("editor@example.org", "editor in Umeå kommun"),
    ("viewer@example.org", "viewer in Umeå kommun"),
    ("outsider@example.org", "admin of Ragunda kommun (another organisation)"),
    (
        "staff@example.org",
        "site staff (Django admin, reference data; sets up two-factor sign-in first)",
    ),
]
_MEMBERSHIPS = [
    ("admin@example.org", "umea", Role.ADMIN),
    ("admin@example.org", "umearegionen", Role.EDITOR),
    ("editor@example.org", "umea", Role.EDITOR),
    ("viewer@example.org", "umea", Role.VIEWER),
    ("outsider@example.org", "ragunda", Role.ADMIN),
]
_NAMES = {
    "admin@example.org": ("Alva", "Admin"),
    "editor@example.org": ("Erik", "Editor"),
    "viewer@example.org": ("Vera", "Viewer"),
    "outsider@example.org": ("Olle", "Outsider"),
    "staff@example.org": ("Siri", "Staff"),
}


# Public profile: slug → (latitude, longitude, postal address, phone, vision). Coordinates are
# approximate town centres; address, phone and vision of Umeåregionen as sample 004 gives them.
PROFILES = {
    "umearegionen": (
        "63.82578",
        "20.26302",
        "Umeåregionens kansli, Umeå kommun, 901 84 Umeå\nBesöksadress: Sveagatan 8",
        "090-16 13 32",
        "Världens bästa livsmiljö för en kvarts miljon människor 2050 – med jämställdhet "
        "som en del av en socialt hållbar utveckling.",
    ),
    "umea": ("63.82578", "20.26302", "Umeå kommun, 901 84 Umeå", "", ""),
    "vannas": ("63.90850", "19.75070", "", "", ""),
    "vindeln": ("64.20140", "19.71970", "", "", ""),
    "robertsfors": ("64.19160", "20.84890", "", "", ""),
    "nordmaling": ("63.56860", "19.50100", "", "", ""),
    "bjurholm": ("63.93330", "19.21670", "", "", ""),
    "ornskoldsvik": ("63.29030", "18.71530", "", "", ""),
    "ragunda": ("63.10830", "16.39560", "", "", ""),
    "region-vasterbotten": ("64.75000", "18.00000", "", "", ""),
    "region-vasternorrland": ("62.63230", "17.94000", "", "", ""),
    "region-jamtland-harjedalen": ("63.17920", "14.63570", "", "", ""),
    "skr": ("59.33260", "18.06490", "", "", ""),
    "kristiansand": ("58.14670", "7.99560", "", "", ""),
    "gdansk": ("54.35200", "18.64660", "", "", ""),
    "gdynia": ("54.51890", "18.53050", "", "", ""),
    "helsinki": ("60.16990", "24.93840", "", "", ""),
    "kalmar": ("56.66340", "16.35680", "", "", ""),
    "kotka": ("60.46640", "26.94580", "", "", ""),
    "liepaja": ("56.51100", "21.01360", "", "", ""),
    "panevezys": ("55.73480", "24.35750", "", "", ""),
    "orebro": ("59.27530", "15.21340", "", "", ""),
    "vaxjo": ("56.87900", "14.80590", "", "", ""),
    "kemi": ("65.73640", "24.56370", "", "", ""),
    "slupsk": ("54.46410", "17.02850", "", "", ""),
}


def load(context) -> None:
    organisations = {}
    for slug, name, kind, country, code, parent, website, description in ORGANISATIONS:
        organisations[slug], _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "country": country,
                "official_code": code,
                "parent": organisations.get(parent),
                "website": website,
                "description": description,
                **_profile(slug),
            },
        )
    for slug, name, title, email, phone in PEOPLE:
        Person.objects.update_or_create(
            organisation=organisations[slug],
            name=name,
            defaults={"title": title, "email": email, "phone": phone, "is_public_contact": False},
        )
    User = get_user_model()
    users = {}
    for email, _description in DEMO_USERS:
        first, last = _NAMES[email]
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                is_staff=email.startswith("staff@"),
                is_superuser=email.startswith("staff@"),
            )
        users[email] = user
    for email, slug, role in _MEMBERSHIPS:
        Membership.objects.update_or_create(
            user=users[email], organisation=organisations[slug], defaults={"role": role}
        )
    context.objects["organisations"] = organisations
    context.objects["users"] = users
    context.log.append(
        f"{len(organisations)} organisations, {len(PEOPLE)} people, {len(users)} demo users"
    )


def _profile(slug: str) -> dict:
    latitude, longitude, address, phone, vision = PROFILES.get(slug, (None, None, "", "", ""))
    return {
        "latitude": Decimal(latitude) if latitude else None,
        "longitude": Decimal(longitude) if longitude else None,
        "address": address,
        "phone": phone,
        "vision": vision,
    }

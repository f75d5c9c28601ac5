"""Walk every URL pattern with every persona and every method, and check the status code.

A new view without an entry in EXPECTED fails ``test_every_url_has_expectations``,
so each view is covered by the permission matrix as soon as it exists. Each URL is tried
with its own method (the table) and with the other one: a persona refused one way is
refused the other way too, and nothing answers with a server error.

``peer`` is a member of another organisation in the same network as org A: on org A's
pages it is an outsider (it sees only what org A makes public or shares); on the
network's pages it is a member.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import ImportBatchFactory
from tests.personas import PERSONAS, build_personas
from tests.signin import sign_in

# Patterns that are not ours to test (Django's admin beyond its index, i18n helper). The REST
# API ignores sessions and is walked with each persona's token in equalocal/api/tests.
SKIPPED_NAMESPACES = {"admin", "api-v1"}
SKIPPED_NAMES = {"set_language"}

OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404

# name: (method, {persona: status}); personas: anonymous viewer editor admin outsider peer staff
# Where a table leaves ``peer`` out, it is treated like the outsider on org A's pages and
# like a member (the viewer) on the network's (see ``_statuses``).
ALL_200 = dict.fromkeys(PERSONAS, OK)
SIGNED_IN_200 = {**ALL_200, "anonymous": REDIRECT}
MEMBERS_ONLY = {
    "anonymous": REDIRECT,
    "viewer": OK,
    "editor": OK,
    "admin": OK,
    "outsider": NOT_FOUND,
    "staff": OK,
}
EDITORS_ONLY = {
    "anonymous": REDIRECT,
    "viewer": FORBIDDEN,
    "editor": OK,
    "admin": OK,
    "outsider": NOT_FOUND,
    "staff": OK,
}
ADMINS_ONLY = {
    "anonymous": REDIRECT,
    "viewer": FORBIDDEN,
    "editor": FORBIDDEN,
    "admin": OK,
    "outsider": NOT_FOUND,
    "staff": OK,
}
ADMINS_ONLY_POST = {**ADMINS_ONLY, "admin": REDIRECT, "staff": REDIRECT}
EDITORS_ONLY_POST = {**EDITORS_ONLY, "editor": REDIRECT, "admin": REDIRECT, "staff": REDIRECT}
MEMBERS_POST = {
    **MEMBERS_ONLY,
    "viewer": REDIRECT,
    "editor": REDIRECT,
    "admin": REDIRECT,
    "staff": REDIRECT,
}
NETWORK_COORDINATORS = {**EDITORS_ONLY, "editor": FORBIDDEN, "admin": FORBIDDEN}
PRIVATE_PERSON = {
    "anonymous": NOT_FOUND,
    "viewer": OK,
    "editor": OK,
    "admin": OK,
    "outsider": NOT_FOUND,
    "staff": OK,
}

EXPECTED = {
    "home:index": ("get", ALL_200),
    "core:accessibility": ("get", ALL_200),
    "core:public-media": ("get", ALL_200),
    "core:favicon": ("get", dict.fromkeys(PERSONAS, 301)),
    "workspace:search": ("get", ALL_200),
    "workspace:my-work": ("get", SIGNED_IN_200),
    "workspace:notifications": ("post", {**SIGNED_IN_200, **dict.fromkeys(PERSONAS[1:], OK)}),
    "home:switch-organisation": ("post", dict.fromkeys(PERSONAS, REDIRECT)),
    "accounts:login": ("get", {**dict.fromkeys(PERSONAS, REDIRECT), "anonymous": OK}),
    "accounts:logout": ("post", dict.fromkeys(PERSONAS, REDIRECT)),
    "accounts:password_change": ("get", SIGNED_IN_200),
    "accounts:password_change_done": ("get", SIGNED_IN_200),
    "accounts:password_reset": ("get", ALL_200),
    "accounts:password_reset_done": ("get", ALL_200),
    "accounts:password_reset_confirm": ("get", ALL_200),
    "accounts:password_reset_complete": ("get", ALL_200),
    "accounts:profile": ("get", SIGNED_IN_200),
    # Nobody waits for a code here: the code step sends everyone on.
    "accounts:sign-in-code": ("get", dict.fromkeys(PERSONAS, REDIRECT)),
    "accounts:two-factor": ("get", SIGNED_IN_200),
    "accounts:two-factor-setup": ("get", SIGNED_IN_200),
    "accounts:recovery-codes": ("get", SIGNED_IN_200),
    "accounts:two-factor-recovery-renew": ("post", dict.fromkeys(PERSONAS, REDIRECT)),
    "accounts:two-factor-disable": ("post", dict.fromkeys(PERSONAS, REDIRECT)),
    "admin-sign-in": ("get", dict.fromkeys(PERSONAS, REDIRECT)),
    "accounts:invitation": ("get", ALL_200),
    "accounts:invite": ("post", ADMINS_ONLY_POST),
    "accounts:invitation-revoke": ("post", ADMINS_ONLY_POST),
    "api_tokens:list": ("get", SIGNED_IN_200),
    # Each persona revokes a token of the viewer's: only the viewer finds it.
    "api_tokens:revoke": (
        "post",
        {**dict.fromkeys(PERSONAS, NOT_FOUND), "anonymous": REDIRECT, "viewer": REDIRECT},
    ),
    "organisations:list": ("get", ALL_200),
    "organisations:create": (
        "get",
        {**dict.fromkeys(PERSONAS, FORBIDDEN), "anonymous": REDIRECT, "staff": OK},
    ),
    "organisations:detail": ("get", ALL_200),
    "organisations:edit": ("get", {**ADMINS_ONLY, "outsider": FORBIDDEN}),
    "organisations:history": ("get", MEMBERS_ONLY),
    "organisations:publishing": ("get", ADMINS_ONLY),
    "memberships:index": ("get", MEMBERS_ONLY),
    "memberships:answer": ("post", ADMINS_ONLY_POST),
    "memberships:update": ("post", ADMINS_ONLY_POST),
    "memberships:leave": ("post", ADMINS_ONLY_POST),
    "organisations:members": ("get", MEMBERS_ONLY),
    "organisations:member-role": ("post", ADMINS_ONLY_POST),
    "organisations:member-remove": ("post", ADMINS_ONLY_POST),
    "organisations:person-create": ("get", EDITORS_ONLY),
    "organisations:person": ("get", PRIVATE_PERSON),
    "organisations:person-edit": ("get", EDITORS_ONLY),
    "organisations:person-delete": ("get", EDITORS_ONLY),
    "organisations:person-export": ("get", {**ADMINS_ONLY, "anonymous": NOT_FOUND}),
    "organisations:person-erase": ("get", ADMINS_ONLY),
    "charters:index": ("get", dict.fromkeys(PERSONAS, REDIRECT)),
    "charters:commitments": ("get", MEMBERS_ONLY),
    "charters:commitment-create": ("get", EDITORS_ONLY),
    "charters:commitment": ("get", MEMBERS_ONLY),
    "charters:commitment-edit": ("get", EDITORS_ONLY),
    "charters:commitment-step": ("get", EDITORS_ONLY),
    "plans:list": ("get", ALL_200),
    "plans:dashboard": ("get", MEMBERS_ONLY),
    "plans:compare": ("get", MEMBERS_ONLY),
    "plans:detail": ("get", PRIVATE_PERSON),
    "plans:timeline": ("get", PRIVATE_PERSON),
    "plans:coverage": ("get", PRIVATE_PERSON),
    "plans:activity": ("get", PRIVATE_PERSON),
    "plans:create": ("get", EDITORS_ONLY),
    "plans:edit": ("get", EDITORS_ONLY),
    "plans:delete": ("get", EDITORS_ONLY),
    "plans:consultation-add": ("get", EDITORS_ONLY),
    "plans:goal-create": ("get", EDITORS_ONLY),
    "plans:goal-edit": ("get", EDITORS_ONLY),
    "plans:goal-delete": ("get", EDITORS_ONLY),
    "plans:activity-create": ("get", EDITORS_ONLY),
    "plans:activity-edit": ("get", EDITORS_ONLY),
    "plans:activity-delete": ("get", EDITORS_ONLY),
    "plans:bin": ("get", ADMINS_ONLY),
    "plans:goal-sets": ("get", MEMBERS_ONLY),
    "plans:goal-set-create": ("get", EDITORS_ONLY),
    "plans:goal-set-edit": ("get", EDITORS_ONLY),
    "plans:restore": ("post", ADMINS_ONLY_POST),
    "plans:new-version": ("post", {**ADMINS_ONLY_POST, "editor": REDIRECT}),
    "plans:bulk-status": ("post", {**ADMINS_ONLY_POST, "editor": REDIRECT}),
    "plans:activity-progress": ("post", EDITORS_ONLY),
    "indicators:list": ("get", SIGNED_IN_200),
    "indicators:detail": ("get", {**MEMBERS_ONLY}),
    "indicators:create": ("get", EDITORS_ONLY),
    "indicators:edit": ("get", EDITORS_ONLY),
    "indicators:scorecards": ("get", ALL_200),
    "indicators:scorecard": ("get", PRIVATE_PERSON),
    "indicators:scorecard-create": ("get", EDITORS_ONLY),
    "indicators:scorecard-edit": ("get", EDITORS_ONLY),
    "indicators:grid": ("get", EDITORS_ONLY),
    "indicators:targets": ("get", EDITORS_ONLY),
    "indicators:import": ("get", EDITORS_ONLY),
    "indicators:batches": ("get", MEMBERS_ONLY),
    "indicators:batch": ("get", MEMBERS_ONLY),
    # A finished import cannot be tried again: editors are told so on its page.
    "indicators:batch-retry": ("post", EDITORS_ONLY_POST),
    "indicators:proposals": ("get", MEMBERS_ONLY),
    "indicators:proposal-answer": ("post", EDITORS_ONLY_POST),
    # Network N: org A is a member, none of the personas coordinates it.
    "networks:overview": ("get", MEMBERS_ONLY),
    "networks:dashboard": ("get", MEMBERS_ONLY),
    "networks:members": ("get", MEMBERS_ONLY),
    "networks:member-join": ("get", {**NETWORK_COORDINATORS, "peer": FORBIDDEN}),
    "networks:member-leave": ("get", {**NETWORK_COORDINATORS, "peer": FORBIDDEN}),
    "networks:settings": ("get", {**NETWORK_COORDINATORS, "peer": FORBIDDEN}),
    "networks:group": ("get", MEMBERS_ONLY),
    "networks:seat-create": ("get", {**NETWORK_COORDINATORS, "peer": FORBIDDEN}),
    "networks:seat-edit": ("get", {**NETWORK_COORDINATORS, "admin": OK, "peer": FORBIDDEN}),
    "networks:meeting": ("get", MEMBERS_ONLY),
    "networks:meeting-create": ("get", {**NETWORK_COORDINATORS, "peer": FORBIDDEN}),
    "networks:meeting-edit": ("get", {**NETWORK_COORDINATORS, "peer": FORBIDDEN}),
    "networks:decision-add": ("get", {**NETWORK_COORDINATORS, "peer": FORBIDDEN}),
    "networks:matrix-edit": ("get", {**NETWORK_COORDINATORS, "peer": FORBIDDEN}),
    "networks:matrix-export": ("get", {**MEMBERS_ONLY, "anonymous": NOT_FOUND}),
    "public_networks:network": ("get", ALL_200),
    "public_networks:group": ("get", ALL_200),
    "charters:text": ("get", ALL_200),
    # The public site: no sign-in; org A's profile, network N's national sibling.
    "public:directory": ("get", ALL_200),
    "public:directory-csv": ("get", ALL_200),
    "public:directory-json": ("get", ALL_200),
    "public:map": ("get", ALL_200),
    "public:feed": ("get", ALL_200),
    "public:profile": ("get", ALL_200),
    "public:national": ("get", ALL_200),
    # Documents: org A's processed PDF with a decision and an activity row to review.
    "documents:list": ("get", MEMBERS_ONLY),
    "documents:upload": ("get", EDITORS_ONLY),
    "documents:detail": ("get", MEMBERS_ONLY),
    "documents:status": ("get", MEMBERS_ONLY),
    "documents:retry": ("post", EDITORS_ONLY_POST),
    "documents:cancel": ("post", EDITORS_ONLY_POST),
    "documents:file": ("get", {**MEMBERS_ONLY, "anonymous": NOT_FOUND}),
    "documents:edit": ("get", EDITORS_ONLY),
    "documents:delete": ("get", ADMINS_ONLY),
    "documents:review": ("get", MEMBERS_ONLY),
    "documents:page-image": ("get", {**MEMBERS_ONLY, "anonymous": NOT_FOUND}),
    "documents:accept-confident": ("post", EDITORS_ONLY_POST),
    "documents:item-accept": ("post", EDITORS_ONLY_POST),
    "documents:item-reject": ("post", EDITORS_ONLY_POST),
    "documents:item-correct": ("get", EDITORS_ONLY),
    "document_search:search": ("get", SIGNED_IN_200),
    # Reports: org A's generated draft, written by its editor; viewers read and export
    # reports, editors and admins make, regenerate and send them. A private report does not
    # exist for others, signed in or not (published ones are public:
    # equalocal/reports/tests/test_reports.py).
    "reports:list": ("get", MEMBERS_ONLY),
    "reports:create": ("get", EDITORS_ONLY),
    "reports:detail": ("get", PRIVATE_PERSON),
    "reports:status": ("get", MEMBERS_ONLY),
    "reports:pdf": ("get", PRIVATE_PERSON),
    "reports:docx": ("get", PRIVATE_PERSON),
    "reports:snapshot": ("get", PRIVATE_PERSON),
    "reports:edit": ("get", EDITORS_ONLY),
    "reports:send": ("post", EDITORS_ONLY_POST),
    "reports:regenerate": ("post", EDITORS_ONLY_POST),
    "reports:comment": ("post", MEMBERS_POST),
    "admin:index": ("get", {**dict.fromkeys(PERSONAS, REDIRECT), "staff": OK}),
    # Exports follow the page they export; a preview is its uploader's (org A's editor).
    "exchange:organisations-export": ("get", ALL_200),
    "exchange:plan-export": ("get", PRIVATE_PERSON),
    "exchange:indicators-export": ("get", {**MEMBERS_ONLY, "anonymous": NOT_FOUND}),
    "exchange:plan-import": ("get", EDITORS_ONLY),
    "exchange:plan-import-preview": ("get", {**EDITORS_ONLY, "admin": NOT_FOUND}),
    "network_exchange:members-export": ("get", {**MEMBERS_ONLY, "anonymous": NOT_FOUND}),
    "network_exchange:dashboard-export": ("get", {**MEMBERS_ONLY, "anonymous": NOT_FOUND}),
    "network_exchange:meetings-export": ("get", {**MEMBERS_ONLY, "anonymous": NOT_FOUND}),
    "network_exchange:members-import": ("get", {**NETWORK_COORDINATORS, "peer": FORBIDDEN}),
    "network_exchange:members-import-preview": (
        "get",
        {**NETWORK_COORDINATORS, "peer": FORBIDDEN},
    ),
    "charters:article": ("get", ALL_200),
    "networks:meeting-ics": ("get", {**MEMBERS_ONLY, "anonymous": NOT_FOUND}),
    # Library: org A's practice is a draft, its publication and event are unpublished.
    "library:index": ("get", ALL_200),
    "library:publications": ("get", ALL_200),
    "library:events": ("get", ALL_200),
    "library:practice": ("get", PRIVATE_PERSON),
    "library:attachment": ("get", PRIVATE_PERSON),
    "library:publication": ("get", PRIVATE_PERSON),
    "library:event": ("get", PRIVATE_PERSON),
    "library:event-ics": ("get", PRIVATE_PERSON),
    "library:registration-cancel": ("get", PRIVATE_PERSON),
    "library_org:index": ("get", MEMBERS_ONLY),
    "library_org:practice-create": ("get", EDITORS_ONLY),
    "library_org:practice-edit": ("get", EDITORS_ONLY),
    "library_org:practice-files": ("get", EDITORS_ONLY),
    "library_org:practice-submit": ("post", EDITORS_ONLY_POST),
    "library_org:practice-review": ("post", ADMINS_ONLY_POST),
    "library_org:event-create": ("get", EDITORS_ONLY),
    "library_org:event-edit": ("get", EDITORS_ONLY),
    "library_org:registrants": ("get", EDITORS_ONLY),
    "library_org:registrants-csv": ("get", {**EDITORS_ONLY, "anonymous": NOT_FOUND}),
}

# Values for URL arguments that are not objects of org A.
EXTRA_KWARGS = {"token": None, "uidb64": "MQ", "charter": "2022", "fmt": "xlsx"}
# The pages of a network: their ``org`` is network N.
NETWORK_PAGES = ("networks:", "public_networks:", "network_exchange:")
# Answering needs a request that waits; the others act on the accepted membership.
SHARING_KWARG = {"memberships:answer": "pending_sharing"}
PREVIEW_KWARG = {"network_exchange:members-import-preview": "network_preview"}
POST_DATA = {
    "accounts:invite": {"email": "new@example.org", "role": "viewer"},
    "organisations:member-role": {"role": "editor"},
    "reports:comment": {"text": "Kan vi lägga till lönekartläggningen?"},
}


def _walk(resolver, namespace="", params=()):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern, inner, (*params, *pattern.pattern.converters))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", [*params, *pattern.pattern.converters]


def url_patterns():
    seen = {}
    for name, params in _walk(get_resolver()):
        top = name.split(":")[0] if ":" in name else ""
        if (top in SKIPPED_NAMESPACES and name != "admin:index") or name in SKIPPED_NAMES:
            continue
        seen.setdefault(name, params)
    return seen


def test_every_url_has_expectations():
    missing = sorted(set(url_patterns()) - set(EXPECTED))
    assert not missing, f"Add these URL names to EXPECTED with a status per persona: {missing}"


def _url(name, personas):
    params = url_patterns()[name]
    kwargs = {}
    for param in params:
        if param == "batch":
            # A finished import of org A's figures, made only where a page needs one (the
            # import tests count the batches the personas' organisations have).
            kwargs[param] = ImportBatchFactory(organisation=personas.org_a).pk
        elif param == "token":
            kwargs[param] = personas.objects["invitation_token"]
        elif param in EXTRA_KWARGS and param not in personas.objects:
            kwargs[param] = EXTRA_KWARGS[param]
        else:
            kwargs[param] = personas.objects[param]
    if name == "accounts:password_reset_confirm":
        kwargs["token"] = "set-password"
    if name.startswith(NETWORK_PAGES):
        kwargs["org"] = personas.objects["network"]
        if "membership" in kwargs:
            kwargs["membership"] = personas.objects["network_membership"]
    if name == "public:national":
        kwargs["org"] = personas.objects["national"]
    if name == "plans:restore":
        kwargs["plan"] = personas.objects["deleted_plan"]
    if "sharing" in kwargs:
        kwargs["sharing"] = personas.objects[SHARING_KWARG.get(name, "sharing")]
    if "preview" in kwargs:
        kwargs["preview"] = personas.objects[PREVIEW_KWARG.get(name, "preview")]
    return reverse(name, kwargs=kwargs)


def _statuses(name) -> dict:
    """The expected status per persona, ``peer`` filled in where the table leaves it out."""
    statuses = dict(EXPECTED[name][1])
    if "peer" not in statuses:
        network_page = name.startswith(NETWORK_PAGES)
        statuses["peer"] = statuses["viewer" if network_page else "outsider"]
    return statuses


CASES = [(name, persona) for name in sorted(EXPECTED) for persona in PERSONAS]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "persona"), CASES)
def test_url_status_by_persona(client, name, persona):
    personas = build_personas()
    user = personas.user(persona)
    if user is not None:
        sign_in(client, user)
    method = EXPECTED[name][0]
    statuses = _statuses(name)
    url = _url(name, personas)
    if method == "post":
        response = client.post(url, POST_DATA.get(name, {}))
    else:
        response = client.get(url)
    assert response.status_code == statuses[persona], f"{persona} {method.upper()} {url}"


DENIED = {REDIRECT, FORBIDDEN, NOT_FOUND}
METHOD_NOT_ALLOWED = 405


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "persona"), CASES)
def test_the_other_method_is_refused_or_harmless(client, name, persona):
    """GET pages also answer POST (a form), POST actions also answer GET (405). Whoever is
    refused one way is refused the other way; nobody gets a server error."""
    personas = build_personas()
    user = personas.user(persona)
    if user is not None:
        sign_in(client, user)
    method = EXPECTED[name][0]
    expected = _statuses(name)[persona]
    url = _url(name, personas)
    other = client.get(url) if method == "post" else client.post(url, {})
    status = other.status_code
    assert status < 500, f"{persona} {'GET' if method == 'post' else 'POST'} {url}: {status}"
    if expected in DENIED - {REDIRECT} and persona != "staff":
        # 404 and 403 hold whatever the method: the object or the right does not exist.
        assert status in DENIED | {METHOD_NOT_ALLOWED}, f"{persona} {url}: {status}"
        assert status != OK, f"{persona} {url}: {status}"


ID_PARAMS = {
    "api_token",
    "person",
    "membership",
    "invitation",
    "commitment",
    "plan",
    "goal",
    "activity",
    "goal_set",
    "document",
    "item",
    "number",
    "preview",
    "report",
    "practice",
    "attachment",
    "publication",
    "event",
}
INT_PARAMS = sorted(
    {name for name, params in url_patterns().items() if any(p in ID_PARAMS for p in params)}
    & set(EXPECTED)
)


@pytest.mark.django_db
@pytest.mark.parametrize("name", INT_PARAMS)
def test_unknown_ids_give_404(client, name):
    personas = build_personas()
    sign_in(client, personas.user("staff"))
    kwargs = {
        p: 987654 if p in ID_PARAMS else personas.objects.get(p, EXTRA_KWARGS.get(p))
        for p in url_patterns()[name]
    }
    if name.startswith(NETWORK_PAGES):
        kwargs["org"] = personas.objects["network"]
    method = EXPECTED[name][0]
    response = getattr(client, method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/organisations/no-such-org/",
        "/charter/1999/",
        "/accounts/invitations/nope/",
        "/no/such/page/",
    ],
)
def test_unknown_addresses_give_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert b"Page not found" in response.content

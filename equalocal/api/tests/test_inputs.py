"""Bad input gets 422 (or 400 for a cursor), never 500, on SQLite and PostgreSQL alike.

The rules live in ``equalocal.api.inputs``: a body is a JSON object, text holds no NUL,
whole numbers fit a 64-bit integer. The first tests keep every operation under those rules;
the others send the bad input through the real client, token and database.
"""

import base64
import json

import pytest
from pydantic import BaseModel, ValidationError

from equalocal.api.inputs import MAX_INTEGER, MIN_INTEGER, Input
from equalocal.api.main import api
from equalocal.plans.models import ActionPlan, Goal

from .conftest import API
from .test_api_by_persona import EXPECTED

BIG = "99999999999999999999999"


def _operations():
    # As ninja's own OpenAPI generator walks them.
    for bound_router in api._get_bound_routers():
        for path, path_view in bound_router.path_operations.items():
            for operation in path_view.operations:
                yield path, operation


def _nested_models(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        for field in annotation.model_fields.values():
            yield from _nested_models(field.annotation)
    for argument in getattr(annotation, "__args__", ()):
        yield from _nested_models(argument)


def test_every_query_and_body_schema_is_an_input():
    schemas = set()
    for _path, operation in _operations():
        for model in operation.models:
            if model.__ninja_param_source__ in ("query", "body"):
                for field in model.model_fields.values():
                    schemas.update(_nested_models(field.annotation))
    assert len(schemas) > 20
    assert not [s.__name__ for s in schemas if not issubclass(s, Input)]


def test_every_text_path_parameter_refuses_null_characters():
    checked = 0
    for _path, operation in _operations():
        for model in operation.models:
            if model.__ninja_param_source__ != "path":
                continue
            good = {
                name: "x" if field.annotation is str else 1
                for name, field in model.model_fields.items()
            }
            model.model_validate(good)
            for name in good:
                if good[name] == "x":
                    with pytest.raises(ValidationError, match="Null characters"):
                        model.model_validate({**good, name: "x\x00"})
                    checked += 1
    assert checked > 40


# Bare JSON values as a whole body: ninja read a schema's fields as attributes of any value,
# so "hello world" made a plan titled "Hello World" (str.title), "goal text" a goal.
BARE_BODIES = ['"hello world"', "null", "0", "1", "true", "[]", '["title"]', '"title"']
WRITES = sorted((method, path) for method, path in EXPECTED if method != "get")


def _url(path, objects):
    return path.format(
        slug=objects["network"] if path.startswith("/networks") else "org-a",
        body_slug=objects["group"],
        plan_id=objects["plan"],
        activity_id=objects["activity"],
        document_id=objects["document"],
        item_id=objects["item"],
        membership_id=objects["network_membership"],
        seat_id=objects["seat"],
        request_id=objects["pending_sharing"],
    )


def _raw(client, method, url, body, token, language="en"):
    return getattr(client, method)(
        API + url,
        data=body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": language},
    )


@pytest.fixture
def staff_token(personas):
    from equalocal.api.services import api_token_create

    return api_token_create(user=personas.user("staff"), name="t", can_write=True)[1]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), WRITES)
def test_every_write_refuses_a_body_that_is_not_an_object(
    client, personas, staff_token, method, path
):
    url = _url(path, personas.objects)
    plans, goals = ActionPlan.objects.count(), Goal.objects.count()
    for body in BARE_BODIES:
        response = _raw(client, method, url, body, staff_token)
        assert response.status_code == 422, (body, response.content[:300])
        assert response.json()["error"] == {
            "code": "invalid_input",
            "message": "The input is not valid.",
            "fields": {"body": ["This must be a JSON object."]},
        }
    assert (ActionPlan.objects.count(), Goal.objects.count()) == (plans, goals)


@pytest.mark.django_db
def test_the_probes_bare_string_creates_no_plan_and_says_why_in_swedish(
    client, personas, staff_token
):
    response = _raw(
        client, "post", "/organisations/org-a/plans", '"hello world"', staff_token, "sv"
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"body": ["Detta måste vara ett JSON-objekt."]}
    assert not ActionPlan.objects.filter(title__iexact="hello world").exists()


# NUL characters: the forms refuse them; PostgreSQL cannot store or compare them.


@pytest.mark.django_db
@pytest.mark.parametrize("title", ["\x00abc", "abc\x00"])
def test_a_null_character_in_a_body_text_is_refused_on_its_field(api_as, title):
    plans = ActionPlan.objects.count()
    response = api_as("editor").post("/organisations/org-a/plans", {"title": title})
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"title": ["Null characters are not allowed."]}
    assert ActionPlan.objects.count() == plans


@pytest.mark.django_db
def test_null_characters_are_refused_in_every_kind_of_text(api_as, personas):
    editor = api_as("editor")
    objects = personas.objects
    plan = f"/organisations/org-a/plans/{objects['plan']}"
    lock = ActionPlan.objects.get(pk=objects["plan"]).lock_version
    cases = [
        # A PATCH, an optional text, a text beside other fields.
        (editor.patch(plan, {"lock_version": lock, "purpose": "a\x00"}), "purpose"),
        (editor.post(plan + "/goals", {"title": "Mål", "description": "\x00"}), "description"),
        # The keys and values of a free-form object.
        (
            editor.post(
                f"/organisations/org-a/documents/{objects['document']}/items/"
                f"{objects['item']}/accept",
                {"lock_version": 1, "corrections": {"paragraph": "§\x00"}},
            ),
            "corrections",
        ),
        (
            editor.post(
                f"/organisations/org-a/documents/{objects['document']}/items/"
                f"{objects['item']}/accept",
                {"lock_version": 1, "corrections": {"para\x00graph": "§ 1"}},
            ),
            "corrections",
        ),
        # Query strings and the path.
        (editor.get("/practices", q="a\x00"), "q"),
        (editor.get("/organisations", q="\x00"), "q"),
        (editor.get("/organisations/org-a/plans", cursor="\x00"), "cursor"),
        (editor.get("/organisations/%00/plans"), "slug"),
        (editor.get(f"/networks/{objects['network']}/bodies/%00/seats"), "body_slug"),
    ]
    assert ActionPlan.objects.get(pk=objects["plan"]).purpose != "a\x00"
    for response, field in cases:
        assert response.status_code == 422, (field, response.content[:300])
        assert response.json()["error"]["fields"] == {field: ["Null characters are not allowed."]}


@pytest.mark.django_db
def test_the_null_character_message_is_swedish_for_swedish_clients(api_as):
    response = api_as("editor").post(
        "/organisations/org-a/plans", {"title": "\x00"}, headers={"Accept-Language": "sv"}
    )
    assert response.json()["error"]["fields"] == {"title": ["Null-tecken är inte tillåtna."]}


# Whole numbers beyond a 64-bit integer: SQLite raised OverflowError in a filter.

RANGE = f"Enter a whole number from {MIN_INTEGER} to {MAX_INTEGER}."


@pytest.mark.django_db
@pytest.mark.parametrize("value", [BIG, "-" + BIG, str(MAX_INTEGER + 1), str(MIN_INTEGER - 1)])
def test_an_integer_filter_beyond_64_bits_is_refused(api_as, personas, value):
    api = api_as("editor")
    plan = personas.objects["plan"]
    for path, field in [
        (f"/organisations/org-a/plans/{plan}/activities", "goal"),
        ("/organisations/org-a/measurements", "indicator"),
    ]:
        response = api.get(path, **{field: value})
        assert response.status_code == 422, (path, response.content[:300])
        assert response.json()["error"]["fields"] == {field: [RANGE]}


@pytest.mark.django_db
@pytest.mark.parametrize("value", [MAX_INTEGER, MIN_INTEGER])
def test_an_integer_filter_at_the_limits_finds_nothing(api_as, personas, value):
    api = api_as("editor")
    plan = personas.objects["plan"]
    for path, field in [
        (f"/organisations/org-a/plans/{plan}/activities", "goal"),
        ("/organisations/org-a/measurements", "indicator"),
    ]:
        response = api.get(path, **{field: str(value)})
        assert response.status_code == 200, (path, response.content[:300])
        assert response.json()["items"] == []


@pytest.mark.django_db
def test_an_integer_beyond_64_bits_in_a_body_is_refused_on_its_field(api_as, personas):
    editor = api_as("editor")
    objects = personas.objects
    plan = f"/organisations/org-a/plans/{objects['plan']}"
    item = f"/organisations/org-a/documents/{objects['document']}/items/{objects['item']}"
    cases = [
        (editor.patch(plan, {"lock_version": int(BIG)}), "lock_version"),
        (editor.post(plan + "/activities", {"title": "Insats", "goal": int(BIG)}), "goal"),
        (
            editor.post(
                "/organisations/org-a/measurements",
                {"indicator": int(BIG), "period": "2025", "gender": "men", "value": 7},
            ),
            "indicator",
        ),
        (editor.post(item + "/accept", {"lock_version": 1, "plan": -int(BIG)}), "plan"),
        (
            editor.post(item + "/accept", {"lock_version": 1, "corrections": {"x": int(BIG)}}),
            "corrections",
        ),
    ]
    for response, field in cases:
        assert response.status_code == 422, (field, response.content[:300])
        assert response.json()["error"]["fields"] == {field: [RANGE]}


@pytest.mark.django_db
def test_an_oversized_id_in_the_path_is_still_not_found(api_as):
    response = api_as("editor").get(f"/organisations/org-a/plans/{BIG}")
    assert response.status_code == 404


# Cursors are opaque, but a forged one is decoded: it must not carry what the database refuses.


def _cursor(ordering, value, pk):
    raw = json.dumps([ordering, value, pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ordering", "value", "pk"),
    [("title", "a\x00", 1), ("id", "1", int(BIG)), ("id", "1", MAX_INTEGER + 1)],
)
def test_a_forged_cursor_is_refused(api_as, ordering, value, pk):
    response = api_as("editor").get(
        "/organisations/org-a/plans", cursor=_cursor(ordering, value, pk), ordering=ordering
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_cursor"


def test_the_base_refuses_only_what_it_must():
    class Probe(Input):
        text: str = ""
        number: int = 0
        flag: bool = False
        texts: list[str] = []

    kept = {"text": "tab\tline\nemoji 😀", "number": MAX_INTEGER, "flag": True, "texts": ["a"]}
    assert Probe.model_validate(kept).model_dump() == kept
    assert Probe.model_validate({"number": MIN_INTEGER}).number == MIN_INTEGER
    for bad in ({"texts": ["ok", "\x00"]}, {"number": MAX_INTEGER + 1}, "text"):
        with pytest.raises(ValidationError):
            Probe.model_validate(bad)

"""schemathesis against the API's own OpenAPI document, in-process through the WSGI app:
bounded examples per operation, with a read-write editor token, and never a server error,
an undocumented status, or a body that does not match its schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from equalocal.api.services import api_token_create
from equalocal.config.wsgi import application
from equalocal.organisations.models import Role
from tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    GoalFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

EXAMPLES_PER_OPERATION = 12


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests through the WSGI app close old connections when they start and finish, which
    on PostgreSQL would close the test's own connection inside its transaction; Django's test
    client switches this off in the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def editor_token(db):
    """An editor of an organisation with a plan, a goal and an activity to find."""
    organisation = OrganisationFactory(slug="fuzz")
    user = UserFactory()
    MembershipFactory(user=user, organisation=organisation, role=Role.EDITOR)
    ActivityFactory(goal=GoalFactory(plan=ActionPlanFactory(organisation=organisation)))
    return api_token_create(user=user, name="fuzz", can_write=True)[1]


# Read from the app itself (the snapshot test keeps the committed file equal to it). The
# coverage phase (every boundary of every parameter) is left to runs by hand: it takes
# minutes where the generated examples take seconds.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.phases.coverage.enabled = False


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_answers_within_its_contract(case, editor_token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {editor_token}"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )

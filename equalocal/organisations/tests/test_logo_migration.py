"""The data migration that moves logos out of the private storage."""

import importlib

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages

from equalocal.organisations.models import Organisation
from tests.factories import OrganisationFactory
from tests.personas import tiny_png

migration = importlib.import_module(
    "equalocal.organisations.migrations.0003_logos_in_public_storage"
)


@pytest.mark.django_db
def test_logos_move_from_the_private_to_the_public_storage():
    organisation = OrganisationFactory()
    old = default_storage.save("logos/umea.png", ContentFile(tiny_png()))
    Organisation.objects.filter(pk=organisation.pk).update(logo=old)
    without = OrganisationFactory()

    migration.logos_to_public_storage(apps, None)

    organisation.refresh_from_db()
    assert not default_storage.exists(old)
    assert storages["public"].exists(organisation.logo.name)
    with storages["public"].open(organisation.logo.name) as handle:
        assert handle.read() == tiny_png()
    without.refresh_from_db()
    assert not without.logo

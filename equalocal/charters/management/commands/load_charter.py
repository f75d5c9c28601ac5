from django.apps import apps
from django.core.management.base import BaseCommand

from equalocal.charters.reference import load_reference


class Command(BaseCommand):
    help = "Load or refresh the Charter texts (2006 and 2022) with principles and articles."

    def handle(self, *args, **options):
        counts = load_reference(apps)
        self.stdout.write(
            "Charter: {texts} texts, {principles} principles, {sections} sections, "
            "{articles} articles.".format(**counts)
        )

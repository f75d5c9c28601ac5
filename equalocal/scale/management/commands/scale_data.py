"""``equalocal scale-data``: a national-scale data set, reproducible from a seed."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from equalocal.core.errors import ApplicationError
from equalocal.core.progress import ProgressBar
from equalocal.scale.generate import scale_data_generate
from equalocal.scale.run import Spec


class _Stages:
    """One progress bar per part of the data, each drawn as it moves."""

    def __init__(self, stream):
        self.stream = stream
        self.bar = None
        self.label = ""

    def __call__(self, label: str, done: int, total: int) -> None:
        if label != self.label:
            if self.bar is not None:
                self.bar.close()
            self.bar, self.label = ProgressBar(self.stream, total), label
        self.bar.show(done, label)

    def close(self):
        if self.bar is not None:
            self.bar.close()


class Command(BaseCommand):
    help = (
        "Fill an empty database with a national-scale data set (organisations in networks, "
        "commitments, plans, figures, documents, library, reports), reproducible from --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--orgs", type=int, default=2000, help="organisations (networks incl.)")
        parser.add_argument("--activities", type=int, default=100_000, help="plan activities")
        parser.add_argument("--measurements", type=int, default=2_000_000, help="figures")
        parser.add_argument("--documents", type=int, default=100_000, help="extracted documents")
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same data")
        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="the day the data is built around (YYYY-MM-DD); default: today",
        )
        parser.add_argument(
            "--showcase-json", default="", help="also write the showcase objects to this file"
        )

    def handle(self, *args, **options):
        for name in ("orgs", "activities", "measurements", "documents"):
            if options[name] < 0:
                raise CommandError(f"--{name} cannot be negative.")
        spec = Spec(
            organisations=options["orgs"],
            activities=options["activities"],
            measurements=options["measurements"],
            documents=options["documents"],
            seed=options["seed"],
            today=options["today"],
        )
        stages = _Stages(self.stderr)
        start = time.perf_counter()
        try:
            showcase = scale_data_generate(spec=spec, progress=stages)
        except ApplicationError as error:
            raise CommandError(error.message) from None
        finally:
            stages.close()
        seconds = time.perf_counter() - start
        urls = _urls(showcase)
        self.stdout.write(self.style.SUCCESS(f"Scale data made in {seconds:.0f} s."))
        self.stdout.write(
            f"network of {showcase.network_members} members: {showcase.network}  {urls['network']}"
        )
        self.stdout.write(
            f"scorecard {showcase.scorecard_indicators} × {showcase.scorecard_members}: "
            f"{showcase.scorecard_network} #{showcase.scorecard_id}  {urls['scorecard']}"
        )
        self.stdout.write(
            f"plan of {showcase.plan_activities} activities: {showcase.municipality} "
            f"#{showcase.plan_id}  {urls['plan']}"
        )
        self.stdout.write(
            f"sign in as {showcase.admin_email} (admin of {showcase.municipality}), "
            f"{showcase.coordinator_email} (admin of both networks) or {showcase.viewer_email} "
            f"(viewer in {showcase.other_municipality}); password {showcase.password}"
        )
        if options["showcase_json"]:
            data = {**showcase.__dict__, "urls": urls, "seconds": round(seconds, 1)}
            Path(options["showcase_json"]).write_text(json.dumps(data, indent=2), "utf-8")


def _urls(showcase) -> dict[str, str]:
    urls = {
        "network": reverse("networks:dashboard", kwargs={"org": showcase.network}),
        "scorecard": reverse(
            "indicators:scorecard",
            kwargs={"org": showcase.scorecard_network, "scorecard": showcase.scorecard_id},
        ),
        "plan": "",
    }
    if showcase.plan_id:
        urls["plan"] = reverse(
            "plans:detail", kwargs={"org": showcase.municipality, "plan": showcase.plan_id}
        )
    return urls

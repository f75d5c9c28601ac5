"""Demo data: each app may have a ``demo`` module with ``load(context)``.

The ``demo`` command runs them in the order of INSTALLED_APPS, so later apps
(plans, networks, …) build on the organisations and people loaded before them.
Each ``load`` must be idempotent: running the demo twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps

# Printed on purpose by `make run`: it protects only the demo accounts.
DEMO_PASSWORD = "equalocal-demo"


@dataclass
class DemoContext:
    """Shared between the apps' loaders: what was created, by key, and a log."""

    objects: dict = field(default_factory=dict)
    log: list[str] = field(default_factory=list)


def demo_modules():
    for config in apps.get_app_configs():
        if not config.name.startswith("equalocal."):
            continue
        name = f"{config.name}.demo"
        if name != __name__ and find_spec(name) is not None:
            yield import_module(name)


def load_demo() -> DemoContext:
    context = DemoContext()
    for module in demo_modules():
        module.load(context)
    return context

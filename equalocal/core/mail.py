"""E-mails from templates, in the recipient's language."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_email(*, template: str, to: str, context: dict, language: str) -> None:
    """Send an e-mail from ``<template>-subject.txt``, ``-body.txt`` and ``-body.html``."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}-subject.txt", context).split())
        text = render_to_string(f"{template}-body.txt", context)
        html = render_to_string(f"{template}-body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()

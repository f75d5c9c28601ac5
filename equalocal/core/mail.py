"""E-mails from templates, in the recipient's language."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.utils import timezone, translation


def send_templated_email(*, template: str, to: str, context: dict, language: str) -> None:
    """Send an e-mail from ``<template>-subject.txt``, ``-body.txt`` and ``-body.html``."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}-subject.txt", context).split())
        text = render_to_string(f"{template}-body.txt", context)
        html = render_to_string(f"{template}-body.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()


class FolderEmailBackend(BaseEmailBackend):
    """Local development: each e-mail becomes a file under ``file_path`` and one printed line.

    The line names the recipient and subject and links to a readable copy (the HTML part when
    there is one), so the terminal keeps the demo sign-ins on screen.
    """

    def __init__(self, *, file_path: str | None = None, stream=None, **kwargs):
        super().__init__(**kwargs)
        self.folder = Path(file_path or Path(settings.BASE_DIR) / "var" / "mail")
        self.stream = stream or sys.stdout

    def send_messages(self, email_messages) -> int:
        self.folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            stem = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}"
            eml = self.folder / f"{stem}.eml"
            eml.write_bytes(message.message().as_bytes())
            readable = eml
            for content, mimetype in getattr(message, "alternatives", []) or []:
                if mimetype == "text/html":
                    readable = self.folder / f"{stem}.html"
                    readable.write_text(content, encoding="utf-8")
                    break
            recipients = ", ".join(message.recipients())
            self.stream.write(
                f"e-mail to {recipients}: {message.subject} → {readable.resolve().as_uri()}\n"
            )
            self.stream.flush()
            sent += 1
        return sent

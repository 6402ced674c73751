"""Email by SMTP: messages in plain text and HTML built from the templates in ``mail_templates/``.

A template pair is ``<name>.txt`` (first line ``Subject: ...``, a blank line, then the body) and
``<name>.html`` (the body only). Placeholders are ``${name}``; values are escaped in the HTML part.
Links always point at this instance's configured public URL, never at a host a request named
(a forged Host header must not put an attacker's address into a reset email).
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from html import escape
from importlib import resources
from string import Template
from urllib.parse import urlencode

from assistant.errors import UserFacingError
from assistant.settings import Settings
from db.signup import checked_email

SEND_TIMEOUT_S = 20.0
logger = logging.getLogger(__name__)


class MailError(UserFacingError):
    """The email could not be sent; the message says what to do."""


def public_link(settings: Settings, path: str, **query: str) -> str:
    base = (settings.public_url or f"http://{settings.host}:{settings.port}").rstrip("/")
    return f"{base}{path}" + (f"?{urlencode(query)}" if query else "")


def _template(name: str) -> str:
    return resources.files("assistant").joinpath("mail_templates", name).read_text("utf-8")


def build_message(settings: Settings, to: str, template: str, **values: str) -> EmailMessage:
    """The message for ``template`` with ``values`` filled in; a missing value is a bug.

    ``to`` must be exactly one plain address: whatever accepted it (or an address stored before
    addresses were checked this strictly), a list or a header-breaking string never reaches the
    mail server.
    """
    if checked_email(to) is None:
        raise MailError(
            "The email address is not one valid address, so nothing was sent. Correct the "
            "address and try again."
        )
    text = Template(_template(f"{template}.txt")).substitute(values)
    subject_line, _, body = text.partition("\n\n")
    if not subject_line.startswith("Subject: "):
        raise ValueError(f"mail template {template}.txt must start with 'Subject: '")
    html = Template(_template(f"{template}.html")).substitute(
        {key: escape(value, quote=True) for key, value in values.items()}
    )
    message = EmailMessage()
    message["Subject"] = subject_line.removeprefix("Subject: ").strip()
    message["From"] = settings.mail_from or ""
    message["To"] = to
    message["Message-ID"] = make_msgid(domain=(settings.mail_from or "tailor").rpartition("@")[2])
    message.set_content(body)
    message.add_alternative(
        f"<!doctype html><html><body style='font-family:sans-serif'>{html}</body></html>",
        subtype="html",
    )
    return message


def _deliver(settings: Settings, message: EmailMessage) -> None:
    host, port = settings.smtp_host or "", settings.smtp_port
    client: smtplib.SMTP
    if settings.smtp_tls == "ssl":
        client = smtplib.SMTP_SSL(
            host, port, timeout=SEND_TIMEOUT_S, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(host, port, timeout=SEND_TIMEOUT_S)
    with client:
        if settings.smtp_tls == "starttls":
            client.starttls(context=ssl.create_default_context())
        if settings.smtp_user:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            client.login(settings.smtp_user, password)
        client.send_message(message)


async def send_mail(settings: Settings, to: str, template: str, **values: str) -> None:
    """Send one templated message; MailError when the mail server cannot be reached or refuses."""
    if not settings.mail_enabled:
        # Callers hide email features when mail is off; reaching here is a bug.
        raise RuntimeError("send_mail called without TAILOR_SMTP_HOST and TAILOR_MAIL_FROM")
    message = build_message(settings, to, template, **values)
    try:
        await asyncio.to_thread(_deliver, settings, message)
    except (smtplib.SMTPException, OSError) as error:
        # The details are for the administrator's log, not for a public page.
        logger.warning("Sending mail failed: %s: %s", type(error).__name__, error)
        raise MailError(
            "The email could not be sent just now. Try again in a few minutes; if it keeps "
            "failing, tell the administrator."
        ) from error

"""Email through a real SMTP server on loopback: both parts, escaping, links, a refused server."""

from __future__ import annotations

import pytest
from support.mailbox import Mailbox, html_part, link_in, text_part

from core.mail import MailError, public_link, send_mail
from core.settings import Settings


def settings_for(box: Mailbox, **extra: object) -> Settings:
    return Settings(
        smtp_host="127.0.0.1",
        smtp_port=box.port,
        smtp_tls="none",
        mail_from="tailor@example.org",
        public_url="https://tailor.example.org/",
        **extra,
    )


async def test_reset_mail_arrives_in_text_and_html_with_the_instance_link():
    with Mailbox() as box:
        settings = settings_for(box)
        link = public_link(settings, "/account/reset", token="abc-123")
        await send_mail(settings, "ann@example.org", "reset", username="<ann>", link=link)
        (message,) = box.wait("ann@example.org")
    assert message["Subject"] == "Choose a new Tailor password"
    assert message["From"] == "tailor@example.org"
    assert link_in(message) == "https://tailor.example.org/account/reset?token=abc-123"
    assert "Hello <ann>," in text_part(message)
    html = html_part(message)
    assert "&lt;ann&gt;" in html and "<ann>" not in html, "names are escaped in HTML"
    assert 'href="https://tailor.example.org/account/reset?token=abc-123"' in html


async def test_every_template_fills_in():
    with Mailbox() as box:
        settings = settings_for(box)
        for template in ("verify", "reset", "approved"):
            await send_mail(settings, "bo@example.org", template, username="bo", link="https://x.example/")
        subjects = [m["Subject"] for m in box.wait("bo@example.org", 3)]
    assert subjects == [
        "Confirm your email address for Tailor",
        "Choose a new Tailor password",
        "Your Tailor account is ready",
    ]


async def test_unreachable_mail_server_is_a_clear_error():
    with Mailbox() as box:
        port = box.port
    # The server is stopped now: nothing listens on that port.
    settings = Settings(
        smtp_host="127.0.0.1", smtp_port=port, smtp_tls="none", mail_from="tailor@example.org"
    )
    with pytest.raises(MailError, match="could not be sent just now. Try again"):
        await send_mail(settings, "cy@example.org", "verify", username="cy", link="https://x/")


def test_mail_features_need_a_host_and_a_sender():
    assert not Settings().mail_enabled
    assert not Settings(signup="open").signup_enabled, "sign-up needs email"
    on = Settings(signup="open", smtp_host="mail.example.org", mail_from="t@example.org")
    assert on.mail_enabled and on.signup_enabled
    assert not Settings(smtp_host="mail.example.org", mail_from="t@example.org").signup_enabled


def test_the_smtp_password_is_never_shown_in_the_configuration():
    settings = Settings(smtp_host="mail.example.org", smtp_password="hunter2-very-secret")
    shown = settings.describe()
    assert shown["smtp_password"] == "(set)"
    assert "hunter2-very-secret" not in repr(settings) + str(shown)

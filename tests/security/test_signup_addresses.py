"""E-mail addresses: exactly one plain address wherever one is accepted, and `/signup` tells
nobody which addresses or usernames exist.

Matrices: every hostile address form against the sign-up form (the only place a person enters an
address) and against the mailer itself (the last gate before SMTP); and every combination of a
new or used username with a new or used address against the sign-up page, whose answers must be
identical while the email to the address says what happened.
"""

from __future__ import annotations

import pytest
from e2e.client import create_first_admin
from e2e.fixtures import ADMIN
from e2e.test_self_service import PUBLIC, mailbox, sign_up  # noqa: F401 (a fixture)
from pydantic import SecretStr
from support.mailbox import text_part

from assistant.mail import MailError, build_message
from assistant.settings import Settings
from db.accounts import create_account
from db.signup import EMAIL_RULE, checked_email

HOSTILE = [
    "victim@example.org,attacker",  # two recipients
    "victim@example.org, attacker@example.net",
    "victim@example.org;attacker@example.net",
    "<script>@x.org",
    "![x](http://127.0.0.1:9/?d=1)@x.org",
    '"Victim" <victim@example.org>',  # a display name
    "victim@example.org\r\nBcc: attacker@example.net",  # header injection
    '"a b"@example.org',  # quoted local part
    "victim@[127.0.0.1]",  # a domain literal
    "victim@localhost",
    "victim@example.org>",
    "",
]
PASSWORD = "lantern orchard violin"


@pytest.mark.parametrize("address", HOSTILE)
def test_the_validator_and_the_mailer_refuse_every_hostile_form(address: str) -> None:
    assert checked_email(address) is None
    settings = Settings(smtp_host="127.0.0.1", mail_from="tailor@example.org",
                        encryption_keys=SecretStr("x" * 44))
    with pytest.raises(MailError):
        build_message(settings, address, "verify", username="carol", link="https://x.example")
    assert checked_email(" Carol@Example.org ") == "carol@example.org"


@pytest.mark.e2e
@pytest.mark.timeout(120)
async def test_signup_refuses_hostile_addresses_and_sends_nothing(start_server, mailbox):  # noqa: F811
    base = start_server(TAILOR_SIGNUP="open", TAILOR_PUBLIC_URL=PUBLIC,
                        **mailbox.environment()).base_url
    create_first_admin(base, *ADMIN)
    for number, address in enumerate(HOSTILE):
        answer = sign_up(base, f"person{number}", address, PASSWORD)
        assert answer.status_code == 400 and EMAIL_RULE in answer.text, address
    assert mailbox.everything() == []


@pytest.mark.e2e
@pytest.mark.timeout(120)
async def test_signup_answers_the_same_for_new_and_used_names_and_addresses(
    start_server, in_database, mailbox  # noqa: F811
):
    base = start_server(TAILOR_SIGNUP="open", TAILOR_PUBLIC_URL=PUBLIC,
                        **mailbox.environment()).base_url
    create_first_admin(base, *ADMIN)

    async def owner(session) -> None:
        account = await create_account(session, "owner", PASSWORD)
        account.email = "owner@example.org"
        await session.flush()

    await in_database(owner)
    # (username, address, the subject of the one email the address gets)
    cases = [
        ("newcomer", "new1@example.org", "Confirm your email address for Tailor"),
        ("owner", "new2@example.org", "Choose another username for Tailor"),
        ("stranger", "owner@example.org", "Someone tried to sign up to Tailor with your address"),
        ("owner", "Owner@Example.org", "Someone tried to sign up to Tailor with your address"),
    ]
    pages = []
    for number, (username, address, subject) in enumerate(cases):
        answer = sign_up(base, username, address, PASSWORD)
        key = address.casefold()
        pages.append((answer.status_code, answer.text.replace(key, "<address>")))
        mails = mailbox.wait(key, 1 + (number == 3))
        assert mails[-1]["Subject"] == subject, (username, address)
    assert len(set(pages)) == 1, pages
    assert pages[0][0] == 200
    exists = text_part(mailbox.to("owner@example.org")[0])
    assert "already uses" in exists and f"{PUBLIC}/account/forgot" in exists
    assert "is already taken" in text_part(mailbox.to("new2@example.org")[0])

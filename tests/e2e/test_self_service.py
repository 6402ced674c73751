"""Self-service accounts against a real server and a real SMTP server on loopback.

Sign up -> email -> link -> signed in; reset -> email -> link -> new password -> old sessions
cut off; expired, reused and tampered links refused with a clear page; the approval flow; and
nothing of it offered unless switched on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from sqlalchemy import update
from support.mailbox import Mailbox, html_part, link_in, text_part
from support.markdown_shown import as_read

from assistant.auth import SESSION_ENDED
from db.accounts import create_account
from db.models import LinkToken
from e2e.client import (
    HTML,
    ChatClient,
    create_first_admin,
    http,
    login,
    login_token,
    send_confirmed,
)
from e2e.fixtures import ADMIN

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

PUBLIC = "https://tailor.example.org"
CAROL = ("carol", "carol@example.org", "lantern orchard violin")
SAME_ANSWER = "If an account uses this address, we have sent it a link"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with Mailbox() as box:
        yield box


def local(link: str) -> str:
    """The path and query of an emailed link, to open it on the test server."""
    assert link.startswith(PUBLIC + "/"), f"links point at the public URL: {link}"
    parts = urlsplit(link)
    return f"{parts.path}?{parts.query}"


def token_of(link: str) -> str:
    return urlsplit(link).query.removeprefix("token=")


def sign_up(base: str, username: str, email: str, password: str, confirm: str | None = None):
    with http(base) as client:
        return client.post(
            "/signup",
            data={"username": username, "email": email, "password": password,
                  "password_confirm": password if confirm is None else confirm},
            headers={"Origin": base, **HTML},
        )


def post_form(base: str, path: str, data: dict[str, str]):
    with http(base) as client:
        return client.post(path, data=data, headers={"Origin": base, **HTML})


def offered(base: str) -> dict[str, bool]:
    with http(base) as client:
        return client.get("/auth/self-service").json()


async def test_open_sign_up_verifies_by_email_and_signs_in(start_server, mailbox):
    server = start_server(TAILOR_SIGNUP="open", TAILOR_PUBLIC_URL=PUBLIC, **mailbox.environment())
    base = server.base_url
    create_first_admin(base, *ADMIN)
    assert offered(base) == {"signup": True, "reset": True}

    mismatch = sign_up(base, "carol", CAROL[1], CAROL[2], "something else entirely")
    assert mismatch.status_code == 400 and "The two passwords are not the same." in mismatch.text
    assert mailbox.to(CAROL[1]) == [], "nothing is sent for a refused form"

    asked = sign_up(base, *CAROL)
    assert asked.status_code == 200 and "Check your email" in asked.text
    (message,) = mailbox.wait(CAROL[1])
    assert message["Subject"] == "Confirm your email address for Tailor"
    link = link_in(message)
    assert link in html_part(message) and "Hello carol" in text_part(message)
    assert login(base, CAROL[0], CAROL[2]).status_code == 401, "no sign-in before verifying"

    # The same address again: the page cannot tell; the email tells its owner.
    again = sign_up(base, "carol2", "Carol@Example.org", CAROL[2])
    assert again.status_code == 200 and again.text == asked.text
    explained = mailbox.wait(CAROL[1], 2)[1]
    assert explained["Subject"] == "Someone tried to sign up to Tailor with your address"

    with http(base) as client:
        page = client.get(local(link), headers=HTML)
        assert page.status_code == 200 and "carol@example.org" in page.text
        tampered = client.get(local(link)[:-2] + "xx", headers=HTML)
        assert tampered.status_code == 400 and "This link does not work" in tampered.text

    confirmed = post_form(base, "/account/verify", {"token": token_of(link)})
    assert (confirmed.status_code, confirmed.headers["location"]) == (303, "/")
    token = confirmed.cookies["access_token"]
    with http(base, token) as client:
        assert client.get("/user").json()["identifier"] == "carol", "signed in by the link"
        assert client.get("/", headers=HTML).status_code == 200

    reused = post_form(base, "/account/verify", {"token": token_of(link)})
    assert reused.status_code == 410 and "This link was already used" in reused.text
    assert "access_token" not in reused.cookies
    assert login(base, CAROL[0], CAROL[2]).status_code == 200, "the password works from now on"


async def test_reset_by_email_ends_old_sessions(start_server, in_database, mailbox):
    server = start_server(TAILOR_PUBLIC_URL=PUBLIC, **mailbox.environment())
    base = server.base_url
    create_first_admin(base, *ADMIN)
    assert offered(base) == {"signup": False, "reset": True}, "reset needs only email"
    with http(base) as client:
        assert client.get("/signup", headers=HTML).status_code == 404

    async def add_carol(session):
        account = await create_account(session, CAROL[0], CAROL[2])
        account.email = CAROL[1]

    await in_database(add_carol)
    old_token = login_token(base, CAROL[0], CAROL[2])
    chat = ChatClient(base, old_token)
    await chat.connect()

    known = post_form(base, "/account/forgot", {"email": "CAROL@example.org"})
    unknown = post_form(base, "/account/forgot", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert known.text == unknown.text and SAME_ANSWER in known.text
    (message,) = mailbox.wait(CAROL[1])
    assert message["Subject"] == "Choose a new Tailor password"
    link = link_in(message)

    with http(base) as client:
        form = client.get(local(link), headers=HTML)
    assert form.status_code == 200 and "Choose a new password" in form.text
    weak = post_form(base, "/account/reset", {"token": token_of(link), "new_password": "short",
                                              "new_password_confirm": "short"})
    assert weak.status_code == 400 and "Password rule not met" in weak.text
    new_password = "copper meadow sailboat"
    done = post_form(base, "/account/reset", {"token": token_of(link),
                                              "new_password": new_password,
                                              "new_password_confirm": new_password})
    assert (done.status_code, done.headers["location"]) == (303, "/"), done.text
    new_token = done.cookies["access_token"]

    assert await chat.send("Are you still there?") == [SESSION_ENDED], "old chat is cut off"
    await chat.close()
    with http(base, old_token) as client:
        threads = client.post("/project/threads", json={"pagination": {"first": 5}, "filter": {}})
        assert (threads.status_code, threads.json()["detail"]) == (401, SESSION_ENDED)
    with http(base, new_token) as client:
        assert client.get("/user").json()["identifier"] == "carol"
    assert login(base, CAROL[0], CAROL[2]).status_code == 401
    assert login(base, CAROL[0], new_password).status_code == 200

    reused = post_form(base, "/account/reset", {"token": token_of(link),
                                                "new_password": "yet another passphrase",
                                                "new_password_confirm": "yet another passphrase"})
    assert reused.status_code == 410 and "This link was already used" in reused.text

    # An hour later the newest link has expired.
    post_form(base, "/account/forgot", {"email": CAROL[1]})
    late_link = link_in(mailbox.wait(CAROL[1], 2)[1])

    async def an_hour_passes(session):
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        await session.execute(update(LinkToken).values(expires_at=past))

    await in_database(an_hour_passes)
    with http(base) as client:
        expired = client.get(local(late_link), headers=HTML)
    assert expired.status_code == 410 and "This link has expired" in expired.text
    assert "Ask for a new link" in expired.text


async def test_reset_requests_are_rate_limited_per_address_and_per_client(
    start_server, in_database, mailbox
):
    server = start_server(TAILOR_PUBLIC_URL=PUBLIC, **mailbox.environment())
    base = server.base_url
    create_first_admin(base, *ADMIN)

    async def add_carol(session):
        (await create_account(session, CAROL[0], CAROL[2])).email = CAROL[1]

    await in_database(add_carol)
    answers = [post_form(base, "/account/forgot", {"email": CAROL[1]}) for _ in range(4)]
    assert {(a.status_code, a.text) for a in answers} == {(200, answers[0].text)}, (
        "a flooded address gets the same answer"
    )
    assert len(mailbox.wait(CAROL[1], 3)) == 3
    for n in range(6):
        post_form(base, "/account/forgot", {"email": f"someone{n}@example.org"})
    refused = post_form(base, "/account/forgot", {"email": "one-more@example.org"})
    assert refused.status_code == 429 and "Too many reset requests" in refused.text
    assert len(mailbox.to(CAROL[1])) == 3, "the fourth request sent nothing"


async def test_approval_sign_up_waits_for_an_administrator(start_server, mailbox):
    server = start_server(
        TAILOR_SIGNUP="approval", TAILOR_PUBLIC_URL=PUBLIC, **mailbox.environment()
    )
    base = server.base_url
    create_first_admin(base, *ADMIN)
    with http(base) as client:
        assert "An administrator approves new accounts" in client.get("/signup").text

    assert sign_up(base, *CAROL).status_code == 200
    link = link_in(mailbox.wait(CAROL[1])[0])
    confirmed = post_form(base, "/account/verify", {"token": token_of(link)})
    assert confirmed.status_code == 200 and "An administrator now looks at your request" in (
        confirmed.text
    )
    assert "access_token" not in confirmed.cookies
    assert login(base, CAROL[0], CAROL[2]).status_code == 401, "not before approval"

    admin = ChatClient(base, login_token(base, *ADMIN))
    await admin.connect()
    (listed,) = await admin.send("/approve")
    assert "**carol** (carol@example.org)" in as_read(listed)
    (unknown,) = await admin.send("/approve mallory")
    assert "There is no account named 'mallory'" in unknown
    (approved,) = await send_confirmed(admin, "/approve carol")
    assert "Approved **carol**" in approved and "told by email" in approved
    (empty,) = await admin.send("/approve")
    await admin.close()
    assert empty == "No sign-ups are waiting for approval."

    ready = mailbox.wait(CAROL[1], 2)[1]
    assert ready["Subject"] == "Your Tailor account is ready"
    assert link_in(ready) == f"{PUBLIC}/login"
    assert login(base, CAROL[0], CAROL[2]).status_code == 200

    user = ChatClient(base, login_token(base, CAROL[0], CAROL[2]))
    await user.connect()
    (refused,) = await user.send("/approve carol")
    await user.close()
    assert refused.startswith("There is no command `/approve`")


def test_nothing_is_offered_by_default(start_server):
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    assert offered(base) == {"signup": False, "reset": False}
    with http(base) as client:
        for path in ("/signup", "/account/forgot", "/account/reset?token=x",
                     "/account/verify?token=x"):
            assert client.get(path, headers=HTML).status_code == 404, path
    assert post_form(base, "/account/forgot", {"email": "a@example.org"}).status_code == 404
    with http(base) as client:
        script = client.get("/public/self-service.js")
    assert script.status_code == 200 and "/auth/self-service" in script.text

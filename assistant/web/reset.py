"""``/account/forgot`` and ``/account/reset``: a forgotten password, reset by an emailed link.

Asking for a link answers the same whether or not an account has the address, and the email is
sent after the answer so the response time does not tell either. Requests are limited per
address (more would only flood someone's inbox) and per client (probing many addresses).
Choosing the new password uses the link up, ends every other session and signs this browser in.
Only offered when email is configured; otherwise an administrator resets passwords.
"""

from __future__ import annotations

import asyncio
import logging
from html import escape

from chainlit.auth import set_auth_cookie
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from assistant import runtime
from assistant.auth import issue_token
from assistant.web import pages
from assistant.web.links import client_address, not_offered, refusal_page
from core.addresses import normalize_email
from core.mail import MailError, public_link, send_mail
from core.passwords import PASSWORD_RULES, password_problems
from core.settings import Settings
from db import mail_rate
from db.accounts import AccountError, replace_password
from db.signup import account_by_email
from db.tokens import RESET, LinkRefusal, check_link_token, issue_link_token, use_link_token

router = APIRouter()
FORGOT_PATH = "/account/forgot"
RESET_PATH = "/account/reset"
RESETS_PER_ADDRESS = 3
RESETS_PER_CLIENT = 10
SENT = (
    "If an account uses this address, we have sent it a link to choose a new password. The "
    "link works for 1 hour. No email after a few minutes? Check the address and your spam "
    "folder."
)
TOO_MANY = (
    "Too many reset requests came from your network in the last hour. Wait an hour and try "
    "again, or ask an administrator to reset your password."
)
logger = logging.getLogger(__name__)
# Sends still running; kept so they are not garbage-collected halfway.
_sending: set[asyncio.Task[None]] = set()


def _ask_form(email: str = "", problems: list[str] | None = None, status_code: int = 200):
    body = (
        "<h1>Forgot your password?</h1>"
        "<p>Enter the email address of your account and we send you a link to choose a new "
        "password.</p>"
        + pages.problem_list(problems or [])
        + f"<form method='post' action='{FORGOT_PATH}'>"
        + pages.field("email", "Email address", kind="email", value=email, auto="email")
        + "<button type='submit'>Send me a link</button></form>"
        + "<p><a href='/login'>Back to sign in</a></p>"
    )
    return pages.page("Forgot your password", body, status_code=status_code)


@router.get(FORGOT_PATH)
async def forgot_page() -> Response:
    if not runtime.settings().mail_enabled:
        return not_offered()
    return _ask_form()


@router.post(FORGOT_PATH)
async def forgot_submit(request: Request) -> Response:
    settings = runtime.settings()
    if not settings.mail_enabled:
        return not_offered()
    if not pages.is_same_origin(request):
        return pages.cross_site_refusal()
    email = normalize_email(str((await request.form()).get("email", "")))
    async with runtime.session_scope() as session:
        client_key = f"reset-client:{client_address(request)}"
        if await mail_rate.take(session, {client_key: RESETS_PER_CLIENT}):
            return _ask_form(email, [TOO_MANY], status_code=429)
    async with runtime.session_scope() as session:
        flooded = await mail_rate.take(session, {f"reset-address:{email}": RESETS_PER_ADDRESS})
        account = None if flooded else await account_by_email(session, email)
        token = None
        if account is not None and account.is_active:
            token = await issue_link_token(session, account, RESET)
            to, username = account.email or "", account.username
    if token is not None:
        task = asyncio.create_task(_send(settings, to, username, token))
        _sending.add(task)
        task.add_done_callback(_sending.discard)
    body = f"<h1>Check your email</h1><p class='notice'>{escape(SENT)}</p>"
    return pages.page("Check your email", body)


async def _send(settings: Settings, to: str, username: str, token: str) -> None:
    link = public_link(settings, RESET_PATH, token=token)
    try:
        await send_mail(settings, to, "reset", username=username, link=link)
    except MailError:
        # Already logged with the server's reason; the page could not say anything different.
        logger.warning("A password reset email was not sent.")


def _refused(refusal: LinkRefusal | None) -> Response:
    return refusal_page(
        refusal or LinkRefusal.UNKNOWN, again_path=FORGOT_PATH, again_label="Ask for a new link"
    )


def _new_password_form(token: str, username: str, problems: list[str] | None = None,
                       status_code: int = 200) -> Response:
    body = (
        "<h1>Choose a new password</h1>"
        f"<p>For the account <strong>{escape(username)}</strong>. This signs you out on every "
        "other device.</p>"
        + pages.problem_list(problems or [])
        + f"<form method='post' action='{RESET_PATH}'>"
        + f"<input type='hidden' name='token' value='{escape(token, quote=True)}'>"
        + pages.field("new_password", "New password", kind="password", auto="new-password")
        + pages.field("new_password_confirm", "New password again", kind="password",
                      auto="new-password")
        + pages.rule_list(PASSWORD_RULES)
        + "<button type='submit'>Set password and sign in</button></form>"
    )
    return pages.page("Choose a new password", body, status_code=status_code)


@router.get(RESET_PATH)
async def reset_page(token: str = "") -> Response:
    if not runtime.settings().mail_enabled:
        return not_offered()
    async with runtime.session_factory()() as session:
        check = await check_link_token(session, token, RESET)
    if check.account is None:
        return _refused(check.refusal)
    return _new_password_form(token, check.account.username)


@router.post(RESET_PATH)
async def reset_submit(request: Request) -> Response:
    if not runtime.settings().mail_enabled:
        return not_offered()
    if not pages.is_same_origin(request):
        return pages.cross_site_refusal()
    form = await request.form()
    token = str(form.get("token", ""))
    new = str(form.get("new_password", ""))
    try:
        async with runtime.session_scope() as session:
            # Checked before anything is used up, so a weak password keeps the link working.
            peek = await check_link_token(session, token, RESET)
            if peek.account is None:
                return _refused(peek.refusal)
            problems = [] if new == str(form.get("new_password_confirm", "")) else [
                "The two new passwords are not the same."
            ]
            problems += [
                f"Password rule not met: {rule}"
                for rule in password_problems(new, peek.account.username)
            ]
            if problems:
                return _new_password_form(token, peek.account.username, problems, 400)
            check = await use_link_token(session, token, RESET)
            if check.account is None:  # used by a parallel request a moment ago
                return _refused(check.refusal)
            await replace_password(session, check.account, new)
            account = check.account
    except AccountError as error:
        return _new_password_form(token, "", [str(error)], 400)
    response = RedirectResponse("/", status_code=303)
    set_auth_cookie(request, response, issue_token(account))
    return response

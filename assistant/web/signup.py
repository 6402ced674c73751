"""``/signup`` and ``/account/verify``: ask for an account, confirm the address by email.

Only offered when ``TAILOR_SIGNUP`` is not ``off`` and email is configured. The verification
link opens a page with one button rather than acting on the GET itself: mail scanners fetch
links in advance, and must not use them up. The page answers the same whether the address or the
username is new or already used, so it tells nobody which exist; the email to the address says
what happened (only its owner reads it).
"""

from __future__ import annotations

from html import escape

from chainlit.auth import set_auth_cookie
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from assistant import runtime
from assistant.auth import issue_token
from assistant.mail import MailError, public_link, send_mail
from assistant.passwords import PASSWORD_RULES, password_problems
from assistant.web import pages
from assistant.web.links import client_address, not_offered, refusal_page
from assistant.web.reset import FORGOT_PATH
from db import mail_rate
from db.accounts import AccountError
from db.signup import EMAIL_RULE, SignupTaken, checked_email, create_signup, finish_verification
from db.tokens import VERIFY, check_link_token, issue_link_token, use_link_token

router = APIRouter()
SIGNUP_PATH = "/signup"
VERIFY_PATH = "/account/verify"
# Sign-ups per client address per hour: enough for a classroom behind one address.
SIGNUPS_PER_CLIENT = 20
# Emails per address per hour, whether the address has an account or not: nobody can flood a
# stranger's inbox with sign-up emails.
SIGNUPS_PER_ADDRESS = 3
TOO_MANY = (
    "Too many sign-ups came from your network or for this address in the last hour. Wait an "
    "hour and try again, or ask an administrator to create your account."
)


def _form(values: dict[str, str], problems: list[str] | None = None, status_code: int = 200):
    approval = runtime.settings().signup == "approval"
    note = " An administrator approves new accounts after you confirm your address."
    note = note if approval else ""
    body = (
        "<h1>Create an account</h1>"
        f"<p>We send a link to your email address to confirm it.{escape(note)}</p>"
        + pages.problem_list(problems or [])
        + f"<form method='post' action='{SIGNUP_PATH}'>"
        + pages.field("username", "Username", value=values.get("username", ""), auto="username")
        + pages.field("email", "Email address", kind="email", value=values.get("email", ""),
                      auto="email")
        + pages.field("password", "Password", kind="password", auto="new-password")
        + pages.field("password_confirm", "Password again", kind="password", auto="new-password")
        + pages.rule_list(PASSWORD_RULES)
        + "<button type='submit'>Create account</button></form>"
        + "<p><a href='/login'>I already have an account</a></p>"
    )
    return pages.page("Create an account", body, status_code=status_code)


@router.get(SIGNUP_PATH)
async def signup_page() -> Response:
    if not runtime.settings().signup_enabled:
        return not_offered()
    return _form({})


@router.post(SIGNUP_PATH)
async def signup_submit(request: Request) -> Response:
    settings = runtime.settings()
    if not settings.signup_enabled:
        return not_offered()
    if not pages.is_same_origin(request):
        return pages.cross_site_refusal()
    form = await request.form()
    values = {name: str(form.get(name, "")).strip() for name in ("username", "email")}
    password = str(form.get("password", ""))
    problems = []
    if not values["username"]:
        problems.append("Enter a username.")
    email = checked_email(values["email"])
    if email is None:
        problems.append(EMAIL_RULE)
    if password != str(form.get("password_confirm", "")):
        problems.append("The two passwords are not the same.")
    problems += [
        f"Password rule not met: {rule}" for rule in password_problems(password, values["username"])
    ]
    if problems or email is None:
        return _form(values, problems, status_code=400)
    # Counted in a transaction of its own: a sign-up that finds its address taken is rolled
    # back, and must still count.
    async with runtime.session_scope() as session:
        limits = {f"signup:{client_address(request)}": SIGNUPS_PER_CLIENT,
                  f"signup-address:{email}": SIGNUPS_PER_ADDRESS}
        if await mail_rate.take(session, limits):
            return _form(values, [TOO_MANY], status_code=429)
    try:
        try:
            # One transaction: if the email cannot be sent, no half-made account stays behind.
            async with runtime.session_scope() as session:
                account = await create_signup(session, values["username"], email, password)
                token = await issue_link_token(session, account, VERIFY)
                link = public_link(settings, VERIFY_PATH, token=token)
                await send_mail(settings, email, "verify", username=account.username, link=link)
        except SignupTaken as taken:
            await _explain_taken(taken, email, values["username"])
    except (AccountError, MailError) as error:
        return _form(values, [str(error)], status_code=400)
    body = (
        "<h1>Check your email</h1>"
        f"<p>We sent an email to <strong>{escape(email)}</strong>. Open the link in it within "
        "24 hours to confirm your address. No email? Look in your spam folder, or sign up again "
        "later.</p>"
    )
    return pages.page("Check your email", body)


async def _explain_taken(taken: SignupTaken, email: str, username: str) -> None:
    """The email that says why no account was made; the page says nothing of it."""
    settings = runtime.settings()
    if taken.owner is not None:
        await send_mail(settings, email, "signup_exists", username=taken.owner,
                        login=public_link(settings, "/login"),
                        forgot=public_link(settings, FORGOT_PATH))
    else:
        await send_mail(settings, email, "signup_name_taken", username=username,
                        signup=public_link(settings, SIGNUP_PATH))


def _refused(refusal) -> Response:  # noqa: ANN001 - a LinkRefusal
    return refusal_page(refusal, again_path=SIGNUP_PATH, again_label="Sign up again")


@router.get(VERIFY_PATH)
async def verify_page(token: str = "") -> Response:
    if not runtime.settings().signup_enabled:
        return not_offered()
    async with runtime.session_factory()() as session:
        check = await check_link_token(session, token, VERIFY)
    if check.account is None:
        return _refused(check.refusal)
    body = (
        "<h1>Confirm your email address</h1>"
        f"<p>Confirm <strong>{escape(check.account.email or '')}</strong> for the account "
        f"<strong>{escape(check.account.username)}</strong>.</p>"
        f"<form method='post' action='{VERIFY_PATH}'>"
        f"<input type='hidden' name='token' value='{escape(token, quote=True)}'>"
        "<button type='submit'>Confirm and continue</button></form>"
    )
    return pages.page("Confirm your email address", body)


@router.post(VERIFY_PATH)
async def verify_submit(request: Request) -> Response:
    settings = runtime.settings()
    if not settings.signup_enabled:
        return not_offered()
    if not pages.is_same_origin(request):
        return pages.cross_site_refusal()
    token = str((await request.form()).get("token", ""))
    async with runtime.session_scope() as session:
        check = await use_link_token(session, token, VERIFY)
        if check.account is None:
            return _refused(check.refusal)
        may_sign_in = await finish_verification(session, check.account, settings.signup)
        account = check.account
    if not may_sign_in:
        body = (
            "<h1>Address confirmed</h1><p>Thank you. An administrator now looks at your "
            "request; you will get an email when your account is ready.</p>"
        )
        return pages.page("Address confirmed", body)
    # Signed in straight away: the link proved they own the address, the form the password.
    response = RedirectResponse("/", status_code=303)
    set_auth_cookie(request, response, issue_token(account))
    return response

"""``/account/password``: any signed-in person changes their password here.

Accounts flagged must-change-password are sent here before they can chat. A change bumps the
session version, which signs out every other browser; this browser gets a fresh token so the
person stays signed in where they made the change.
"""

from __future__ import annotations

from html import escape

from chainlit.auth import set_auth_cookie
from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from assistant import runtime
from assistant.auth import account_for_token, issue_token, request_token
from assistant.web import pages
from core.passwords import PASSWORD_RULES, password_problems
from db.accounts import AccountError, change_password, get_account
from db.models import Account

router = APIRouter()
PATH = "/account/password"


def _form(account: Account, problems: list[str] | None = None, status_code: int = 200):
    notice = ""
    if account.must_change_password:
        notice = (
            "<p class='notice'>You need to choose a new password before you can use Tailor.</p>"
        )
    body = (
        "<h1>Change your password</h1>"
        f"<p>Signed in as <strong>{escape(account.username)}</strong>. Changing your "
        "password signs you out on every other device.</p>"
        + notice
        + pages.problem_list(problems or [])
        + f"<form method='post' action='{PATH}'>"
        + pages.field("current_password", "Current password", kind="password",
                      auto="current-password")
        + pages.field("new_password", "New password", kind="password", auto="new-password")
        + pages.field("new_password_confirm", "New password again", kind="password",
                      auto="new-password")
        + pages.rule_list(PASSWORD_RULES)
        + "<button type='submit'>Change password</button></form>"
    )
    return pages.page("Change password", body, status_code=status_code)


async def _signed_in_account(request: Request) -> Account | None:
    return await account_for_token(request_token(request))


@router.get(PATH)
async def password_page(request: Request) -> Response:
    account = await _signed_in_account(request)
    if account is None:
        return RedirectResponse("/login", status_code=303)
    return _form(account)


@router.post(PATH)
async def change_password_submit(request: Request) -> Response:
    account = await _signed_in_account(request)
    if account is None:
        return RedirectResponse("/login", status_code=303)
    if not pages.is_same_origin(request):
        return pages.cross_site_refusal()
    form = await request.form()
    current = str(form.get("current_password", ""))
    new = str(form.get("new_password", ""))
    problems = []
    if new != str(form.get("new_password_confirm", "")):
        problems.append("The two new passwords are not the same.")
    if new == current:
        problems.append("The new password must be different from the current one.")
    problems += [
        f"Password rule not met: {rule}" for rule in password_problems(new, account.username)
    ]
    if problems:
        return _form(account, problems, status_code=400)
    try:
        async with runtime.session_scope() as session:
            stored = await get_account(session, account.id)
            if stored is None:  # deleted a moment ago
                return RedirectResponse("/login", status_code=303)
            await change_password(session, stored, current, new)
    except AccountError as error:
        return _form(account, [str(error)], status_code=400)
    response = RedirectResponse("/", status_code=303)
    set_auth_cookie(request, response, issue_token(stored))
    return response

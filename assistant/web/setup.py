"""First run: ``/setup`` creates the first administrator, then answers 404 for good.

Two people (or one double-click) submitting at once must not create two administrators: the
count and the insert run under a transaction-scoped advisory lock.
"""

from __future__ import annotations

from chainlit.auth import set_auth_cookie
from fastapi import APIRouter
from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from assistant import chat_entry, runtime
from assistant.auth import issue_token
from assistant.web import pages
from core.passwords import PASSWORD_RULES, password_problems
from db.accounts import AccountError, count_accounts, create_account

router = APIRouter()

# Any fixed 64-bit number; it only has to differ from other advisory locks the app takes.
SETUP_LOCK_KEY = 7_301_126_045_001
FIRST_ADMIN_ROLES = ("admin", "user")


def _not_found() -> Response:
    return pages.page("Not found", "<h1>Not found</h1>", status_code=404)


def _form(username: str = "", problems: list[str] | None = None, status_code: int = 200):
    body = (
        "<h1>Welcome to Tailor</h1>"
        "<p>No account exists yet. Create the first administrator; they can add everyone else "
        "afterwards.</p>"
        + pages.problem_list(problems or [])
        + "<form method='post' action='/setup'>"
        + pages.field("username", "Username", value=username, auto="username")
        + pages.field("password", "Password", kind="password", auto="new-password")
        + pages.field("password_confirm", "Password again", kind="password", auto="new-password")
        + pages.rule_list(PASSWORD_RULES)
        + "<button type='submit'>Create administrator</button></form>"
    )
    return pages.page("First-run setup", body, status_code=status_code)


async def _accounts_exist() -> bool:
    async with runtime.session_factory()() as session:
        return await count_accounts(session) > 0


@router.get("/setup")
async def setup_page() -> Response:
    if await _accounts_exist():
        return _not_found()
    return _form()


@router.post("/setup")
async def create_first_admin(request: Request) -> Response:
    if await _accounts_exist():
        return _not_found()
    if not pages.is_same_origin(request):
        return pages.cross_site_refusal()
    form = await request.form()
    username = str(form.get("username", "")).strip()
    password = str(form.get("password", ""))
    problems = []
    if not username:
        problems.append("Enter a username.")
    if password != str(form.get("password_confirm", "")):
        problems.append("The two passwords are not the same.")
    problems += [f"Password rule not met: {rule}" for rule in password_problems(password, username)]
    if problems:
        return _form(username, problems, status_code=400)
    try:
        async with runtime.session_scope() as session:
            await session.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": SETUP_LOCK_KEY}
            )
            if await count_accounts(session) > 0:
                return _not_found()
            account = await create_account(session, username, password, roles=FIRST_ADMIN_ROLES)
    except AccountError as error:
        return _form(username, [str(error)], status_code=400)
    # Signed in straight away: they just proved they know the password.
    chat_entry.begin_loading()  # as a sign-in does: the chat page follows
    response = RedirectResponse("/", status_code=303)
    set_auth_cookie(request, response, issue_token(account))
    return response

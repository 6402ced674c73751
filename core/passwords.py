"""Password hashing (argon2id through passlib) and the rules a new password must meet."""

from __future__ import annotations

from functools import cache
from typing import Any

from passlib.context import CryptContext

# OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane); passlib's defaults are weaker.
ARGON2_PARAMETERS = {"memory_cost": 19456, "time_cost": 2, "parallelism": 1}

MIN_LENGTH = 10
# Hashing cost grows with length; nobody types more than this.
MAX_LENGTH = 256

RULE_MIN_LENGTH = f"At least {MIN_LENGTH} characters long (a short sentence works well)."
RULE_MAX_LENGTH = f"At most {MAX_LENGTH} characters long."
RULE_NOT_USERNAME = "Not your username, and not containing it."
RULE_NOT_COMMON = (
    'Not a very common password or pattern, such as "password123", "1234567890" or one '
    "character repeated."
)
PASSWORD_RULES: list[str] = [RULE_MIN_LENGTH, RULE_MAX_LENGTH, RULE_NOT_USERNAME, RULE_NOT_COMMON]

# Leaked-password lists' most frequent entries that pass the length rule; compared case-folded.
_COMMON = frozenset(
    {
        "password12", "password123", "password1234", "password12345", "password123!",
        "passw0rd123", "p@ssw0rd123", "p@ssword123", "1234567890", "12345678910",
        "123456789a", "0123456789", "0987654321", "1q2w3e4r5t", "1qaz2wsx3edc",
        "qwertyuiop", "qwerty1234", "qwerty12345", "qwerty123456", "asdfghjkl1",
        "azertyuiop", "iloveyou12", "iloveyou123", "abcdefghij", "abcd123456",
        "abc1234567", "a123456789", "football123", "baseball123", "princess123",
        "sunshine123", "welcome123", "welcome1234", "letmein123", "trustno1234",
        "changeme123", "administrator", "admin12345", "admin123456", "superman123",
        "starwars123", "dragon1234", "monkey12345", "michael123", "shadow12345",
        "master12345", "computer123", "whatever123", "internet123", "qazwsxedc123",
        "zaq12wsxcde", "passwordpassword", "secret1234", "test123456", "testtest12",
    }
)


@cache
def _context() -> CryptContext:
    # Built on first use, not at import: the hasher is only needed by sign-in and account code.
    return CryptContext(
        schemes=["argon2"],
        deprecated="auto",
        **{f"argon2__{name}": value for name, value in ARGON2_PARAMETERS.items()},
    )


def hash_password(password: str) -> str:
    return _context().hash(password)


def verify_password(password: str, password_hash: str) -> tuple[bool, str | None]:
    """(matches, new hash to store when the stored one uses outdated parameters, else None)."""
    try:
        return _context().verify_and_update(password, password_hash)
    except ValueError:
        # A hash this context cannot read (corrupt row, foreign scheme): treat as a wrong
        # password rather than crash sign-in; the account needs an admin password reset.
        return False, None


@cache
def dummy_hash() -> str:
    """A real hash of a random password, verified against for unknown users (same timing)."""
    import secrets

    return hash_password(secrets.token_urlsafe(24))


def __getattr__(name: str) -> Any:
    # DUMMY_HASH as a module attribute, computed on first access.
    if name == "DUMMY_HASH":
        return dummy_hash()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def password_problems(password: str, username: str) -> list[str]:
    """The rules in PASSWORD_RULES this password breaks (empty when it is acceptable)."""
    problems: list[str] = []
    if len(password) < MIN_LENGTH:
        problems.append(RULE_MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        problems.append(RULE_MAX_LENGTH)
    folded = password.casefold()
    name = username.strip().casefold()
    if name and (folded == name or (len(name) >= 5 and name in folded)):
        problems.append(RULE_NOT_USERNAME)
    if _is_common(folded):
        problems.append(RULE_NOT_COMMON)
    return problems


def _is_common(folded: str) -> bool:
    if folded in _COMMON or len(set(folded)) <= 2:
        return True
    # Runs such as "1234567890" or "abcdefghijk", forwards or backwards.
    steps = {ord(b) - ord(a) for a, b in zip(folded, folded[1:], strict=False)}
    return steps in ({1}, {-1})

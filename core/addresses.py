"""E-mail addresses as people type them: one plain address, normalised, or nothing.

In the base layer because both the mailer (core) and the sign-up records (db) refuse the same
addresses.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

EMAIL_RULE = "Enter one email address such as name@example.org."


def normalize_email(email: str) -> str:
    return email.strip().casefold()


def checked_email(email: str) -> str | None:
    """The address normalized, or None unless it is exactly one plain, well-formed address.

    A maintained validator, not a pattern: a comma (two recipients), angle brackets, a display
    name, quoting, header-breaking characters or a reserved domain are all refused. Whether the
    domain receives mail is not looked up (no network); the verification email tests that.
    """
    try:
        valid = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError:
        return None
    return normalize_email(valid.normalized)

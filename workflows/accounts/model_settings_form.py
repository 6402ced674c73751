"""What the model settings panel may send, checked before anything is stored.

The panel's values come from the browser over the socket as JSON, so they can be anything JSON
(and Python's JSON reader) can carry: NaN and infinity as numbers, lists, objects, megabytes of
text. Each field is read by its declared type here, and a refusal names the field and what is
allowed instead of surfacing a Python error (``float({})``) or storing a timeout of NaN.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationError,
)

from core.errors import UserFacingError
from core.settings import Settings
from workflows.accounts.model_settings import MIN_TIMEOUT_S

# Far above any real value (the longest real base URLs and keys are a few hundred characters),
# far below what would bloat the session or the database.
MAX_URL_CHARS = 2048
MAX_MODEL_CHARS = 200
MAX_KEY_CHARS = 4096


def _no_control_characters(value: Any) -> Any:
    if isinstance(value, str) and any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValueError("control characters")
    return value


def _seconds(value: Any) -> Any:
    """Empty means "the default"; a number or numeric text is parsed; bool is refused, since
    Python takes True for 1."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("not a number")
    return value


def _text(max_chars: int) -> Any:
    return Annotated[
        Annotated[StrictStr, Field(max_length=max_chars)] | None,
        BeforeValidator(_no_control_characters),
    ]


Seconds = Annotated[float, Field(allow_inf_nan=False)]


class SettingsForm(BaseModel):
    """The panel's fields as typed values; anything else in the message is ignored."""

    model_config = ConfigDict(extra="ignore")

    base_url: _text(MAX_URL_CHARS) = None
    model: _text(MAX_MODEL_CHARS) = None
    api_key: _text(MAX_KEY_CHARS) = None
    forget_key: StrictBool | None = None
    timeout_s: Annotated[Seconds | None, BeforeValidator(_seconds)] = None


_ALLOWED = {
    "base_url": f"text of at most {MAX_URL_CHARS} characters without control characters, like "
                "https://api.example.com/v1",
    "model": f"a name of at most {MAX_MODEL_CHARS} characters without control characters, like "
             "gpt-4o-mini",
    "api_key": f"text of at most {MAX_KEY_CHARS} characters without control characters",
    "forget_key": "on or off",
}
_LABELS = {"base_url": "base URL", "model": "model name", "api_key": "API key",
           "forget_key": "'remove the saved API key' switch", "timeout_s": "timeout"}


def read_form(values: Any, settings: Settings) -> SettingsForm:
    """The panel's values, or a UserFacingError saying which field is wrong and what it allows."""
    try:
        form = SettingsForm.model_validate(values if isinstance(values, dict) else {})
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0]) if exc.errors()[0]["loc"] else "settings"
        raise UserFacingError(_refusal(field, settings)) from None
    if form.timeout_s is not None and not (
        math.isfinite(form.timeout_s)
        and MIN_TIMEOUT_S <= form.timeout_s <= settings.model_timeout_max_s
    ):
        raise UserFacingError(_refusal("timeout_s", settings))
    return form


def _refusal(field: str, settings: Settings) -> str:
    allowed = _ALLOWED.get(field) or (
        f"a number of seconds from {MIN_TIMEOUT_S:g} to {settings.model_timeout_max_s:g}, "
        "e.g. 120"
    )
    label = _LABELS.get(field, field)
    return (f"Your model settings were not saved: the {label} must be {allowed}. Nothing was "
            "changed; correct it in the settings and save again.")

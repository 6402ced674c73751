"""A real SMTP server on loopback (aiosmtpd, in its own thread) that keeps what it receives.

Tests point Tailor's SMTP settings at it and read the delivered messages, links included.
"""

from __future__ import annotations

import email
import email.policy
import re
import socket
import threading
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://\S+")


class _Keeper:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.arrived:
            self.messages.append(parsed)  # type: ignore[arg-type]
            self.arrived.notify_all()
        return "250 Message accepted for delivery"


class Mailbox:
    """``with Mailbox() as box:`` starts the server; ``box.port``, ``box.wait(to)``."""

    def __init__(self) -> None:
        self._keeper = _Keeper()
        # aiosmtpd's start() connects to the port it was given, so it needs a real one.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._controller = Controller(self._keeper, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> Mailbox:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()

    def environment(self) -> dict[str, str]:
        """Tailor's settings for sending here."""
        return {
            "TAILOR_SMTP_HOST": "127.0.0.1",
            "TAILOR_SMTP_PORT": str(self.port),
            "TAILOR_SMTP_TLS": "none",
            "TAILOR_MAIL_FROM": "tailor@example.org",
        }

    def everything(self) -> list[EmailMessage]:
        with self._keeper.arrived:
            return list(self._keeper.messages)

    def to(self, address: str) -> list[EmailMessage]:
        with self._keeper.arrived:
            return [m for m in self._keeper.messages if m["To"] == address]

    def wait(self, address: str, count: int = 1, timeout_s: float = 10.0) -> list[EmailMessage]:
        """The first ``count`` messages to ``address``, waiting for them to arrive."""
        deadline = time.monotonic() + timeout_s
        with self._keeper.arrived:
            while True:
                found = [m for m in self._keeper.messages if m["To"] == address]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                assert left > 0, f"{count} message(s) to {address} expected, got {len(found)}"
                self._keeper.arrived.wait(left)


def text_part(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, "no plain text part"
    return part.get_content()


def html_part(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None, "no HTML part"
    return part.get_content()


def link_in(message: EmailMessage) -> str:
    (link,) = LINK.findall(text_part(message))
    return link

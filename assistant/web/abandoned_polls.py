"""Drop socket.io HTTP requests whose browser left before the request could be read.

engine.io reads the first ASGI event itself; when that event is ``http.disconnect`` (a tab
closed or reloaded in the middle of a long-poll handshake) it builds an empty request and
raises ``KeyError: 'REQUEST_METHOD'``, logging a traceback for something perfectly normal.
Nobody is left to answer, so such a request simply ends here.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SOCKET_PREFIX = "/ws/socket.io"


class AbandonedPollGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(SOCKET_PREFIX):
            await self.app(scope, receive, send)
            return
        first = await receive()
        if first["type"] == "http.disconnect":
            return
        pending: list[Message] = [first]

        async def replay_first() -> Message:
            return pending.pop() if pending else await receive()

        await self.app(scope, replay_first, send)

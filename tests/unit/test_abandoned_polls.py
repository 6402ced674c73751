"""A socket.io poll whose browser already left ends quietly instead of crashing engine.io."""

from __future__ import annotations

from assistant.web.abandoned_polls import AbandonedPollGuard


async def test_a_poll_abandoned_before_it_was_read_never_reaches_the_app() -> None:
    reached = []

    async def app(scope, receive, send):
        reached.append(await receive())

    async def gone():
        return {"type": "http.disconnect"}

    guard = AbandonedPollGuard(app)
    await guard({"type": "http", "path": "/ws/socket.io/"}, gone, None)
    assert reached == []


async def test_a_live_poll_reaches_the_app_with_its_first_event_intact() -> None:
    events = [{"type": "http.request", "body": b"40", "more_body": False}]
    reached = []

    async def app(scope, receive, send):
        reached.append(await receive())

    async def receive():
        return events.pop(0)

    await AbandonedPollGuard(app)({"type": "http", "path": "/ws/socket.io/"}, receive, None)
    assert reached == [{"type": "http.request", "body": b"40", "more_body": False}]

"""A model server that never accepts the connection is reported as unreachable after the short
connect timeout, not after the whole answer timeout, and is asked again like a refused one."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import pytest
from langchain_core.messages import HumanMessage
from pydantic import BaseModel, SecretStr

from core.errors import UserFacingError
from llm.structured import ModelConnection, chat_model, describe_model_error, structured_call


@pytest.fixture
def unanswered_port() -> Iterator[int]:
    """A loopback port whose listen queue is full: the kernel drops further connection
    attempts silently, as a firewall that drops packets or a host that is down does."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    queued = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):  # non-blocking: the attempt is queued
            filler.connect(("127.0.0.1", port))
        queued.append(filler)
    yield port
    for filler in queued:
        filler.close()
    server.close()


def _conn(port: int, **kwargs) -> ModelConnection:
    return ModelConnection(f"http://127.0.0.1:{port}/v1", SecretStr("key"), "model",
                           timeout_s=300, connect_timeout_s=1, loopback_allowed=True, **kwargs)


class Answer(BaseModel):
    text: str


async def test_the_person_hears_the_server_is_unreachable_not_that_it_is_slow(
    unanswered_port: int,
) -> None:
    conn = _conn(unanswered_port, max_retries=0)
    with pytest.raises(Exception) as caught:  # noqa: PT011 - the client's own timeout class
        await chat_model(conn).ainvoke([HumanMessage("hello")])
    said = describe_model_error(caught.value, conn)
    assert "could not be reached: it did not accept a connection within 1 s" in said
    assert "did not answer within 300 s" not in said


async def test_a_structured_call_asks_again_before_giving_up(unanswered_port: int) -> None:
    waits: list[str] = []

    async def heard(notice: str) -> None:
        waits.append(notice)

    conn = _conn(unanswered_port, max_retries=1, backoff_s=0.01)
    with pytest.raises(UserFacingError, match="could not be reached"):
        await structured_call(conn, Answer, [HumanMessage("hello")], purpose="answer",
                              on_wait=heard)
    assert len(waits) == 1 and "retry 1 of" in waits[0]

"""Nobody rewrites, moves or deletes another person's message, file or rating by naming its id.

Chainlit's data layer writes steps, elements and feedback with ``ON CONFLICT (id) DO UPDATE``
and the ids come from the browser (a user message's id is chosen by the client). Every data-layer
method that writes such a row by id is attacked below with the other person's ids; a new writing
method that is neither attacked nor given a reason fails the suite.
"""

from __future__ import annotations

import asyncio
import inspect
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import chainlit as cl
import pytest
from chainlit.context import init_ws_context
from chainlit.element import Text
from chainlit.session import WebsocketSession
from chainlit.types import Feedback
from e2e.client import ChatClient, create_first_admin, http, login_token
from e2e.fixtures import ADMIN, USER

from assistant.datalayer import TailorDataLayer
from assistant.filestore import DatabaseStorageClient
from db.accounts import create_account
from db.engine import create_engine, make_session_factory

WRITE_PREFIXES = ("create_", "update_", "upsert_", "delete_", "set_")
Ids = dict[str, str]
Write = Callable[[TailorDataLayer, Ids], Awaitable[Any]]


def _step(ids: Ids, step_id: str) -> dict[str, Any]:
    return {"id": step_id, "threadId": ids["bob_thread"], "name": "User",
            "type": "user_message", "output": "written by bob", "streaming": False,
            "createdAt": "2026-03-01T10:00:00Z", "metadata": {}}


def _element(ids: Ids, url: str | None) -> Text:
    return Text(id=ids["element"], name="bob.txt", content="written by bob", url=url,
                for_id=ids["bob_step"], thread_id=ids["bob_thread"])


async def _feedback(layer: TailorDataLayer, **fields: Any) -> Any:
    try:
        return await layer.upsert_feedback(Feedback(value=0, comment="bob's", **fields))
    except PermissionError:
        return None


# Data-layer method -> Bob's write naming Alice's ids, from Bob's thread.
WRITES: dict[str, Write] = {
    "create_step": lambda layer, ids: layer.create_step(_step(ids, ids["step"])),
    "update_step": lambda layer, ids: layer.update_step(_step(ids, ids["step"])),
    "set_step_favorite": lambda layer, ids: layer.set_step_favorite(
        _step(ids, ids["step"]), True),
    "delete_step": lambda layer, ids: layer.delete_step(ids["step"]),
    "create_element": lambda layer, ids: layer.create_element(_element(ids, None)),
    "create_element (own file url)": lambda layer, ids: layer.create_element(
        _element(ids, f"/files/{uuid.uuid4()}")),
    "delete_element": lambda layer, ids: layer.delete_element(ids["element"], ids["bob_thread"]),
    "upsert_feedback": lambda layer, ids: _feedback(
        layer, id=ids["feedback"], forId=ids["bob_step"], threadId=ids["bob_thread"]),
    "upsert_feedback (her message)": lambda layer, ids: _feedback(
        layer, forId=ids["step"], threadId=ids["bob_thread"]),
    "upsert_feedback (no thread)": lambda layer, ids: _feedback(
        layer, id=ids["feedback"], forId=ids["bob_step"]),
}
# Writing methods that take no step, element or feedback id from a person.
NOT_BY_RECORD_ID = {
    "create_user": "the account's identifier comes from the login, not the browser",
    "update_thread": "Chainlit's thread routes check the author first (web/ownership.py)",
    "delete_thread": "Chainlit's thread routes check the author first (web/ownership.py)",
    "delete_feedback": "DELETE /feedback checks the owner first (web/ownership.py)",
}


def test_every_writing_method_is_attacked() -> None:
    writing = {name for name, _ in inspect.getmembers(TailorDataLayer, inspect.iscoroutinefunction)
               if name.startswith(WRITE_PREFIXES)}
    attacked = {name.split(" ")[0] for name in WRITES}
    assert not writing - attacked - set(NOT_BY_RECORD_ID), "attack (or give a reason for) " \
        f"{sorted(writing - attacked - set(NOT_BY_RECORD_ID))}"


@pytest.fixture
async def layer(migrated_db_url: str):
    engine = create_engine(migrated_db_url)
    layer = TailorDataLayer(engine, DatabaseStorageClient(make_session_factory(engine)))
    yield layer
    await layer.close()  # its statements' pool and the engine


async def _thread_with_rows(layer: TailorDataLayer, username: str) -> Ids:
    async with layer.async_session() as session, session.begin():
        await create_account(session, username, "long enough passphrase")
    person = await layer.create_user(cl.User(identifier=username))
    ids = {"thread": str(uuid.uuid4()), "step": str(uuid.uuid4()),
           "element": str(uuid.uuid4()), "feedback": str(uuid.uuid4())}
    await layer.update_thread(ids["thread"], name=f"{username}'s job", user_id=person.id)
    await _in_chat_of(ids["thread"]).delete()  # its context stays for the writes below
    await layer.create_step({"id": ids["step"], "threadId": ids["thread"], "name": "User",
                             "type": "user_message", "output": f"{username}'s words",
                             "streaming": False, "createdAt": "2026-03-01T09:00:00Z"})
    await layer.create_element(Text(id=ids["element"], name=f"{username}.txt",
                                    content=f"{username}'s file", for_id=ids["step"],
                                    thread_id=ids["thread"]))
    await layer.upsert_feedback(Feedback(id=ids["feedback"], forId=ids["step"],
                                         threadId=ids["thread"], value=1, comment="mine"))
    return ids


def _in_chat_of(thread_id: str) -> WebsocketSession:
    """Run the following calls as Chainlit does for a socket event of this thread's session."""

    async def ignore(*_: Any) -> None:
        return None

    session = WebsocketSession(id=str(uuid.uuid4()), socket_id="bob", emit=ignore,
                               emit_call=ignore, user_env={}, client_type="webapp",
                               thread_id=thread_id)
    session.has_first_interaction = True
    init_ws_context(session)
    return session


async def _rows(layer: TailorDataLayer, ids: Ids) -> dict[str, Any]:
    query = ('SELECT (SELECT row_to_json(s)::text FROM steps s WHERE s."id" = :step) AS step, '
             '(SELECT row_to_json(e)::text FROM elements e WHERE e."id" = :element) AS element, '
             '(SELECT row_to_json(f)::text FROM feedbacks f WHERE f."id" = :feedback) AS feedback,'
             ' (SELECT count(*) FROM feedbacks f WHERE f."forId" = :step) AS ratings')
    return (await layer.execute_sql(query, ids))[0]


@pytest.mark.db
@pytest.mark.parametrize("method", sorted(WRITES))
async def test_anothers_ids_change_nothing_in_the_data_layer(layer, method: str) -> None:
    alice = await _thread_with_rows(layer, "alice")
    bob = await _thread_with_rows(layer, "bob")
    before = await _rows(layer, alice)
    assert before["step"] and before["element"] and before["feedback"]
    session = _in_chat_of(bob["thread"])
    await WRITES[method](layer, {**alice, "bob_thread": bob["thread"], "bob_step": bob["step"]})
    assert await _rows(layer, alice) == before
    # Bob's own rows are still his to change.
    await layer.create_step({**_step({"bob_thread": bob["thread"]}, bob["step"])})
    assert "written by bob" in (await _rows(layer, bob))["step"]
    await session.delete()


def _message(step_id: str, text: str) -> dict[str, Any]:
    return {"message": {"threadId": "", "id": step_id, "name": "User", "type": "user_message",
                        "output": text, "metadata": {}, "command": None,
                        "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z")},
            "fileReferences": None}


async def _emit(chat: ChatClient, event: str, payload: dict[str, Any]) -> None:
    chat._task_end.clear()
    await chat.sio.emit(event, payload)
    await chat.wait_idle()


@pytest.mark.e2e
@pytest.mark.timeout(180)
async def test_a_client_message_with_her_message_id_leaves_her_message_alone(
    start_server, in_database
) -> None:
    server = start_server()
    base = server.base_url
    create_first_admin(base, *ADMIN)
    await in_database(lambda session: create_account(session, *USER))
    alice, bob = login_token(base, *ADMIN), login_token(base, *USER)
    her_chat = ChatClient(base, alice)
    await her_chat.connect()
    await her_chat.send("/help")
    await her_chat.close()
    await asyncio.sleep(0.5)  # Chainlit writes steps in background tasks
    with http(base, alice) as client:
        before = client.get(f"/project/thread/{her_chat.thread_id}").json()
    her_step = next(s for s in before["steps"] if s["type"] == "user_message")

    his_chat = ChatClient(base, bob)
    await his_chat.connect()
    await his_chat.send("/help")
    await _emit(his_chat, "client_message", _message(her_step["id"], "/help overwritten"))
    # Editing his earlier message makes Chainlit delete every later message of his session by
    # id, hers included.
    mine = str(uuid.uuid4())
    await _emit(his_chat, "client_message", _message(mine, "/help"))
    await _emit(his_chat, "client_message", _message(her_step["id"], "/help again"))
    await _emit(his_chat, "edit_message", _message(mine, "/help edited"))
    # His session still works.
    assert await his_chat.send("/help")
    await his_chat.close()
    await asyncio.sleep(0.5)

    with http(base, alice) as client:
        after = client.get(f"/project/thread/{her_chat.thread_id}").json()
    with http(base, bob) as client:
        his = client.get(f"/project/thread/{his_chat.thread_id}").json()
    assert [(s["id"], s["output"]) for s in after["steps"]] == \
        [(s["id"], s["output"]) for s in before["steps"]]
    assert her_step["id"] not in [s["id"] for s in his["steps"]]
    assert "Refused to write steps row" in server.log_text()

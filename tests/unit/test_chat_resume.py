"""Which resumed conversations had their last turn cut: the thread's last message is the
person's. Tool steps and other non-message steps after it do not count as an answer."""

from __future__ import annotations

from assistant.chat_resume import last_turn_unanswered


def thread(*types: str) -> dict:
    return {"id": "t", "steps": [{"id": str(n), "type": kind} for n, kind in enumerate(types)]}


def test_a_message_left_without_answer_was_cut():
    assert last_turn_unanswered(thread("user_message", "assistant_message", "user_message"))


def test_a_tool_step_after_the_message_is_not_an_answer():
    assert last_turn_unanswered(thread("user_message", "tool", "run"))


def test_an_answered_message_or_an_empty_thread_was_not_cut():
    assert not last_turn_unanswered(thread("user_message", "tool", "assistant_message"))
    assert not last_turn_unanswered(thread())
    assert not last_turn_unanswered({"id": "t", "steps": None})

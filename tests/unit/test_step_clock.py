"""Steps and messages made back to back keep their order (a reopened thread is sorted by their
creation time) without Chainlit's blocking millisecond per step, which stalled every other
conversation of the instance."""

from __future__ import annotations

import importlib
import time

import chainlit as cl
from chainlit.context import init_http_context

from assistant import step_clock


async def test_steps_made_back_to_back_are_ordered_and_do_not_block() -> None:
    init_http_context()
    step_clock.install()
    message_module = importlib.import_module("chainlit.message")
    began = time.perf_counter()
    made = []
    for n in range(200):
        item = cl.Step(name="tool") if n % 2 else cl.Message(content="answer")
        item.created_at = item.created_at or message_module.utc_now()  # as Message.send does
        made.append(item)
    took = time.perf_counter() - began
    stamps = [item.created_at for item in made]
    assert len(set(stamps)) == len(stamps), "two steps share a creation time"
    assert stamps == sorted(stamps), "text order (how threads are sorted) is not creation order"
    assert took < 0.1, f"200 steps took {took * 1000:.0f} ms: the event loop was blocked"


def test_a_whole_second_still_sorts_before_the_next_microsecond() -> None:
    clock = step_clock.StrictlyLaterClock()
    first, second = clock(), clock()
    assert first < second
    assert first.endswith("Z") and "." in first  # microseconds always written

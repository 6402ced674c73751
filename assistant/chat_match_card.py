"""The match card in the chat: the app shows the engine's report (``MatchCard.jsx``), and its
"I have this" / "I don't" buttons come back here.

A button's payload is the browser's claim: the job, the resume and the requirement it names are
looked up again among the person's own (``workflows.generation.match_card.card_requirement``).
"I have this" starts the gap interview for that one requirement, worded from the job's own
requirement, never from the payload's text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import chainlit as cl
from chainlit.context import context

from assistant import runtime
from db.models import Account
from workflows.generation.match_card import card_requirement
from workflows.library.common import Scope

CARD = "MatchCard"  # the element's name is its file: public/elements/MatchCard.jsx
HAVE_ACTION = "match_have"
LACK_ACTION = "match_lack"
CARD_ACTIONS = (HAVE_ACTION, LACK_ACTION)
CARD_INTRO = "The match, computed from your resume and the posting:"
FORGED_CARD = (
    "That button does not match any of your jobs and resumes, so nothing was done. "
    "Ask for the match report again to get a fresh card."
)
# What the model is asked to do (the person sees its question, not this text).
INTERVIEW = (
    "On the match card I pressed “I have this” for “{item}” ({tag} by the job {job}, id "
    "{job_id}). Start the gap interview for this one item: ask me, one question at a time, "
    "where and how I used it. When I have confirmed it, record it with remember_fact in my "
    "words. Do not change any resume until I have confirmed it."
)


@dataclass(frozen=True)
class CardAnswer:
    response: dict[str, Any]  # shown on the card
    agent_text: str | None = None  # run through the agent when set
    typed: str | None = None  # what the person is quoted as having asked (no model configured)


async def show_card(artifact: object) -> None:
    """Post the card a tool's artifact carries, right after the tool's step."""
    if not isinstance(artifact, Mapping) or not isinstance(artifact.get("match_card"), Mapping):
        return
    card = cl.CustomElement(name=CARD, props=dict(artifact["match_card"]), display="inline")
    await cl.Message(content=CARD_INTRO, elements=[card]).send()


async def answer(account: Account, action: cl.Action) -> CardAnswer:
    scope = Scope(runtime.session_factory(), account.id, context.session.thread_id)
    item = await card_requirement(scope, action.payload)
    if item is None or action.name not in CARD_ACTIONS:
        return CardAnswer({"ok": False, "message": FORGED_CARD})
    text = item.requirement.text
    if action.name == LACK_ACTION:
        return CardAnswer({"ok": True, "message": (
            f"Noted: you do not have {text}. It stays missing; nothing claims it.")})
    tag = "preferred" if not item.requirement.required else "required"
    return CardAnswer(
        {"ok": True, "message": f"Let's talk about {text}: answer in the chat."},
        agent_text=INTERVIEW.format(item=text, tag=tag, job=item.label, job_id=item.job.id),
        typed=f"I have {text}.",
    )

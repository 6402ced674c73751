"""The match card in the chat: the app shows the engine's report (``MatchCard.jsx``), and its
"I have this" / "I don't" buttons come back here.

A button's payload is the browser's claim: the job, the resume and the requirement it names are
looked up again among the person's own (``workflows.generation.match_card.card_requirement``).
"I have this" starts the gap interview for that one requirement, worded from the job's own
requirement, never from the payload's text.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import chainlit as cl
from chainlit.context import context
from chainlit.data import get_data_layer

from assistant import runtime
from db.models import Account
from workflows.generation import match_card
from workflows.generation.match_card import CardItem, card_requirement
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
    # The card's buttons send its id back, so an answer can be kept on the card itself.
    card_id = str(uuid.uuid4())
    card = cl.CustomElement(id=card_id, name=CARD, display="inline",
                            props={**artifact["match_card"], "card_id": card_id})
    await cl.Message(content=CARD_INTRO, elements=[card]).send()


async def _keep_answer(payload: Mapping[str, Any], item: CardItem, message: str) -> None:
    """Write the answer into the stored card, so a reopened thread shows it, not the buttons.
    Only a card of this thread, for this job, is touched (the id is the browser's claim)."""
    card_id, data_layer = payload.get("card_id"), get_data_layer()
    if not isinstance(card_id, str) or data_layer is None:
        return
    stored = await data_layer.get_element(context.session.thread_id, card_id)
    props = (stored or {}).get("props") or {}
    if not stored or stored["name"] != CARD or props.get("job_id") != str(item.job.id):
        return
    answers = {**(props.get("answers") or {}), match_card.requirement_key(item.requirement):
               message}
    card = cl.CustomElement(id=card_id, name=CARD, props={**props, "answers": answers},
                            display=stored["display"], for_id=stored.get("forId"))
    await card.update()


async def answer(account: Account, action: cl.Action) -> CardAnswer:
    scope = Scope(runtime.session_factory(), account.id, context.session.thread_id)
    item = await card_requirement(scope, action.payload)
    if item is None or action.name not in CARD_ACTIONS:
        return CardAnswer({"ok": False, "message": FORGED_CARD})
    text = item.requirement.text
    if action.name == LACK_ACTION:
        message = f"Noted: you do not have {text}. It stays missing; nothing claims it."
        await _keep_answer(action.payload, item, message)
        return CardAnswer({"ok": True, "message": message})
    tag = "preferred" if not item.requirement.required else "required"
    message = f"Let's talk about {text}: answer in the chat."
    await _keep_answer(action.payload, item, message)
    return CardAnswer(
        {"ok": True, "message": message},
        agent_text=INTERVIEW.format(item=text, tag=tag, job=item.label, job_id=item.job.id),
        typed=f"I have {text}.",
    )

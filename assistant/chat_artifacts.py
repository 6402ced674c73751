"""What tools hand back besides text (files, a version, next steps) as Chainlit elements/buttons.

A tool's artifact is ``{"files": [{"file_id", "name", "mime"}], "version_id", "actions",
"confirm": [{"action", "label", "payload"}]}``; a confirmation button is the only way a delete or
overwrite happens (the model can ask for one, only the person can press it).
Files become download links served by ``/files/{id}`` (owner-checked), a PDF also a preview.
Buttons carry only a version id: the browser builds the action it posts from its own copy, so the
id is checked against the person's own versions before anything runs. Download buttons need no
judgement and run the export in code (chat_downloads.py); the others ask the assistant. Chainlit
keeps no buttons with a thread, so a message's buttons ride in its metadata and are sent again
when the thread is reopened.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import chainlit as cl

from assistant.filestore import read_url
from workflows.admin.confirm import CONFIRM_BUTTON
from workflows.resume_edit.confirm import CONFIRM_DELETE, CONFIRM_OVERWRITE

# Button name -> (label, export format): pressed, the file is made in code, no model involved.
DOWNLOADS: dict[str, tuple[str, str]] = {
    "download_pdf": ("Download PDF", "pdf"),
    "download_docx": ("Download Word", "docx"),
    "download_md": ("Download Markdown", "markdown"),
}
# Button name -> (label, what the assistant is asked to do with the checked version).
NEXT_STEPS: dict[str, tuple[str, str]] = {
    "cover_letter": (
        "Cover letter",
        "Write a cover letter for the job of version {version_id}.",
    ),
    "refine": (
        "Refine",
        "I want to refine version {version_id}. Ask me what to change.",
    ),
}
EDIT_ACTION = "edit_markdown"  # opens the side-panel editor (assistant/chat_editor.py)
OPEN_CANVAS = "open_canvas"  # opens the document canvas (assistant/chat_canvas.py)
CANVAS_LABEL = "Open in canvas"
EDIT_LABEL = "Edit Markdown"
# The message metadata key that keeps a message's buttons for when its thread is reopened.
BUTTONS_KEY = "tailor_buttons"
CONFIRM_ACTIONS = frozenset({CONFIRM_DELETE, CONFIRM_OVERWRITE})
CONFIRM_PROMPT = "Press the button to confirm; to cancel, just carry on."
FORGED_ACTION = (
    "That button does not match any of your documents, so nothing was done. "
    "Ask me in the chat instead (for example: “export the latest version as PDF”)."
)


@dataclass
class Deliverables:
    """Everything a turn's tools produced, shown together once the turn ends."""

    files: list[Mapping[str, str]] = field(default_factory=list)
    version_id: str | None = None
    actions: list[str] = field(default_factory=list)
    confirmations: list[Mapping[str, Any]] = field(default_factory=list)

    def add(self, artifact: object) -> None:
        if not isinstance(artifact, Mapping):
            return
        self.files.extend(f for f in artifact.get("files") or [] if _is_file(f))
        if artifact.get("version_id"):
            self.version_id = str(artifact["version_id"])
        for action in artifact.get("actions") or []:
            if _is_button(action) and action not in self.actions:
                self.actions.append(action)
        for entry in artifact.get("confirm") or []:
            if (isinstance(entry, Mapping)
                    and entry.get("action") in CONFIRM_ACTIONS | {CONFIRM_BUTTON}
                    and isinstance(entry.get("payload"), Mapping)):
                self.confirmations.append(entry)

    @property
    def empty(self) -> bool:
        return not self.files and not (self.version_id and self.actions)

    def confirmation_buttons(self) -> list[cl.Action]:
        return [cl.Action(name=entry["action"], payload=dict(entry["payload"]),
                          label=str(entry.get("label") or "Confirm"))
                for entry in self.confirmations]


_OWN_LABELS = {EDIT_ACTION: EDIT_LABEL, OPEN_CANVAS: CANVAS_LABEL}


def _is_button(name: object) -> bool:
    return name in DOWNLOADS or name in NEXT_STEPS or name in _OWN_LABELS


def _label(name: str) -> str:
    return _OWN_LABELS.get(name) or (DOWNLOADS.get(name) or NEXT_STEPS[name])[0]


def _is_file(entry: object) -> bool:
    return isinstance(entry, Mapping) and all(k in entry for k in ("file_id", "name", "mime"))


def preview_name(file_name: str) -> str:
    return f"Preview {file_name}"


def file_elements(files: Sequence[Mapping[str, str]]) -> list[cl.Element]:
    """A download link per file, and under a PDF its first page, which opens full width.

    The preview stays with its own message: a side-panel preview would be opened by Chainlit
    on its own whenever a thread's side elements change, all of them stacked under the last
    one's title (a resume shown under the cover letter's name), covering the chat on a phone.
    """
    elements: list[cl.Element] = []
    for entry in files:
        url = read_url(uuid.UUID(str(entry["file_id"])))
        elements.append(
            cl.File(name=entry["name"], url=url, mime=entry["mime"], display="inline")
        )
        if entry["mime"] == "application/pdf":
            elements.append(
                cl.Pdf(name=preview_name(entry["name"]), url=url, display="inline", page=1)
            )
    return elements


def action_buttons(version_id: str | None, actions: Sequence[str]) -> list[cl.Action]:
    if not version_id:
        return []
    buttons = [
        cl.Action(name=name, payload={"version_id": version_id}, label=_label(name))
        for name in actions
        if name in DOWNLOADS or name in NEXT_STEPS
    ]
    # Only a resume version offers a cover letter next, and only resumes have the editor.
    if "cover_letter" in actions or EDIT_ACTION in actions:
        buttons.append(
            cl.Action(name=EDIT_ACTION, payload={"version_id": version_id}, label=EDIT_LABEL)
        )
    # Every version can be looked at in the canvas; it acts in code, not through the model.
    buttons.append(
        cl.Action(name=OPEN_CANVAS, payload={"version_id": version_id}, label=CANVAS_LABEL)
    )
    return buttons


def delivery_text(files: Sequence[Mapping[str, str]]) -> str:
    if not files:
        return "What next?"
    lines = [f"- {entry['name']}" for entry in files]
    if any(entry["mime"] == "application/pdf" for entry in files):
        lines.append("\nPress the page below to see it full width.")
    return "Your file is ready:\n" + "\n".join(lines)


async def send_deliverables(found: Deliverables) -> None:
    if found.confirmations:
        await cl.Message(content=CONFIRM_PROMPT, actions=found.confirmation_buttons()).send()
    if found.empty:
        return
    buttons = action_buttons(found.version_id, found.actions)
    await cl.Message(
        content=delivery_text(found.files),
        elements=file_elements(found.files),
        actions=buttons,
        metadata={BUTTONS_KEY: [{"name": b.name, "payload": b.payload, "label": b.label}
                                for b in buttons]} if buttons else None,
    ).send()


async def resend_buttons(steps: Sequence[Mapping[str, Any]]) -> None:
    """A reopened thread's buttons, back under their messages (pressing re-checks them)."""
    for step in steps:
        metadata = step.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata or "{}")
        kept = metadata.get(BUTTONS_KEY) if isinstance(metadata, Mapping) else None
        for button in kept if isinstance(kept, list) else []:
            if (isinstance(button, Mapping) and _is_button(button.get("name"))
                    and isinstance(button.get("payload"), Mapping)):
                await cl.Action(name=str(button["name"]), payload=dict(button["payload"]),
                                label=_label(str(button["name"]))).send(for_id=str(step["id"]))


def checked_version_id(payload: Any) -> uuid.UUID | None:
    """The payload's version id if it is well-formed; ownership is checked by the caller."""
    if not isinstance(payload, Mapping):
        return None
    try:
        return uuid.UUID(str(payload.get("version_id")))
    except ValueError:
        return None

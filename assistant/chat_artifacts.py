"""What tools hand back besides text (files, a version, next steps) as Chainlit elements/buttons.

A tool's artifact is ``{"files": [{"file_id", "name", "mime"}], "version_id", "actions",
"confirm": [{"action", "label", "payload"}]}``; a confirmation button is the only way a delete or
overwrite happens (the model can ask for one, only the person can press it).
Files become download links served by ``/files/{id}`` (owner-checked), a PDF also a preview in
the side panel. Buttons carry only a version id: the browser builds the action it posts from its
own copy, so the id is checked against the person's own versions before anything runs.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import chainlit as cl

from assistant.filestore import read_url
from workflows.admin.confirm import CONFIRM_BUTTON
from workflows.resume_edit.confirm import CONFIRM_DELETE, CONFIRM_OVERWRITE

# Button name -> (label, what the assistant is asked to do with the checked version).
NEXT_STEPS: dict[str, tuple[str, str]] = {
    "download_pdf": ("Download PDF", "Export version {version_id} as a PDF."),
    "download_docx": ("Download Word", "Export version {version_id} as a Word file."),
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
            if (action in NEXT_STEPS or action == EDIT_ACTION) and action not in self.actions:
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


def _is_file(entry: object) -> bool:
    return isinstance(entry, Mapping) and all(k in entry for k in ("file_id", "name", "mime"))


def preview_name(file_name: str) -> str:
    return f"Preview {file_name}"


def file_elements(files: Sequence[Mapping[str, str]]) -> list[cl.Element]:
    elements: list[cl.Element] = []
    for entry in files:
        url = read_url(uuid.UUID(str(entry["file_id"])))
        elements.append(
            cl.File(name=entry["name"], url=url, mime=entry["mime"], display="inline")
        )
        if entry["mime"] == "application/pdf":
            elements.append(
                cl.Pdf(name=preview_name(entry["name"]), url=url, display="side", page=1)
            )
    return elements


def action_buttons(version_id: str | None, actions: Sequence[str]) -> list[cl.Action]:
    if not version_id:
        return []
    buttons = [
        cl.Action(name=name, payload={"version_id": version_id}, label=NEXT_STEPS[name][0])
        for name in actions
        if name in NEXT_STEPS
    ]
    # Only a resume version offers a cover letter next, and only resumes have the editor.
    if "cover_letter" in actions or EDIT_ACTION in actions:
        buttons.append(
            cl.Action(name=EDIT_ACTION, payload={"version_id": version_id}, label="Edit Markdown")
        )
    # Every version can be looked at in the canvas; it acts in code, not through the model.
    buttons.append(
        cl.Action(name=OPEN_CANVAS, payload={"version_id": version_id}, label="Open in canvas")
    )
    return buttons


def delivery_text(files: Sequence[Mapping[str, str]]) -> str:
    if not files:
        return "What next?"
    lines = []
    for entry in files:
        line = f"- {entry['name']}"
        if entry["mime"] == "application/pdf":
            # Chainlit turns an element's name in the text into the link that opens the panel.
            line += f" ({preview_name(entry['name'])})"
        lines.append(line)
    return "Your file is ready:\n" + "\n".join(lines)


async def send_deliverables(found: Deliverables) -> None:
    if found.confirmations:
        await cl.Message(content=CONFIRM_PROMPT, actions=found.confirmation_buttons()).send()
    if found.empty:
        return
    await cl.Message(
        content=delivery_text(found.files),
        elements=file_elements(found.files),
        actions=action_buttons(found.version_id, found.actions),
    ).send()


def checked_version_id(payload: Any) -> uuid.UUID | None:
    """The payload's version id if it is well-formed; ownership is checked by the caller."""
    if not isinstance(payload, Mapping):
        return None
    try:
        return uuid.UUID(str(payload.get("version_id")))
    except ValueError:
        return None

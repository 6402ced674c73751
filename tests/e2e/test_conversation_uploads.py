"""Files in the composer: a mislabelled file is refused with a clear message before any model
sees it, the size limit comes from the settings, and a good file reaches the agent by its id."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from assistant.chat import UPLOAD_NOT_USED
from e2e.client import ChatClient, create_first_admin, http, login_token
from e2e.fixtures import ADMIN

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

MARKDOWN_RESUME = "resumes/markdown/offlinecv__inline-links.md"


async def test_bad_files_are_refused_before_the_model_and_good_ones_are_announced(
    start_server, fixtures_dir: Path, tmp_path: Path
):
    with ScriptedLLMProcess({"default": {"text": "Thanks, I will import it."}}) as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted", TAILOR_MAX_UPLOAD_MB="1")
        create_first_admin(server.base_url, *ADMIN)
        token = login_token(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, token)
        await chat.connect()

        # Plain text renamed to .pdf, as a browser would send it (type from the name). A real
        # Word file named .pdf is read as Word (the kind comes from the bytes).
        disguised = tmp_path / "my-resume.pdf"
        disguised.write_bytes(b"Ana Lima, engineer. Not a PDF at all.")
        good = fixtures_dir / MARKDOWN_RESUME
        ids = [chat.upload(disguised, "application/pdf"), chat.upload(good, "text/markdown")]
        (refused,) = await chat.send("Here is my resume, twice.", file_ids=ids)
        assert refused.startswith("my-resume.pdf is named .pdf but its contents are")
        assert refused.endswith(UPLOAD_NOT_USED)
        assert llm.requests() == [], "a refused message never reaches the model"

        # Over the limit from TAILOR_MAX_UPLOAD_MB: Chainlit refuses the upload itself.
        big = tmp_path / "huge.txt"
        big.write_bytes(b"Experienced engineer.\n" * 60_000)  # about 1.3 MB
        with http(server.base_url, token) as client:
            response = client.post(
                "/project/file", params={"session_id": chat.session_id},
                files={"file": (big.name, big.read_bytes(), "text/plain")},
            )
        assert response.status_code == 400 and "too large" in response.text

        file_id = chat.upload(good, "text/markdown")
        replies = await chat.send("", file_ids=[file_id])
        assert replies[-1] == "Thanks, I will import it."
        told = llm.requests()[0].last_message_text("user")
        assert told == f"uploaded file {good.name} (file id {file_id})"
        await chat.close()

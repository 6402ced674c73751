"""A model's transcription of a PDF is checked against the file in the real app: the person sees
a changed date, a dropped bullet, an added skill and a merged role, and can keep the file's
version. Everything is real but the model (a scripted server)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.scripted_llm_process import ScriptedLLMProcess

from e2e.client import ChatClient, create_first_admin, login_token
from e2e.fixtures import ADMIN
from e2e.test_journey import UUID, call, last_output, say, tool_result, turn

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

PDF = "resumes/pdf/offlinecv__google-docs__google-docs-skia-proxy-minimal.pdf"
GLOBEX = ["Worked on the platform team.", "Helped with various team initiatives.",
          "Attended team meetings and design reviews."]  # "Reviewed pull requests." dropped
ACME = ["Was part of the backend team.", "Contributed to internal tooling.",
        "Participated in oncall rotation."]
WRONG = {
    "personal": {"contact": {"name": "Jane Smith", "email": "jane.smith@example.com",
                             "phone": "(312) 555-0123", "location": "Springfield, IL"}},
    "degrees": [{"school": "Springfield State University", "degree": "B.S. Computer Science",
                 "end": {"year": 2020, "month": 6}}],  # the file says "2020"
    "roles": [{"company": "Globex Corporation", "title": "Software Engineer",  # two merged
               "start": {"year": 2020}, "tasks": GLOBEX + ACME}],
    "skills": [{"items": ["Python", "JavaScript", "Git", "SQL", "Linux", "AWS", "Kubernetes"]}],
}


async def test_the_person_sees_each_error_and_keeps_the_files_version(
    start_server, fixtures_dir: Path
):
    with ScriptedLLMProcess() as llm:
        server = start_server(OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="test-key",
                              TAILOR_MODEL_NAME="scripted")
        create_first_admin(server.base_url, *ADMIN)
        chat = ChatClient(server.base_url, login_token(server.base_url, *ADMIN))
        await chat.connect()

        upload_id = chat.upload(fixtures_dir / PDF, "application/pdf")
        await turn(chat, llm, "Here is my resume.", call("import_resume", file_id=upload_id),
                   {"structured": WRONG}, say("Here is what I read; see the differences."),
                   file_ids=[upload_id])
        draft = tool_result(llm, "import_resume")
        assert ("Springfield State University: end: the model has 'June 2020'; the file says "
                "'2020'") in draft
        assert "not imported: '• Reviewed pull requests.'" in draft
        assert "the model has 'Kubernetes', which the file does not say" in draft
        assert "which the file never gives as one range (two roles merged?)" in draft
        assert "keep_file_version=true" in draft
        draft_id = re.search(rf"Draft ({UUID})", draft).group(1)

        await turn(chat, llm, "Keep the file's version, call it Jane.",
                   call("import_resume", draft_id=draft_id, name="Jane",
                        keep_file_version=True),
                   call("show_resume"), say("Saved."))
        assert last_output(chat, "import_resume").startswith('Saved the resume as "Jane"')
        shown = last_output(chat, "show_resume")
        assert "Reviewed pull requests." in shown
        assert "Junior Engineer" in shown and "Acme Corp" in shown
        assert "Kubernetes" not in shown
        await chat.close()

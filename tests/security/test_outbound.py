"""A personal model URL cannot make the server reach its own network; no one follows redirects.

The saved-URL check is attacked by names that resolve privately, IPv6 forms that embed a private
IPv4 address, a URL whose name resolves privately only after it was saved (DNS rebinding, made
here by writing the row directly), and a public-looking server that redirects inward.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.fernet import Fernet
from langchain_core.messages import HumanMessage
from pydantic import BaseModel, SecretStr
from tool_harness import new_account

from assistant.errors import UserFacingError
from assistant.settings import Settings
from assistant.workflows.llm import ModelConnection, structured_call
from assistant.workflows.model_settings import resolve_connection, save_personal
from db.llm_settings import upsert_settings

pytestmark = pytest.mark.db

SETTINGS = Settings(encryption_keys=SecretStr(Fernet.generate_key().decode()),
                    allow_private_model_urls=False)
INWARD_URLS = [
    "http://localhost:11434/v1",
    "http://127.0.0.1:8000/v1",
    "http://127.1/v1",
    "http://2130706433/v1",  # 127.0.0.1 as one number
    "http://0.0.0.0:5432/v1",
    "http://10.0.0.7/v1",
    "http://172.16.3.4/v1",
    "http://192.168.1.1/v1",
    "http://169.254.169.254/latest/meta-data",
    "http://100.100.100.200/v1",  # carrier-grade NAT, used by some clouds for metadata
    "http://[::1]:8000/v1",
    "http://[::ffff:127.0.0.1]:8000/v1",
    "http://[fd00::1]/v1",
    "http://[fe80::1]/v1",
    "http://[64:ff9b::a9fe:a9fe]/v1",  # NAT64 form of 169.254.169.254
    "http://[2002:7f00:1::]/v1",  # 6to4 form of 127.0.0.1
    "http://user:pw@localhost:80@example.org/v1",
    "file:///etc/passwd",
    "gopher://localhost:25/",
]


class Answer(BaseModel):
    text: str


async def test_a_personal_url_into_the_instance_network_is_refused(session_factory) -> None:
    owner = await new_account(session_factory, "ada")
    accepted = []
    for url in INWARD_URLS:
        try:
            async with session_factory.begin() as session:
                await save_personal(session, owner, url, "llama3.1", "sk-key", settings=SETTINGS)
            accepted.append(url)
        except UserFacingError as refusal:
            assert re.search("private network|not an http|cannot be found", str(refusal)), url
    assert accepted == []
    async with session_factory() as session:
        assert await resolve_connection(session, owner, SETTINGS) is None


async def test_a_name_that_turns_private_after_saving_reaches_nothing(
    session_factory, scripted_llm
) -> None:
    owner = await new_account(session_factory, "ada")
    # As if the name resolved to a public address when saved and to loopback now.
    rebound = scripted_llm.base_url.replace("127.0.0.1", "localhost")
    async with session_factory.begin() as session:
        await upsert_settings(session, owner, base_url=rebound, model="scripted",
                              encrypted_key=None, timeout_s=5)
    async with session_factory() as session:
        connection = await resolve_connection(session, owner, SETTINGS)
    assert connection is not None
    refused = r"'localhost' points into a private network \((127\.0\.0\.1|::1)\)"
    with pytest.raises(UserFacingError, match=refused):
        await structured_call(connection, Answer, [HumanMessage("hello")], purpose="answer")
    assert scripted_llm.requests == []


@pytest.fixture
def redirector(scripted_llm) -> Iterator[str]:
    """A server that sends every request on to the scripted model (an inward address)."""
    target = scripted_llm.url

    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            self.send_response(307)
            self.send_header("Location", target + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


async def test_no_model_connection_follows_a_redirect(redirector: str, scripted_llm) -> None:
    scripted_llm.set_default(None)
    # Even the admin's instance default, which may use private addresses, does not follow one.
    connection = ModelConnection(base_url=redirector, api_key=SecretStr("sk-instance"),
                                 model="scripted", timeout_s=5, max_retries=0)
    with pytest.raises(UserFacingError, match="HTTP 307"):
        await structured_call(connection, Answer, [HumanMessage("hello")], purpose="answer")
    assert scripted_llm.requests == []

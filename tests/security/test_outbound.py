"""A personal model URL cannot make the server reach its own network; no one follows redirects.

The saved-URL check is attacked by names that resolve privately, IPv6 forms that embed a private
IPv4 address, a URL whose name resolves privately only after it was saved (DNS rebinding, made
here by writing the row directly, then by a DNS that changes its answer), and a public-looking
server that redirects inward.

The connection itself is attacked by a DNS answer that flips between two lookups: public for
whoever checks, 127.0.0.1 for whoever connects. `FakeDNS` stands in for the DNS at the
`socket.getaddrinfo` level (the only stand-in here); the servers are real sockets on 127.0.0.1.
A connection that would leave the machine (to the "public" answer) is cut by an httpcore trace
hook right after the TCP handshake, before a byte of HTTP is sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import ipaddress
import re
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx2
import pytest
from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from langchain_core.messages import HumanMessage
from pydantic import BaseModel, SecretStr
from support.llm_script import structured
from tool_harness import new_account

from core.errors import UserFacingError
from core.settings import Settings
from db.llm_settings import upsert_settings
from llm.outbound import PrivateAddressRefused, model_http_clients
from llm.structured import ModelConnection, structured_call
from workflows.accounts.model_settings import resolve_connection, save_personal

# An instance other machines can reach: no personal URL may reach inside, loopback included.
SETTINGS = Settings(encryption_keys=SecretStr(Fernet.generate_key().decode()),
                    allow_private_model_urls=False, host="0.0.0.0", trusted_proxies="")
# `make run` on a laptop: only this machine reaches the instance, so its loopback is allowed.
LOOPBACK_ONLY = SETTINGS.model_copy(update={"host": "127.0.0.1"})
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


@pytest.mark.db
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


@pytest.mark.db
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


# --- DNS rebinding at connection time -----------------------------------------------------------

PUBLIC = "93.184.216.34"  # vetted as public; any connection to it is cut before HTTP is sent
KINDS = ["async", "sync"]


def _address_info(address: str, port: int) -> tuple[Any, ...]:
    if ipaddress.ip_address(address).version == 6:
        return (socket.AF_INET6, socket.SOCK_STREAM, socket.IPPROTO_TCP, "",
                (address, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port))


@dataclass
class FakeDNS:
    """Answers for a few made-up names, as a rebinding attacker's DNS server with a zero TTL
    would: each lookup gets the next scripted answer (the last one repeats). Every other name
    (localhost, the database's host, IP literals) is resolved by the real resolver."""

    real: Callable[..., list[Any]]
    answers: dict[str, list[list[str]]] = field(default_factory=dict)
    lookups: dict[str, int] = field(default_factory=dict)

    def answer(self, name: str, *answers: list[str]) -> None:
        self.answers[name] = list(answers)

    def __call__(self, host: Any, port: Any, family: int = 0, type: int = 0, proto: int = 0,
                 flags: int = 0) -> list[Any]:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in self.answers:
            return self.real(host, port, family, type, proto, flags)
        self.lookups[name] = self.lookups.get(name, 0) + 1
        queue = self.answers[name]
        addresses = queue.pop(0) if len(queue) > 1 else queue[0]
        return [_address_info(address, int(port or 0)) for address in addresses]


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> FakeDNS:
    """socket.getaddrinfo is what the event loop's and the sockets' lookups call."""
    fake = FakeDNS(socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return fake


@dataclass(frozen=True)
class Seen:
    method: str
    target: str
    host: str


@dataclass
class Listener:
    port: int
    requests: list[Seen] = field(default_factory=list)


def _serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A real HTTP server on 127.0.0.1 only (also usable as a forwarding proxy): it records
    every request it hears and answers 200."""
    heard: list[Seen] = []

    class Record(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            heard.append(Seen(self.command, self.path, self.headers.get("Host", "")))
            body = b'{"object": "list", "data": []}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    for port in _serve(Record):
        yield Listener(port, heard)


class LeftTheMachine(Exception):
    """The test cut a connection to a non-loopback address before anything was sent on it."""


@dataclass
class Outcome:
    connected: list[str] = field(default_factory=list)  # the peer of every TCP connection made
    response: httpx2.Response | None = None
    error: BaseException | None = None


def _cut_if_outside(outcome: Outcome, event: str, info: dict[str, Any]) -> bool:
    """Record the address a connection reached; True when it is not this machine's loopback."""
    if event != "connection.connect_tcp.complete":
        return False
    address = str(info["return_value"].get_extra_info("server_addr")[0])
    outcome.connected.append(address)
    return not ipaddress.ip_address(address.split("%")[0]).is_loopback


async def _fetch_async(url: str, private_allowed: bool, loopback_allowed: bool) -> Outcome:
    outcome = Outcome()
    clients = model_http_clients(private_allowed=private_allowed,
                                 loopback_allowed=loopback_allowed)
    clients["http_client"].close()

    async def trace(event: str, info: dict[str, Any]) -> None:
        if _cut_if_outside(outcome, event, info):
            await info["return_value"].aclose()
            raise LeftTheMachine(outcome.connected[-1])

    async with clients["http_async_client"] as client:
        try:
            outcome.response = await client.get(url, timeout=3, extensions={"trace": trace})
        except (httpx2.HTTPError, LeftTheMachine) as exc:
            outcome.error = exc
    return outcome


def _fetch_sync(url: str, private_allowed: bool, loopback_allowed: bool) -> Outcome:
    outcome = Outcome()
    clients = model_http_clients(private_allowed=private_allowed,
                                 loopback_allowed=loopback_allowed)

    def trace(event: str, info: dict[str, Any]) -> None:
        if _cut_if_outside(outcome, event, info):
            info["return_value"].close()
            raise LeftTheMachine(outcome.connected[-1])

    with clients["http_client"] as client:
        try:
            outcome.response = client.get(url, timeout=3, extensions={"trace": trace})
        except (httpx2.HTTPError, LeftTheMachine) as exc:
            outcome.error = exc
    return outcome


async def fetch(
    kind: str, url: str, *, private_allowed: bool = False, loopback_allowed: bool = False
) -> Outcome:
    """One GET through the clients ChatOpenAI is given (the async one or the sync one)."""
    if kind == "async":
        return await _fetch_async(url, private_allowed, loopback_allowed)
    return await asyncio.to_thread(_fetch_sync, url, private_allowed, loopback_allowed)


FLIPS = {
    "public, then loopback": ([PUBLIC], ["127.0.0.1"]),
    "public, then IPv4-mapped loopback": ([PUBLIC], ["::ffff:127.0.0.1"]),
    "public, then the metadata address": ([PUBLIC], ["169.254.169.254"]),
    "public, then a private network": ([PUBLIC], ["10.0.0.7"]),
    "public and loopback in one answer": ([PUBLIC, "127.0.0.1"],),
    "loopback first, public after": (["127.0.0.1"], [PUBLIC]),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("answers", FLIPS.values(), ids=FLIPS.keys())
async def test_a_dns_answer_that_flips_between_check_and_connect_reaches_nothing_inside(
    kind: str, answers: tuple[list[str], ...], dns: FakeDNS, listener: Listener
) -> None:
    dns.answer("flip.rebind.test", *answers)
    outcome = await fetch(kind, f"http://flip.rebind.test:{listener.port}/v1/models")
    assert listener.requests == [], "a request reached the server on 127.0.0.1"
    assert outcome.response is None
    assert dns.lookups["flip.rebind.test"] == 1, "one lookup serves the check and the connection"
    assert set(outcome.connected) <= {PUBLIC}, f"connected to {outcome.connected}"
    if not all(address == PUBLIC for address in answers[0]):
        assert isinstance(outcome.error, PrivateAddressRefused), outcome.error
        assert outcome.connected == []


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("host", ["127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "localhost"])
async def test_an_inward_address_is_refused_at_connect_time(
    kind: str, host: str, listener: Listener
) -> None:
    outcome = await fetch(kind, f"http://{host}:{listener.port}/v1/models")
    assert isinstance(outcome.error, PrivateAddressRefused), outcome.error
    assert outcome.connected == [] and listener.requests == []


@pytest.mark.db
async def test_a_name_saved_while_public_that_rebinds_later_is_refused_when_used(
    session_factory, scripted_llm, dns: FakeDNS
) -> None:
    owner = await new_account(session_factory, "ada")
    dns.answer("model.rebind.test", [PUBLIC], ["127.0.0.1"])
    url = scripted_llm.base_url.replace("127.0.0.1", "model.rebind.test")
    async with session_factory.begin() as session:
        await save_personal(session, owner, url, "scripted", "sk-key", settings=SETTINGS)
    async with session_factory() as session:
        connection = await resolve_connection(session, owner, SETTINGS)
    assert connection is not None and connection.private_allowed is False
    refused = r"'model\.rebind\.test' points into a private network \(127\.0\.0\.1\)"
    with pytest.raises(UserFacingError, match=refused):
        await structured_call(connection, Answer, [HumanMessage("hello")], purpose="answer")
    assert scripted_llm.requests == []
    # Once when saved (public), then once for the one attempt: a refusal is not retried, so
    # the person hears it at once instead of after the backoff waits.
    assert dns.lookups["model.rebind.test"] == 2


@pytest.mark.parametrize("kind", KINDS)
async def test_the_connection_goes_to_the_address_looked_up_once_under_the_url_host(
    kind: str, dns: FakeDNS, listener: Listener
) -> None:
    # The instance's own model may use private addresses; its connections are pinned all the
    # same. A second lookup would get 127.0.0.2, where nothing listens.
    dns.answer("pinned.rebind.test", ["127.0.0.1"], ["127.0.0.2"])
    outcome = await fetch(kind, f"http://pinned.rebind.test:{listener.port}/v1/models",
                          private_allowed=True)
    assert outcome.response is not None and outcome.response.status_code == 200, outcome.error
    assert outcome.connected == ["127.0.0.1"]
    assert dns.lookups["pinned.rebind.test"] == 1
    assert listener.requests == [Seen("GET", "/v1/models", f"pinned.rebind.test:{listener.port}")]


@pytest.mark.parametrize("kind", KINDS)
async def test_a_vetted_address_that_refuses_gives_way_to_the_next_vetted_one(
    kind: str, dns: FakeDNS, listener: Listener
) -> None:
    dns.answer("twice.rebind.test", ["::1", "127.0.0.1"])  # nothing listens on ::1
    outcome = await fetch(kind, f"http://twice.rebind.test:{listener.port}/v1/models",
                          private_allowed=True)
    assert outcome.response is not None and outcome.response.status_code == 200, outcome.error
    assert outcome.connected == ["127.0.0.1"]
    assert len(listener.requests) == 1


@dataclass
class TLSListener:
    port: int
    server_names: list[str | None]


@pytest.fixture
def tls_listener(tmp_path: Path) -> Iterator[TLSListener]:
    """A TLS server on 127.0.0.1 with a self-signed certificate for tls.rebind.test: it records
    the name each client asks for (SNI), which is also the name the client verifies."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "tls.rebind.test")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("tls.rebind.test")]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    context.sni_callback = lambda _sock, server_name, _ctx: names.append(server_name)
    listening = socket.create_server(("127.0.0.1", 0))
    listening.settimeout(0.05)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listening.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(5)
                # The client refuses the self-signed certificate, as it should.
                with contextlib.suppress(ssl.SSLError, OSError):
                    context.wrap_socket(conn, server_side=True).close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield TLSListener(listening.getsockname()[1], names)
    stop.set()
    thread.join(5)
    listening.close()


@pytest.mark.parametrize("kind", KINDS)
async def test_tls_names_and_verifies_the_url_host_not_the_pinned_address(
    kind: str, dns: FakeDNS, tls_listener: TLSListener
) -> None:
    dns.answer("tls.rebind.test", ["127.0.0.1"])
    outcome = await fetch(kind, f"https://tls.rebind.test:{tls_listener.port}/v1/models",
                          private_allowed=True)
    assert outcome.connected == ["127.0.0.1"]
    assert isinstance(outcome.error, httpx2.ConnectError), outcome.error
    assert "CERTIFICATE_VERIFY_FAILED" in str(outcome.error), "a self-signed certificate"
    assert tls_listener.server_names == ["tls.rebind.test"]


PROXY_VARIABLES = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"]


@pytest.mark.parametrize("kind", KINDS)
# Loopback is stopped even where a direct connection may reach it: the proxy's is not ours.
@pytest.mark.parametrize("loopback_allowed", [False, True], ids=["reachable", "loopback-only"])
async def test_through_an_operators_proxy_public_names_pass_and_inward_ones_stop_here(
    kind: str, loopback_allowed: bool, dns: FakeDNS, listener: Listener,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in PROXY_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
        monkeypatch.delenv(variable.lower(), raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{listener.port}")
    dns.answer("public.proxied.test", [PUBLIC])
    dns.answer("inward.proxied.test", ["127.0.0.1"])

    passed = await fetch(kind, "http://public.proxied.test/v1/models",
                         loopback_allowed=loopback_allowed)
    assert passed.response is not None and passed.response.status_code == 200, passed.error
    assert passed.connected == ["127.0.0.1"], "the proxy's own address is the operator's choice"
    assert listener.requests == [
        Seen("GET", "http://public.proxied.test/v1/models", "public.proxied.test")]

    refused = await fetch(kind, "http://inward.proxied.test/v1/models",
                          loopback_allowed=loopback_allowed)
    assert isinstance(refused.error, PrivateAddressRefused), refused.error
    assert refused.connected == [] and len(listener.requests) == 1


# --- an instance only its own machine can reach: loopback yes, the rest of the inside no -------

LOOPBACK_URLS = [
    "http://localhost:11434/v1",
    "http://127.0.0.1:8000/v1",
    "http://127.1/v1",
    "http://2130706433/v1",
    "http://[::1]:8000/v1",
    "http://[::ffff:127.0.0.1]:8000/v1",
]


@pytest.mark.parametrize(("host", "proxies", "public_url", "allowed"), [
    ("127.0.0.1", "", None, True), ("localhost", "", None, True), ("::1", "", None, True),
    ("[::1]", "", None, True), ("127.0.0.1", "", "http://localhost:8000", True),
    ("0.0.0.0", "", None, False), ("::", "", None, False), ("192.168.1.5", "", None, False),
    ("tailor.example.org", "", None, False),
    # Behind a reverse proxy on the same machine the instance is reachable from anywhere.
    ("127.0.0.1", "127.0.0.1", None, False),
    ("127.0.0.1", "", "https://tailor.example.org", False),
])
def test_loopback_model_urls_are_allowed_only_where_nobody_else_reaches_the_instance(
    host: str, proxies: str, public_url: str | None, allowed: bool
) -> None:
    settings = SETTINGS.model_copy(
        update={"host": host, "trusted_proxies": proxies, "public_url": public_url}
    )
    assert settings.personal_loopback_allowed is allowed
    assert settings.model_copy(
        update={"allow_private_model_urls": True}
    ).personal_loopback_allowed is True


@pytest.mark.db
async def test_on_a_loopback_only_instance_loopback_is_saved_and_the_rest_still_refused(
    session_factory,
) -> None:
    owner = await new_account(session_factory, "ada")
    accepted = []
    for url in INWARD_URLS:
        try:
            async with session_factory.begin() as session:
                await save_personal(session, owner, url, "llama3.1", None, settings=LOOPBACK_ONLY)
            accepted.append(url)
        except UserFacingError as refusal:
            assert re.search("private network|not an http|cannot be found", str(refusal)), url
    assert accepted == LOOPBACK_URLS
    for url in LOOPBACK_URLS:  # and the same URLs on a reachable instance: refused
        with pytest.raises(UserFacingError, match="private network"):
            async with session_factory.begin() as session:
                await save_personal(session, owner, url, "llama3.1", None, settings=SETTINGS)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
async def test_loopback_allowed_reaches_this_machine(
    kind: str, host: str, listener: Listener
) -> None:
    outcome = await fetch(kind, f"http://{host}:{listener.port}/v1/models",
                          loopback_allowed=True)
    assert outcome.error is None and outcome.response is not None
    assert outcome.response.status_code == 200 and len(listener.requests) == 1


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("answers", [
    (["10.0.0.7"],), (["169.254.169.254"],), (["127.0.0.1", "192.168.1.1"],),
], ids=["private network", "metadata", "loopback with a private address"])
async def test_loopback_allowed_still_refuses_the_rest_of_the_inside(
    kind: str, answers: tuple[list[str], ...], dns: FakeDNS, listener: Listener
) -> None:
    dns.answer("inside.rebind.test", *answers)
    outcome = await fetch(kind, f"http://inside.rebind.test:{listener.port}/v1/models",
                          loopback_allowed=True)
    assert isinstance(outcome.error, PrivateAddressRefused), outcome.error
    assert outcome.connected == [] and listener.requests == []


@pytest.mark.db
async def test_a_personal_loopback_model_answers_on_a_loopback_only_instance(
    session_factory, scripted_llm
) -> None:
    owner = await new_account(session_factory, "ada")
    async with session_factory.begin() as session:
        await save_personal(session, owner, scripted_llm.base_url, "scripted", None,
                            settings=LOOPBACK_ONLY)
    async with session_factory() as session:
        connection = await resolve_connection(session, owner, LOOPBACK_ONLY)
        reachable = await resolve_connection(session, owner, SETTINGS)
    assert connection is not None and connection.loopback_allowed is True
    assert reachable is not None and reachable.loopback_allowed is False
    with pytest.raises(UserFacingError, match="private network"):
        await structured_call(reachable, Answer, [HumanMessage("hello")], purpose="answer")
    assert scripted_llm.requests == []
    scripted_llm.add(structured({"text": "hello from this machine"}))
    answer = await structured_call(connection, Answer, [HumanMessage("hello")], purpose="answer")
    assert answer.text == "hello from this machine"

"""The model client: one place that talks to any OpenAI-compatible server for structured answers.

We retry model calls ourselves (the client's own retries are off) so that Retry-After is
honoured and a timeout is not asked again: a server that used the whole timeout is busy or too slow
for the model, and the client's retries tripled the wait before the person heard anything. Waits of
structured calls are shown; the final failure is one `UserFacingError` that says what to do. The
agent's streaming call is retried by `assistant.agent_middleware.ModelFromContext` with
`agent_retry_delay`. A structured answer
that is prose or broken JSON is a model mistake: it gets one repair attempt, then a clear failure.
How a structured answer is asked for on servers that refuse or ignore ``response_format`` is
`llm_formats`; a server that cannot offer tools at all is named by `agent_model_quirks`.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import openai
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from langchain_openai import ChatOpenAI
from langchain_openai.chat_models.base import BaseChatOpenAI
from pydantic import BaseModel, SecretStr, ValidationError

from core.errors import UserFacingError
from llm.agent_model_quirks import cannot_call_tools, no_tools_message
from llm.formats import (
    Method,
    first_method,
    json_text,
    next_method,
    refuses_response_format,
    remember,
    request_options,
    with_schema_prompt,
)
from llm.outbound import model_http_clients, refusal_in
from llm.reply_limits import ReplyLimits, capped_stream, check_reply

T = TypeVar("T", bound=BaseModel)
WaitNotice = Callable[[str], Awaitable[None]]

MAX_WAIT_S = 30.0
# Ollama unloads an idle model after 5 minutes and LM Studio and llama-server load on demand:
# the first answer after that waits for the model to load (see the README's server table).
LOCAL_TIMEOUT_ADVICE = (
    "A local server that is still loading the model can take minutes for its first answer: "
    "300 s suits Ollama, LM Studio and llama.cpp on a laptop."
)
REPAIR_INSTRUCTION = (
    "Your last answer was not valid JSON for the requested schema ({problem}). "
    "Answer again with only a JSON object that matches the schema, no prose."
)


@dataclass(frozen=True)
class ModelConnection:
    base_url: str | None
    api_key: SecretStr | None
    model: str
    timeout_s: float = 120
    # A server that does not even accept the connection is down or unreachable; that is known
    # in seconds, so the person is not kept waiting the whole answer timeout to hear it.
    connect_timeout_s: float = 10
    max_retries: int = 2  # after the first attempt, for refused connections, 429 and 5xx
    backoff_s: float = 0.5  # first wait; doubles per retry (Retry-After wins when given)
    # The instance's own settings may reach local models; a person's own URL only if allowed.
    private_allowed: bool = True
    # A person's own URL on an instance only this machine can reach: loopback, nothing else.
    loopback_allowed: bool = False
    limits: ReplyLimits = ReplyLimits()

    @property
    def label(self) -> str:
        """What to show and store as "the model used": never the key."""
        return f"{self.model} @ {self.base_url}" if self.base_url else self.model


class CappedChatOpenAI(ChatOpenAI):
    """ChatOpenAI whose replies are held to ``reply_limits`` (see ``reply_limits``): streamed
    ones while they arrive, with argument fragments joined; whole ones once received. Every
    model call of the app, the agent's and the structured ones, is made with this class."""

    reply_limits: ReplyLimits = ReplyLimits()

    async def _astream(self, *args: Any, **kwargs: Any) -> AsyncIterator[ChatGenerationChunk]:
        # aclosing: a reply stopped at a limit closes its connection now, not at collection.
        # BaseChatOpenAI's generator itself (which holds the response in ``async with``), not
        # ChatOpenAI's router around it (we never use the Responses API): closing the router
        # would leave the inner generator to the garbage collector, which cannot await.
        chunks = BaseChatOpenAI._astream(self, *args, **kwargs)  # noqa: SLF001
        async with contextlib.aclosing(chunks):
            async for chunk in capped_stream(chunks, self.reply_limits):
                yield chunk

    async def _agenerate(self, *args: Any, **kwargs: Any) -> ChatResult:
        return check_reply(await super()._agenerate(*args, **kwargs), self.reply_limits)


def chat_model(conn: ModelConnection, *, streaming: bool = False) -> ChatOpenAI:
    return CappedChatOpenAI(
        reply_limits=conn.limits,
        base_url=conn.base_url,
        # The client refuses to start without a key; local servers accept any.
        api_key=conn.api_key or SecretStr("not-needed"),
        model=conn.model,
        streaming=streaming,
        stream_usage=True,
        use_responses_api=False,
        **model_http_clients(
            private_allowed=conn.private_allowed, loopback_allowed=conn.loopback_allowed,
            limits=conn.limits,
        ),
        timeout=openai.Timeout(conn.timeout_s,
                               connect=min(conn.connect_timeout_s, conn.timeout_s)),
        max_retries=0,
    )


# --- usage accounting (benchmarks and provenance) ----------------------------------------------


@dataclass(frozen=True)
class CallRecord:
    purpose: str
    started: float
    ended: float
    prompt_tokens: int
    completion_tokens: int


@dataclass
class UsageMeter:
    """Collects every model call made while it is active (see `metering`)."""

    calls: list[CallRecord] = field(default_factory=list)

    @property
    def prompt_tokens(self) -> int:
        return sum(c.prompt_tokens for c in self.calls)

    @property
    def completion_tokens(self) -> int:
        return sum(c.completion_tokens for c in self.calls)


_meter: contextvars.ContextVar[UsageMeter | None] = contextvars.ContextVar("meter", default=None)


def metering(meter: UsageMeter) -> contextvars.Token[UsageMeter | None]:
    """Record calls into `meter` from this context (and tasks started from it)."""
    return _meter.set(meter)


def _record(purpose: str, started: float, message: AIMessage) -> None:
    meter = _meter.get()
    if meter is None:
        return
    usage = message.usage_metadata or {}
    meter.calls.append(
        CallRecord(
            purpose,
            started,
            time.monotonic(),
            int(usage.get("input_tokens", 0)),
            int(usage.get("output_tokens", 0)),
        )
    )


# --- errors -------------------------------------------------------------------------------------


class _ModelMistake(Exception):
    """The answer was not the structure asked for; the model may fix it when told."""


def _retry_after_s(exc: openai.APIStatusError) -> float | None:
    value = exc.response.headers.get("retry-after") if exc.response is not None else None
    try:
        return min(float(value), MAX_WAIT_S) if value else None
    except ValueError:
        return None


def _is_transient(exc: BaseException) -> bool:
    # llama-server refuses tools with HTTP 500: that answer will not change on a retry.
    if refusal_in(exc) is not None or cannot_call_tools(exc):
        return False
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    return False


def agent_retry_delay(exc: BaseException, attempt: int, conn: ModelConnection) -> float | None:
    """Seconds to wait before the agent's model call is asked again, or None to give up.

    Not retried: a timeout (see the module's docstring), and an answer that broke off midway,
    whose first half the person has already seen streaming in.
    """
    if attempt >= conn.max_retries or not _is_transient(exc) or _broke_off(exc) or (
        isinstance(exc, openai.APITimeoutError) and not never_connected(exc)
    ):
        return None
    if isinstance(exc, openai.APIStatusError) and (waited := _retry_after_s(exc)) is not None:
        return waited
    return min(conn.backoff_s * 2**attempt, MAX_WAIT_S)


def never_connected(exc: BaseException) -> bool:
    """The time ran out before the server accepted the connection (not while it answered)."""
    seen: BaseException | None = exc
    while seen is not None:
        if type(seen).__name__ == "ConnectTimeout":  # httpx2's or httpcore2's
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _broke_off(exc: BaseException) -> bool:
    """The connection was made and then closed mid-reply (not refused, not timed out)."""
    seen: BaseException | None = exc
    while seen is not None:
        # By name: the openai client may ship its own copy of httpx (`httpx2`).
        if type(seen).__name__ == "RemoteProtocolError":
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def describe_model_error(exc: BaseException, conn: ModelConnection | None = None) -> str:
    """A sentence for the person: what went wrong with the model server and what to do."""
    if (refused := refusal_in(exc)) is not None:
        return str(refused)
    where = f"The model server at {conn.base_url}" if conn and conn.base_url else "The model server"
    if cannot_call_tools(exc):
        return no_tools_message(conn.model if conn else None, conn.base_url if conn else None)
    if isinstance(exc, openai.APITimeoutError) and never_connected(exc):
        limit = f" within {min(conn.connect_timeout_s, conn.timeout_s):g} s" if conn else ""
        return (f"{where} could not be reached: it did not accept a connection{limit}. Check "
                "the base URL in /settings and that the server is up.")
    if isinstance(exc, openai.APITimeoutError):
        limit = f" within {conn.timeout_s:g} s" if conn else ""
        return (
            f"{where} did not answer{limit}. Check that it is running or raise the timeout "
            f"in /settings. {LOCAL_TIMEOUT_ADVICE}"
        )
    if isinstance(exc, openai.APIConnectionError) and _broke_off(exc):
        return f"{where} broke off its answer halfway. Try again; nothing of it was kept."
    if isinstance(exc, openai.APIConnectionError):
        return f"{where} could not be reached. Check the base URL in /settings and that it is up."
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return f"{where} refused the API key. Set a valid key in /settings."
    if isinstance(exc, openai.NotFoundError):
        model = f" '{conn.model}'" if conn else ""
        return f"{where} does not know the model{model}. Pick one it serves in /settings."
    if isinstance(exc, openai.RateLimitError):
        return f"{where} is rate-limiting requests. Wait a minute and try again."
    if isinstance(exc, openai.APIStatusError):
        return (
            f"{where} answered with an error (HTTP {exc.status_code}). Try again later or "
            "choose another model in /settings."
        )
    return f"{where} failed: {exc}. Try again later."


# --- structured calls ---------------------------------------------------------------------------


def _without_titles(node: Any) -> Any:
    """Pydantic's generated "title" keywords repeat the field names, and "default" tells the
    model nothing it must write (the answer is validated by pydantic, which fills defaults):
    prompt tokens for nothing."""
    if isinstance(node, list):
        return [_without_titles(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "title" and isinstance(value, str) or key == "default":
            continue
        if key in ("properties", "$defs") and isinstance(value, dict):
            out[key] = {name: _without_titles(sub) for name, sub in value.items()}
        else:
            out[key] = _without_titles(value)
    return out


def _references(node: Any) -> list[str]:
    if isinstance(node, list):
        return [name for item in node for name in _references(item)]
    if not isinstance(node, dict):
        return []
    ref = node.get("$ref")
    own = [ref.rsplit("/", 1)[1]] if isinstance(ref, str) and ref.startswith("#/$defs/") else []
    return own + [name for key, value in node.items() if key != "$ref"
                  for name in _references(value)]


def _inlined(schema: dict[str, Any]) -> dict[str, Any]:
    """Definitions used once written in place: "$defs", its name and the "$ref" cost tokens on
    every call (a tailoring sends its role schema once per role). Shared or recursive ones
    stay."""
    defs = schema.get("$defs")
    if not isinstance(defs, dict):
        return schema
    uses: dict[str, int] = {}
    for name in _references(schema):
        uses[name] = uses.get(name, 0) + 1
    once = {name for name, count in uses.items()
            if count == 1 and name in defs and name not in _references(defs[name])}

    def place(node: Any) -> Any:
        if isinstance(node, list):
            return [place(item) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.rsplit("/", 1)[-1] in once and len(node) == 1:
            return place(defs[ref.rsplit("/", 1)[1]])
        return {key: place(value) for key, value in node.items() if key != "$defs"}

    out = place(schema)
    kept = {name: place(sub) for name, sub in defs.items() if name not in once}
    if kept:
        out["$defs"] = kept
    return out


def wire_schema(schema: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema as sent to the server."""
    return _inlined(_without_titles(schema.model_json_schema()))


def _parse_json(schema: type[T], message: AIMessage) -> T:
    content = message.content if isinstance(message.content, str) else ""
    try:
        return schema.model_validate_json(json_text(content))
    except ValidationError as exc:
        raise _ModelMistake(_first_problem(exc)) from exc


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error.get("loc", ())) or "answer"
    return f"{where}: {error.get('msg', 'invalid')}"


class _Caller:
    """One structured request; its method steps down once per refusal (see ``llm_formats``)."""

    def __init__(self, conn: ModelConnection, schema: type[BaseModel], purpose: str,
                 on_wait: WaitNotice | None) -> None:
        self.conn, self.schema, self.purpose, self.on_wait = conn, schema, purpose, on_wait
        self.method: Method = first_method(conn.base_url, conn.model)
        self.model = chat_model(conn)

    async def once(self, messages: Sequence[BaseMessage]) -> Any:
        started = time.monotonic()
        wire = wire_schema(self.schema)
        message = await self.model.ainvoke(
            with_schema_prompt(self.method, list(messages), wire),
            **request_options(self.method, self.schema.__name__, wire),
        )
        _record(self.purpose, started, message)
        remember(self.conn.base_url, self.conn.model, self.method)
        return _parse_json(self.schema, message)

    async def transient_safe(self, messages: Sequence[BaseMessage]) -> Any:
        retries = max(0, self.conn.max_retries)
        attempt = 0
        while True:
            try:
                return await self.once(messages)
            except openai.APIStatusError as exc:
                weaker = next_method(self.method) if refuses_response_format(exc) else None
                if weaker is not None:
                    self.method = weaker  # a step down, not a retry
                    continue
                if not _is_transient(exc) or attempt >= retries:
                    raise UserFacingError(self._failure(exc)) from exc
                await self._wait(_retry_after_s(exc) or self._backoff(attempt), exc, attempt)
            except openai.APITimeoutError as exc:
                # A server that used the whole timeout is busy or too slow for this model:
                # asking again only multiplies the wait before the person hears anything. One
                # that did not accept the connection may be restarting: that is asked again.
                if not never_connected(exc) or attempt >= retries:
                    raise UserFacingError(self._failure(exc)) from exc
                await self._wait(self._backoff(attempt), exc, attempt)
            except openai.APIConnectionError as exc:
                # A refused private address stays refused: waiting and asking again only
                # delays the person's answer.
                if not _is_transient(exc) or attempt >= retries:
                    raise UserFacingError(self._failure(exc)) from exc
                await self._wait(self._backoff(attempt), exc, attempt)
            attempt += 1

    async def _wait(self, seconds: float, exc: BaseException, attempt: int) -> None:
        if self.on_wait is not None:
            why = (f"HTTP {exc.status_code}" if isinstance(exc, openai.APIStatusError)
                   else "no answer")
            await self.on_wait(f"The model server failed ({why}); retry {attempt + 1} of "
                               f"{self.conn.max_retries} in {seconds:.0f} s")
        await asyncio.sleep(seconds)

    def _backoff(self, attempt: int) -> float:
        return min(self.conn.backoff_s * 2**attempt, MAX_WAIT_S)

    def _failure(self, exc: BaseException) -> str:
        return f"Could not {self.purpose}: {describe_model_error(exc, self.conn)}"


async def structured_call(
    conn: ModelConnection, schema: type[T], messages: Sequence[BaseMessage], *, purpose: str,
    on_wait: WaitNotice | None = None,
) -> T:
    """Ask for `schema`; `purpose` completes "Could not ..." in the message the person sees;
    `on_wait` hears about each retry before its wait (e.g. a progress step's `update`)."""
    caller = _Caller(conn, schema, purpose, on_wait)
    try:
        return await caller.transient_safe(messages)
    except _ModelMistake as first:
        repair = HumanMessage(REPAIR_INSTRUCTION.format(problem=first))
        try:
            return await caller.transient_safe([*messages, repair])
        except _ModelMistake as second:
            raise UserFacingError(
                f"Could not {purpose}: the model at {conn.label} did not return the expected "
                f"structure twice ({second}). Try again, or choose a model that supports "
                "structured output in /settings."
            ) from second


def as_data(text: str, label: str) -> str:
    """Wrap untrusted text so the prompt treats it as quoted material, never as instructions."""
    # Strip our own delimiters from the text, so a document cannot close its block early.
    cleaned = text.replace("<<<", "«").replace(">>>", "»")
    return f"<<<{label}\n{cleaned}\n>>>"


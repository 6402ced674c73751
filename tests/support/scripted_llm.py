"""A scripted OpenAI-compatible chat-completions server for tests.

In process (its own event loop in a background thread)::

    with ScriptedLLM(text("Hello"), tool_call("save_job", {"title": "SRE"})) as llm:
        ChatOpenAI(base_url=llm.base_url, api_key="test-key", model="scripted", ...)
        ...
        assert llm.requests[0].messages[-1]["content"] == "hi"

As its own process, for end-to-end tests where the app server is another process
(`ScriptedLLMProcess` does this for you)::

    PYTHONPATH=tests python -m support.scripted_llm --port 0 --script script.json

prints `scripted LLM listening on http://127.0.0.1:PORT` once it accepts connections. The script
file format is in `llm_script.script_from_json`. `GET /_scripted/requests` returns what it recorded
and `POST /_scripted/script` (same JSON format) queues more replies and rules.

The import name is `support`, not `tests.support`: literalai (a Chainlit dependency) installs a
top-level `tests` package that shadows this folder, which has no `__init__.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import socket
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from aiohttp import web

from .llm_script import (
    RecordedRequest,
    Reply,
    Rule,
    ScriptFileError,
    Step,
    error,
    script_from_json,
)
from .openai_wire import completion_body, error_payload, resolve, stream_chunks
from .quirk_profiles import PROFILES, Quirks, profile
from .script_book import ScriptBook

START_TIMEOUT_S = 10.0


class ScriptedLLM(ScriptBook):
    """An OpenAI-compatible server that answers from a script and records every request."""

    def __init__(
        self,
        *replies: Step,
        rules: Iterable[Rule] = (),
        default: Reply | None = None,
        models: Iterable[str] = ("scripted",),
        host: str = "127.0.0.1",
        port: int = 0,
        quirks: Quirks | None = None,
    ) -> None:
        super().__init__(*replies, rules=rules, default=default)
        # How a real local server differs (see quirk_profiles); settable between tests.
        self.quirks = quirks or Quirks()
        self._models = list(models)
        self._host, self._requested_port = host, port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("the scripted LLM is not running; call start() or use `with`")
        return f"http://{self._host}:{self.port}"

    @property
    def base_url(self) -> str:
        return self.url + "/v1"

    # --- lifecycle ---

    def start(self) -> ScriptedLLM:
        if self._thread is not None:
            raise RuntimeError("the scripted LLM is already running")
        ready = threading.Event()
        failure: list[BaseException] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._serve, args=(ready, failure), name="scripted-llm", daemon=True
        )
        self._thread.start()
        if not ready.wait(START_TIMEOUT_S):
            raise RuntimeError(f"the scripted LLM did not start within {START_TIMEOUT_S} s")
        if failure:
            self._thread.join()
            self._thread = None
            raise failure[0]
        return self

    def stop(self) -> None:
        if self._thread is None or self._loop is None:
            return
        asyncio.run_coroutine_threadsafe(self._cleanup(), self._loop).result(START_TIMEOUT_S)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(START_TIMEOUT_S)
        self._loop.close()
        self._thread, self._loop, self.port = None, None, None

    def __enter__(self) -> ScriptedLLM:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _serve(self, ready: threading.Event, failure: list[BaseException]) -> None:
        assert self._loop is not None
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_until_complete(self._start_site())
        except OSError as exc:  # port taken: the caller sees it from start()
            failure.append(exc)
            ready.set()
            return
        ready.set()
        self._loop.run_forever()

    async def _start_site(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._requested_port))
        self.port = sock.getsockname()[1]
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_post("/v1/chat/completions", self._chat_completions)
        app.router.add_get("/v1/models", self._models_list)
        app.router.add_get("/_scripted/requests", self._recorded)
        app.router.add_post("/_scripted/script", self._extend_script)
        app.router.add_route("*", "/{tail:.*}", self._unknown_path)
        # handler_cancellation: a client that gives up stops the reply, as on a real server.
        self._runner = web.AppRunner(
            app, access_log=None, shutdown_timeout=0.5, handler_cancellation=True
        )
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()

    async def _cleanup(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        # Replies still sleeping (long delays) must end before the loop closes.
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    # --- HTTP handlers (run on the server's loop) ---

    def _record(self, request: web.Request, body: dict[str, Any]) -> RecordedRequest:
        authorization = request.headers.get("Authorization")
        token = authorization.removeprefix("Bearer ").strip() if authorization else None
        headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
        return self.record(request.method, request.path, headers, body, token)

    async def _chat_completions(self, request: web.Request) -> web.StreamResponse:
        try:
            body = await request.json()
        except json.JSONDecodeError:
            body = None
        if not isinstance(body, dict):
            return _error_response(error(400, "The request body must be a JSON object."))
        recorded = self._record(request, body)
        quirks = self.quirks
        if (refusal := quirks.refusal(recorded)) is not None:
            return _error_response(refusal)
        reply = self.next_reply(recorded)
        if reply is None:
            last = recorded.last_message_text()[:200]
            return _error_response(
                error(
                    500,
                    f"scripted LLM: no reply scripted for request #{recorded.number} "
                    f"(last message: {last!r}); add one with add(), a rule or a default",
                ),
                retry=False,
            )
        reply = quirks.delivered(reply)
        if reply.delay_s:
            await asyncio.sleep(reply.delay_s)
        if reply.is_error:
            return _error_response(reply)
        completion = quirks.shaped(
            resolve(reply, recorded, honour_tool_choice=not quirks.ignores_tool_choice), reply
        )
        if not recorded.stream:
            if reply.drop_after_chunks is not None:
                return _cut(request, web.Response())
            return web.json_response(completion_body(completion))
        include_usage, usage_on_finish = quirks.stream_usage(
            bool((body.get("stream_options") or {}).get("include_usage"))
        )
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"}
        )
        await response.prepare(request)
        pause = 1.0 / reply.tokens_per_second if reply.tokens_per_second else 0.0
        chunks = stream_chunks(completion, include_usage, usage_on_finish=usage_on_finish)
        for sent, chunk in enumerate(chunks):
            if reply.drop_after_chunks is not None and sent >= reply.drop_after_chunks:
                return _cut(request, response)
            if pause and sent:
                await asyncio.sleep(pause)
            await response.write(f"data: {json.dumps(chunk)}\n\n".encode())
        await response.write(b"data: [DONE]\n\n")
        await response.write_eof()
        return response

    async def _models_list(self, request: web.Request) -> web.Response:
        self._record(request, {})
        data = [
            {"id": m, "object": "model", "created": 0, "owned_by": "scripted"} for m in self._models
        ]
        return web.json_response({"object": "list", "data": data})

    async def _recorded(self, request: web.Request) -> web.Response:
        return web.json_response([r.to_json() for r in self.requests])

    async def _extend_script(self, request: web.Request) -> web.Response:
        try:
            script = script_from_json(await request.json())
        except (json.JSONDecodeError, ScriptFileError, KeyError, TypeError) as exc:
            return web.json_response({"error": f"unusable script: {exc}"}, status=400)
        self.add(*script.replies)
        for rule in script.rules:
            self.add_rule(rule)
        if script.default is not None:
            self.set_default(script.default)
        return web.json_response({"queued": self.pending})

    async def _unknown_path(self, request: web.Request) -> web.Response:
        message = (
            f"scripted LLM serves POST /v1/chat/completions and GET /v1/models, not "
            f"{request.method} {request.path} (with ChatOpenAI set use_responses_api=False)"
        )
        return _error_response(error(404, message, error_type="invalid_request_error"))


def _error_response(reply: Reply, *, retry: bool = True) -> web.Response:
    headers = {"Content-Type": "application/json", **reply.headers}
    if not retry:
        # The openai client honours this: a gap in the script is not worth a retry.
        headers["x-should-retry"] = "false"
    return web.Response(status=reply.status, body=error_payload(reply), headers=headers)


def _cut(request: web.Request, response: web.StreamResponse) -> web.StreamResponse:
    # close() rather than abort(): chunks already written still reach the client, then EOF
    # arrives in the middle of the body, exactly like a server that died mid-answer.
    if request.transport is not None:
        request.transport.close()
    return response


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--script", type=Path, help="JSON script (see llm_script.script_from_json)")
    parser.add_argument("--profile", default="openai", choices=sorted(PROFILES),
                        help="which server's quirks to play (see quirk_profiles)")
    args = parser.parse_args(argv)
    try:
        document = json.loads(args.script.read_text()) if args.script else {}
        script = script_from_json(document)
    except (OSError, json.JSONDecodeError, ScriptFileError, KeyError, TypeError) as exc:
        print(f"scripted LLM: cannot use script {args.script}: {exc}", file=sys.stderr)
        return 2
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    server = ScriptedLLM(
        *script.replies, rules=script.rules, default=script.default, host=args.host, port=args.port,
        quirks=profile(args.profile),
    )
    with server:
        print(f"scripted LLM listening on {server.url}", flush=True)
        stop.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())

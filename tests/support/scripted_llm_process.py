"""The scripted LLM as a separate process, for end-to-end tests whose app runs in another process.

with ScriptedLLMProcess({"replies": [{"text": "Hello"}]}) as llm:
    start the app with OPENAI_BASE_URL=llm.base_url ...
    assert llm.requests()[0].bearer_token == "test-key"
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx

from .llm_script import RecordedRequest

START_TIMEOUT_S = 15.0
_LISTENING = "scripted LLM listening on "


def _module_and_path() -> tuple[str, str]:
    # The package may be imported as `tests.support` or `support` depending on sys.path; the
    # child process must import it under the same name from the same folder.
    package = __package__ or "support"
    root = Path(__file__).resolve().parent
    for _ in package.split("."):
        root = root.parent
    return f"{package}.scripted_llm", str(root)


class ScriptedLLMProcess:
    """Runs `python -m <package>.scripted_llm --script FILE` on a free port."""

    def __init__(
        self, script: dict[str, Any] | None = None, port: int = 0, profile: str = "openai"
    ) -> None:
        self._script = script or {}
        self._profile = profile  # a name in quirk_profiles.PROFILES
        self._port = port
        self._process: subprocess.Popen[str] | None = None
        self._script_dir: tempfile.TemporaryDirectory[str] | None = None
        self._log: Path | None = None
        self.url = ""

    @property
    def base_url(self) -> str:
        return self.url + "/v1"

    def start(self) -> ScriptedLLMProcess:
        self._script_dir = tempfile.TemporaryDirectory(prefix="scripted-llm-")
        script_file = Path(self._script_dir.name) / "script.json"
        script_file.write_text(json.dumps(self._script))
        module, import_root = _module_and_path()
        python_path = [import_root, *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(python_path)}
        # A file, not a pipe: nobody reads the child's log while it runs, and a full pipe blocks.
        self._log = Path(self._script_dir.name) / "server.log"
        self._process = subprocess.Popen(
            [sys.executable, "-m", module, "--port", str(self._port), "--script", str(script_file),
             "--profile", self._profile],
            stdout=subprocess.PIPE,
            stderr=self._log.open("w"),
            text=True,
            env=env,
        )
        first_line: list[str] = []
        reader = threading.Thread(
            target=lambda: first_line.append(self._process.stdout.readline()), daemon=True
        )
        reader.start()
        reader.join(START_TIMEOUT_S)
        line = first_line[0] if first_line else ""
        if not line.startswith(_LISTENING):
            log = self._log.read_text()
            self.stop()
            raise RuntimeError(f"the scripted LLM process did not start: {line!r} {log}")
        self.url = line[len(_LISTENING) :].strip()
        return self

    def requests(self) -> list[RecordedRequest]:
        rows = httpx.get(self.url + "/_scripted/requests", timeout=10).raise_for_status().json()
        return [RecordedRequest(**row) for row in rows]

    def add_script(self, script: dict[str, Any]) -> None:
        """Queue more replies (and rules, default) in the running process."""
        httpx.post(self.url + "/_scripted/script", json=script, timeout=10).raise_for_status()

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(START_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._script_dir is not None:
            self._script_dir.cleanup()
            self._script_dir = None

    def __enter__(self) -> ScriptedLLMProcess:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

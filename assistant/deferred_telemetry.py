"""Load Literal AI's telemetry SDK (``traceloop.sdk``) only if something uses it.

Chainlit imports ``literalai``, whose modules run ``from traceloop.sdk import Traceloop`` at
import time; ``traceloop.sdk`` in turn imports OpenTelemetry, aiohttp, requests and more: about
0.5 s of start time and 30 MiB per process. Tailor never sends telemetry (literalai's client is
only created with LITERAL_API_KEY), and literalai reads ``Traceloop``'s attributes only inside
its client's functions (tests/unit/test_patched_internals.py checks that).

``defer_traceloop()`` makes the import of ``traceloop.sdk`` create the real module object (its
real spec, path and file) without running it, holding a ``Traceloop`` that runs the module the
first time any of its attributes is read; reading any other name of the module runs it too.
Nothing is replaced by a fake: every use gets the real SDK, only later.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import threading
import types
from collections.abc import Sequence
from typing import Any

MODULE = "traceloop.sdk"
_running = threading.RLock()


class _DeferredModule(types.ModuleType):
    """``traceloop.sdk`` before its code has run: a missing name runs it, then is looked up."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system probes dunders; answer them honestly
            raise AttributeError(name)
        return getattr(_run(self), name)


class _DeferredTraceloop:
    """Stands for the ``Traceloop`` class until its module has run."""

    def __init__(self, module: _DeferredModule) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(_run(self._module).Traceloop, name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _run(self._module).Traceloop(*args, **kwargs)


def _run(module: types.ModuleType) -> types.ModuleType:
    """Run the module's real code once (it rebinds ``Traceloop`` to the real class)."""
    with _running:
        if isinstance(module, _DeferredModule):
            loader = module.__spec__.loader
            assert isinstance(loader, _DeferringLoader)
            module.__class__ = types.ModuleType
            module.__spec__.loader = module.__loader__ = loader.real
            loader.real.exec_module(module)
    return module


class _DeferringLoader(importlib.abc.Loader):
    def __init__(self, real: importlib.abc.Loader) -> None:
        self.real = real

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _DeferredModule(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        assert isinstance(module, _DeferredModule)
        module.Traceloop = _DeferredTraceloop(module)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != MODULE:
            return None
        sys.meta_path.remove(self)  # one module, once
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec  # not installed: the import fails as it would have
        spec.loader = _DeferringLoader(spec.loader)
        return spec


def defer_traceloop() -> None:
    """Install the deferral; no effect once ``traceloop.sdk`` has been imported."""
    if MODULE not in sys.modules and not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())


def traceloop_has_run() -> bool:
    module = sys.modules.get(MODULE)
    return module is not None and not isinstance(module, _DeferredModule)

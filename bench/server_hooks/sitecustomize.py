"""Bench-server hooks, put on PYTHONPATH by bench/bench_pages.py: what sign-in spends on purpose.

While REBOUND_BENCH_COSTS names a file, each password check (core.auth.verify_password, bcrypt)
and each key derivation (core.crypto.password_key, Argon2id) the server runs appends one line to
it: `<name> <milliseconds>`. The bench subtracts them from the sign-in click it times, so the
click is judged on what it does beyond them, as they ran in that very click (on two cores shared
with the browser they take longer than alone). The modules are wrapped when the app imports them,
never imported early here: first visits and cold starts stay as they are.
"""

from __future__ import annotations

import functools
import importlib.abc
import os
import sys
import time

_COSTS = os.environ.get("REBOUND_BENCH_COSTS")
_TIMED = {"core.auth": ("verify_password", "bcrypt"), "core.crypto": ("password_key", "argon2id")}


def _timed(function, name: str):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            with open(_COSTS, "a", encoding="utf-8") as out:
                out.write(f"{name} {(time.perf_counter() - started) * 1000:.2f}\n")

    return timed


class _WrapOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path, target=None):
        if fullname not in _TIMED:
            return None
        for finder in sys.meta_path:
            spec = None if finder is self else finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            attribute, name = _TIMED[fullname]
            setattr(module, attribute, _timed(getattr(module, attribute), name))

        spec.loader.exec_module = exec_module
        return spec


if _COSTS:
    sys.meta_path.insert(0, _WrapOnImport())

"""A process that seals a person's plaintext (the upgrade at the first sign-in since encryption), to be
killed part-way by tests/reliability/test_crash_during_upgrade.py.

    python -m tests.reliability._seal_worker <location> <username> <key as hex>

(a location: files:<folder>, or a postgresql:// URL)
"""

from __future__ import annotations

import sys

from core.storage import Person, open_location


def main(location: str, username: str, key_hex: str) -> None:
    store = open_location(location)
    person = Person.named(username, bytes.fromhex(key_hex))
    print("ready", flush=True)  # the parent times its kill from here, after the imports
    sweep = store.seal_everything(person)
    print(f"done {sweep.setbacks}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])

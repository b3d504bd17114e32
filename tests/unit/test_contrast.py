"""WCAG contrast arithmetic, and both palettes (config.toml and the stylesheet's own colours) held to AA."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from core import contrast
from pages import _style as style

CONFIG = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
THEMES = {"light": CONFIG["theme"]["light"], "dark": CONFIG["theme"]["dark"]}
# Colours the stylesheet picks per theme (light-dark()), beside the palette they go with.
OWN = {
    "light": {"muted": style.MUTED_LIGHT, "focus": style.FOCUS_LIGHT, "on_primary": "#ffffff"},
    "dark": {"muted": style.MUTED_DARK, "focus": style.FOCUS_DARK, "on_primary": style.ON_PRIMARY_DARK},
}
# Streamlit tints a selected choice (segmented control) with the primary colour at 10 %.
SELECTED_TINT = 0.1


@pytest.mark.parametrize(
    ("one", "other", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#777777", "#ffffff", 4.48),  # the classic "just under AA" grey
        ("#767676", "#ffffff", 4.54),
        ("#fff", "#000", 21.0),
    ],
)
def test_ratio_matches_the_wcag_definition(one, other, expected):
    assert contrast.ratio(one, other) == pytest.approx(expected, abs=0.01)
    assert contrast.ratio(other, one) == pytest.approx(expected, abs=0.01)


def test_blend_mixes_a_colour_over_its_background_by_its_opacity():
    assert contrast.blend("#000000", "#ffffff", 0.5) == "#808080"
    assert contrast.blend("#2b2b2b", "#fbfaf7", 0.6) == "#7e7e7d"  # Streamlit's faded caption


@pytest.mark.parametrize("bad", ["", "#12", "#1234567", "blue"])
def test_rgb_refuses_what_is_not_a_hex_colour(bad):
    with pytest.raises(ValueError):
        contrast.rgb(bad)


@pytest.mark.parametrize("theme", THEMES)
def test_text_captions_and_links_read_at_4_5_to_1_on_every_background(theme):
    palette, own = THEMES[theme], OWN[theme]
    for background in (palette["backgroundColor"], palette["secondaryBackgroundColor"]):
        for role, colour in {
            "text": palette["textColor"],
            "caption": own["muted"],
            "primary as text": palette["primaryColor"],
        }.items():
            assert contrast.ratio(colour, background) >= contrast.TEXT, (theme, role, background)


@pytest.mark.parametrize("theme", THEMES)
def test_a_chosen_answer_and_a_primary_button_read_at_4_5_to_1(theme):
    palette, own = THEMES[theme], OWN[theme]
    primary = palette["primaryColor"]
    tint = contrast.blend(primary, palette["backgroundColor"], SELECTED_TINT)
    assert contrast.ratio(primary, tint) >= contrast.TEXT
    assert contrast.ratio(own["on_primary"], primary) >= contrast.TEXT


@pytest.mark.parametrize("theme", THEMES)
def test_the_focus_ring_stands_out_at_3_to_1_against_every_background(theme):
    palette, own = THEMES[theme], OWN[theme]
    for background in (palette["backgroundColor"], palette["secondaryBackgroundColor"]):
        assert contrast.ratio(own["focus"], background) >= contrast.NON_TEXT


@pytest.mark.parametrize("theme", THEMES)
def test_the_charts_before_and_after_colours_carry_their_numbers_as_text(theme):
    palette = THEMES[theme]
    before, after, *_ = palette["chartCategoricalColors"]
    for colour in (before, after):
        assert contrast.ratio(colour, palette["backgroundColor"]) >= contrast.TEXT
    assert before != after

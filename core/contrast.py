"""WCAG 2.2 colour contrast: relative luminance, contrast ratios and alpha blending of hex colours."""

from __future__ import annotations

# WCAG 2.2 minimums: body text (1.4.3), large text and the parts of controls and charts (1.4.11).
TEXT = 4.5
LARGE_TEXT = 3.0
NON_TEXT = 3.0


def rgb(colour: str) -> tuple[int, int, int]:
    """'#3c7a6b' or '#3c7' as (60, 122, 107)."""
    digits = colour.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    if len(digits) != 6:
        raise ValueError(f"not a hex colour: {colour!r}")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance as WCAG defines it (0 for black, 1 for white)."""
    red, green, blue = (_linear(channel) for channel in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def ratio(one: str, other: str) -> float:
    """The contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(colour: str, background: str, alpha: float) -> str:
    """`colour` drawn at `alpha` opacity over `background`, as the hex colour the eye sees."""
    mixed = (
        round(alpha * front + (1 - alpha) * back)
        for front, back in zip(rgb(colour), rgb(background), strict=True)
    )
    return "#" + "".join(f"{channel:02x}" for channel in mixed)

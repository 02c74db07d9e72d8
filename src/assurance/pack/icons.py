"""The variation and assurance icons of the summary tables, drawn as small SVGs.

The icons follow the meaning of the NHS "Making Data Count" icons but are drawn here (our own
design): a rounded square for *variation* (what the latest month of the control chart says)
and a circle for *assurance* (whether the process limits say the target will be met). Each
icon carries its meaning three ways: a shape inside (an arrow up or down, a level line, a
letter), a colour, and the text label printed beside it, so colour is never the only signal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

BLUE: Final = "#1d5fa8"
ORANGE: Final = "#b84d00"
PURPLE: Final = "#6b3d99"
GREY: Final = "#5a6268"


@dataclass(frozen=True)
class Icon:
    """One icon: its code (from the statistics), its colour and its text label."""

    code: str
    label: str
    colour: str


VARIATION: Final[dict[str, Icon]] = {
    "common_cause": Icon("common_cause", "No significant change", GREY),
    "improvement_high": Icon("improvement_high", "Improving (higher)", BLUE),
    "improvement_low": Icon("improvement_low", "Improving (lower)", BLUE),
    "concern_high": Icon("concern_high", "Concern (higher)", ORANGE),
    "concern_low": Icon("concern_low", "Concern (lower)", ORANGE),
    "neutral_high": Icon("neutral_high", "Changed (higher)", PURPLE),
    "neutral_low": Icon("neutral_low", "Changed (lower)", PURPLE),
}

ASSURANCE: Final[dict[str, Icon]] = {
    "consistently_hit": Icon("consistently_hit", "Consistently meets target", BLUE),
    "consistently_fail": Icon("consistently_fail", "Consistently misses target", ORANGE),
    "inconsistent": Icon("inconsistent", "Hit or miss", GREY),
}


def variation_icon(code: str | None) -> Icon | None:
    return None if code is None else VARIATION.get(code)


def assurance_icon(code: str | None) -> Icon | None:
    return None if code is None else ASSURANCE.get(code)


def _frame(body: str, size: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 24 24" aria-hidden="true" focusable="false">{body}</svg>'
    )


def _arrow(up: bool, colour: str) -> str:
    # a bold arrow: shaft and head, pointing up or down
    if up:
        return f'<path d="M12 5 L18 12 H14 V19 H10 V12 H6 Z" fill="{colour}"/>'
    return f'<path d="M12 19 L18 12 H14 V5 H10 V12 H6 Z" fill="{colour}"/>'


def variation_svg(icon: Icon, size: int = 20) -> str:
    """A rounded square: an arrow up or down for a special cause, a level wave for common
    cause; improvement, concern and neutral differ by colour and by the text label."""
    c = icon.colour
    box = (
        f'<rect x="1" y="1" width="22" height="22" rx="5" fill="#ffffff" stroke="{c}" '
        'stroke-width="2"/>'
    )
    if icon.code == "common_cause":
        inner = (
            f'<path d="M5 12 C7.5 8, 9.5 8, 12 12 S16.5 16, 19 12" fill="none" stroke="{c}" '
            'stroke-width="2.4" stroke-linecap="round"/>'
        )
    else:
        inner = _arrow(icon.code.endswith("_high"), c)
    return _frame(box + inner, size)


def assurance_svg(icon: Icon, size: int = 20) -> str:
    """A circle with a letter: P (passes, consistently meets the target), F (fails,
    consistently misses it) or ? (hit or miss: the target lies within the process limits)."""
    c = icon.colour
    letter = {"consistently_hit": "P", "consistently_fail": "F"}.get(icon.code, "?")
    return _frame(
        f'<circle cx="12" cy="12" r="10.5" fill="{c}"/>'
        f'<text x="12" y="16.6" text-anchor="middle" font-family="Liberation Sans, Arial, '
        f'sans-serif" font-size="13" font-weight="700" fill="#ffffff">{letter}</text>',
        size,
    )


def icon_svg(kind: str, icon: Icon, size: int = 20) -> str:
    return variation_svg(icon, size) if kind == "variation" else assurance_svg(icon, size)

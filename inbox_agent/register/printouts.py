"""HTML documents for people: the report and the dossier printout; every value is escaped."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from inbox_agent.config import Config
from inbox_agent.dossier import registration
from inbox_agent.dossier.record import Dossier
from inbox_agent.letters.compose import builtin_templates_dir
from inbox_agent.register.report import (
    broken_promise_lines,
    day_words,
    in_words,
    signal_text,
)
from inbox_agent.vocabulary.terms import known_language, vocabulary, word
from inbox_agent.vocabulary.wording import long_time

if TYPE_CHECKING:
    import jinja2

_COLOURS = ["#2f6f8f", "#d9822b", "#5a9e4b", "#b5473a", "#7b5ea7", "#c4a000", "#4a8c8c", "#8c6d4a"]


def bar_chart(values: dict[str, Any], width: int = 520) -> Markup:
    """A horizontal bar chart as inline SVG: no script, no network, opens anywhere."""
    if not values:
        return Markup('<p class="empty">—</p>')
    top = max(float(v) for v in values.values()) or 1.0
    row, label_width = 26, 170
    height = row * len(values) + 6
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'role="img" xmlns="http://www.w3.org/2000/svg">'
    ]
    for index, (label, value) in enumerate(values.items()):
        y = index * row + 4
        bar = max(2.0, (width - label_width - 60) * float(value) / top)
        colour = _COLOURS[index % len(_COLOURS)]
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">'
            f"{escape(str(label))}</text>"
            f'<rect x="{label_width}" y="{y}" width="{bar:.1f}" height="{row - 8}" rx="3" '
            f'fill="{colour}"/>'
            f'<text x="{label_width + bar + 6:.1f}" y="{y + 15}">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


_STATUS_CHANGE = re.compile(r"^(\w+) → (\w+)(.*)$", re.DOTALL)
_RESOLVED = re.compile(r"resolved: (\w+)")


def _environment(config: Config) -> jinja2.Environment:
    """Filters that say codes, field names and times in the shop's language and time zone."""
    import jinja2

    language = known_language(config.shop.language)
    words = vocabulary(language)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(builtin_templates_dir())),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    labels = registration.LABELS[language]
    env.filters["percent"] = lambda v: "–" if v is None else f"{v * 100:.0f}%"
    env.filters["when"] = lambda value: _when(value, language, config.shop.tz)
    env.filters["word"] = lambda code, group: word(group, code, language)
    env.filters["label"] = lambda field: labels.get(field) or field.replace("_", " ")
    env.filters["event_text"] = lambda event: _event_text(event, language)
    env.globals.update(
        bar_chart=bar_chart,
        in_words=lambda report, key: in_words(report, key, language),
        signal_text=lambda signal: signal_text(signal, language),
        broken_promise_lines=lambda report: broken_promise_lines(report, language),
        t={**words.REPORT, **words.DOSSIER_PAGE},
        day_words=lambda value: day_words(value, language),
    )
    return env


def _when(value: str | None, language: str, tz: Any) -> str:
    """An ISO time in words in the shop's zone, as the owner's mails say it; "–" for none."""
    return long_time(value, language, tz) or "–"


def _event_text(event: dict[str, Any], language: str) -> str:
    """Codes in an event's text in words: statuses, resolution types, causes, field names.

    The rest of the text is the log line as the agent recorded it.
    """
    text, kind = str(event["text"]), event["type"]
    if kind == "cause":
        return word("cause", text, language)
    if kind == "field":
        name, sep, value = text.partition(" = ")
        label = registration.LABELS[language].get(name)
        return f"{label}: {value}" if sep and label else text
    change = _STATUS_CHANGE.match(text) if kind == "status" else None
    if change is None:
        return text
    old, new, rest = change.groups()
    # "→ resolved: resolved: repair" says the status twice; the solution is what is new.
    rest = _RESOLVED.sub(lambda m: word("resolution", m[1], language), rest)
    return f"{word('status', old, language)} → {word('status', new, language)}{rest}"


def report_html(report: dict[str, Any], config: Config) -> str:
    return (
        _environment(config)
        .get_template("report.html.j2")
        .render(report=report, shop=config.shop, generated=iso_now())
    )


def dossier_html(dossier: Dossier, config: Config) -> str:
    return (
        _environment(config)
        .get_template("dossier.html.j2")
        .render(dossier=dossier, shop=config.shop, generated=iso_now())
    )


def iso_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

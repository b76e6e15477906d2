"""HTML documents for people: the report and the dossier printout; every value is escaped."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import jinja2
from markupsafe import Markup, escape

from inbox_agent.compose import builtin_templates_dir
from inbox_agent.config import Config
from inbox_agent.dossiers import Dossier

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


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(builtin_templates_dir())),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["percent"] = lambda v: "–" if v is None else f"{v * 100:.0f}%"
    env.globals["bar_chart"] = bar_chart
    return env


def report_html(report: dict[str, Any], config: Config) -> str:
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            report=report, shop=config.shop, generated=datetime.now(UTC).astimezone(config.shop.tz)
        )
    )


def dossier_html(dossier: Dossier, config: Config) -> str:
    return (
        _environment()
        .get_template("dossier.html.j2")
        .render(
            dossier=dossier,
            shop=config.shop,
            generated=datetime.now(UTC).astimezone(config.shop.tz),
        )
    )

"""The register as figures: what came in, how it was handled, and structural problems; pure."""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from inbox_agent.dossiers import Dossier
from inbox_agent.promises import missed_dates

_ANSWERED = ("resolved", "rejected", "evaluating", "closed")


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def build_report(
    dossiers: list[Dossier],
    since: date | None,
    until: date | None,
    tz: Any,
    signal_window_days: int,
    signal_threshold: int,
) -> dict[str, Any]:
    """Figures for dossiers received in [since, until]; every figure is computable by hand."""
    chosen = []
    for dossier in dossiers:
        received = datetime.fromisoformat(dossier["received_at"]).astimezone(tz).date()
        if (since is None or received >= since) and (until is None or received <= until):
            chosen.append(dossier)
    per_month = Counter(
        datetime.fromisoformat(d["received_at"]).astimezone(tz).strftime("%Y-%m") for d in chosen
    )
    same_day = [
        d
        for d in chosen
        if d.get("acknowledged_at")
        and _local_day(d["acknowledged_at"], tz) == _local_day(d["received_at"], tz)
    ]
    first_answer = [
        (_dt(d["first_answer_at"]) - _dt(d["received_at"])).total_seconds() / 3600  # type: ignore[operator]
        for d in chosen
        if d.get("first_answer_at")
    ]
    resolved = [d for d in chosen if d.get("resolution")]
    to_resolution = [
        (_dt(d["resolution"]["at"]) - _dt(d["received_at"])).total_seconds() / 86400  # type: ignore[operator]
        for d in resolved
    ]
    with_deadline = [d for d in resolved if d.get("deadline")]
    # A date moved because it came without an answer was not kept, whatever came later.
    kept = [
        d
        for d in with_deadline
        if _local_day(d["resolution"]["at"], tz) <= d["deadline"] and not missed_dates(d)
    ]
    evaluations = [
        d["evaluation"] for d in chosen if (d.get("evaluation") or {}).get("answered_at")
    ]
    scores = [e["score"] for e in evaluations if e.get("score") is not None]
    satisfied = [e for e in evaluations if e.get("satisfied") is True]
    return {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "received": len(chosen),
        "received_per_month": dict(sorted(per_month.items())),
        "by_status": dict(Counter(d["status"] for d in chosen).most_common()),
        "by_type": dict(Counter(d.get("complaint_type", "product") for d in chosen).most_common()),
        "same_day_acknowledgement_rate": _rate(len(same_day), len(chosen)),
        "median_hours_to_first_answer": _median(first_answer),
        "median_days_to_resolution": _median(to_resolution),
        "promised_date_kept_rate": _rate(len(kept), len(with_deadline)),
        "resolutions": dict(Counter(d["resolution"]["type"] for d in resolved).most_common()),
        "causes": dict(Counter(d["cause"] for d in chosen if d.get("cause")).most_common()),
        "evaluations_answered": len(evaluations),
        "mean_score": round(statistics.mean(scores), 2) if scores else None,
        "satisfied_share": _rate(len(satisfied), len(evaluations)),
        "signals": structural_signals(dossiers, until, tz, signal_window_days, signal_threshold),
    }


def _local_day(value: str, tz: Any) -> str:
    return datetime.fromisoformat(value).astimezone(tz).date().isoformat()


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def structural_signals(
    dossiers: list[Dossier], until: date | None, tz: Any, window_days: int, threshold: int
) -> list[dict[str, Any]]:
    """The same product (brand + type) or the same cause at least `threshold` times in the window."""
    end = until or max(
        (datetime.fromisoformat(d["received_at"]).astimezone(tz).date() for d in dossiers),
        default=date.today(),
    )
    start = end - timedelta(days=window_days)
    recent = [
        d
        for d in dossiers
        if start <= datetime.fromisoformat(d["received_at"]).astimezone(tz).date() <= end
    ]
    products = Counter(
        f"{d['fields'].get('brand', '').strip()} {d['fields'].get('model', '').strip()}".strip().lower()
        for d in recent
        if d["fields"].get("brand") or d["fields"].get("model")
    )
    causes = Counter(d["cause"] for d in recent if d.get("cause"))
    signals = [
        {
            "kind": "product",
            "what": what,
            "count": n,
            "references": [d["reference"] for d in recent if _product(d) == what],
        }
        for what, n in products.items()
        if n >= threshold
    ]
    signals += [
        {
            "kind": "cause",
            "what": what,
            "count": n,
            "references": [d["reference"] for d in recent if d.get("cause") == what],
        }
        for what, n in causes.items()
        if n >= threshold
    ]
    return sorted(signals, key=lambda s: -s["count"])


def _product(dossier: Dossier) -> str:
    fields = dossier["fields"]
    return f"{fields.get('brand', '').strip()} {fields.get('model', '').strip()}".strip().lower()


def as_text(report: dict[str, Any], shop_name: str) -> str:
    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.0f}%"

    def num(value: float | None) -> str:
        return "-" if value is None else f"{value:g}"

    period = f"{report['since'] or 'start'} – {report['until'] or 'now'}"
    lines = [f"Complaints report {shop_name}, {period}", "", f"Received: {report['received']}"]
    lines += [f"  {month}: {n}" for month, n in report["received_per_month"].items()]
    lines += [
        f"Acknowledged the same day: {pct(report['same_day_acknowledgement_rate'])}",
        f"Median time to the owner's first answer: {num(report['median_hours_to_first_answer'])} h",
        f"Median time to resolution: {num(report['median_days_to_resolution'])} days",
        f"Promised answer date kept: {pct(report['promised_date_kept_rate'])}",
        "Resolutions: " + (", ".join(f"{k} {v}" for k, v in report["resolutions"].items()) or "-"),
        "Causes: " + (", ".join(f"{k} {v}" for k, v in report["causes"].items()) or "-"),
        f"Satisfaction: mean score {num(report['mean_score'])}, satisfied "
        f"{pct(report['satisfied_share'])} of {report['evaluations_answered']} answers",
    ]
    if report["signals"]:
        lines += ["", "Structural signals (recurring within the window):"]
        lines += [
            f"  ! {s['kind']} {s['what']!r}: {s['count']}× ({', '.join(s['references'])})"
            for s in report["signals"]
        ]
    return "\n".join(lines) + "\n"

"""The register as figures: what came in, how it was handled, and structural problems; pure."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from inbox_agent.dossier.promises import records
from inbox_agent.dossier.record import Dossier
from inbox_agent.dossier.schedule import missed
from inbox_agent.reading.freetext import solution_kind
from inbox_agent.vocabulary.terms import known_language, vocabulary, word
from inbox_agent.vocabulary.wording import long_date


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
        if (acknowledged := d.get("acknowledged_at"))
        and _local_day(acknowledged, tz) == _local_day(d["received_at"], tz)
    ]
    first_answer = [
        (_dt(d["first_answer_at"]) - _dt(d["received_at"])).total_seconds() / 3600  # type: ignore[operator]
        for d in chosen
        if d.get("first_answer_at")
    ]
    resolved = [(d, resolution) for d in chosen if (resolution := d.get("resolution"))]
    to_resolution = [
        (_dt(r["at"]) - _dt(d["received_at"])).total_seconds() / 86400  # type: ignore[operator]
        for d, r in resolved
    ]
    kept, broken = promise_outcomes(chosen, tz)
    evaluations = [e for d in chosen if (e := d.get("evaluation")) and e.get("answered_at")]
    scores = [score for e in evaluations if (score := e.get("score")) is not None]
    satisfied = [e for e in evaluations if e.get("satisfied") is True]
    return {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "received": len(chosen),
        "received_per_month": dict(sorted(per_month.items())),
        "by_status": dict(Counter(d["status"] for d in chosen).most_common()),
        "by_type": dict(Counter(d.get("complaint_type", "product") for d in chosen).most_common()),
        "by_topic": dict(Counter(d["topic"] for d in chosen if d.get("topic")).most_common()),
        "by_channel": dict(Counter(d.get("channel", "mail") for d in chosen).most_common()),
        "requested_solutions": dict(
            Counter(
                solution_kind(d["fields"]["requested_solution"]) or "other"
                for d in chosen
                if d["fields"].get("requested_solution")
            ).most_common()
        ),
        "same_day_acknowledgement_rate": _rate(len(same_day), len(chosen)),
        "median_hours_to_first_answer": _median(first_answer),
        "median_days_to_resolution": _median(to_resolution),
        "promised_date_kept_rate": _rate(kept, kept + len(broken)),
        "promises_kept": kept,
        "promises_broken": len(broken),
        "broken_promises": broken,
        "resolutions": dict(Counter(r["type"] for _, r in resolved).most_common()),
        "causes": dict(Counter(d["cause"] for d in chosen if d.get("cause")).most_common()),
        "evaluations_answered": len(evaluations),
        "mean_score": round(statistics.mean(scores), 2) if scores else None,
        "satisfied_share": _rate(len(satisfied), len(evaluations)),
        "signals": structural_signals(dossiers, until, tz, signal_window_days, signal_threshold),
    }


def promise_outcomes(dossiers: list[Dossier], tz: Any) -> tuple[int, list[dict[str, Any]]]:
    """How many promises were kept, and every one that was not, over open and closed dossiers.

    Kept means kept by its day. Not kept: broken, moved by the agent because its day came
    without an answer (the date was moved, the promise was still missed), or kept only after
    its day. A promise moved by a person before its day, or not yet due, counts neither way.
    """
    kept = 0
    broken: list[dict[str, Any]] = []
    for dossier in dossiers:
        promises = records(dossier)
        for promise in promises:
            late = promise["outcome"] == "kept" and (
                _local_day(promise.get("kept_at") or promise["made_at"], tz) > promise["due"]
            )
            if promise["outcome"] == "kept" and not late and not promise.get("broken_at"):
                kept += 1
                continue
            if not (missed(promise) or late):
                continue
            successor = next(
                (
                    q
                    for q in promises
                    if q["id"] > promise["id"] and q["due"] == promise["renegotiated_to"]
                ),
                None,
            )
            broken.append(
                {
                    "reference": dossier["reference"],
                    "what": promise["what"],
                    "due": promise["due"],
                    "by": promise["by"],
                    "outcome": promise["outcome"],
                    "broken_at": promise.get("broken_at"),
                    "kept_late_at": promise.get("kept_at") if late else None,
                    "renegotiated_to": promise["renegotiated_to"],
                    "renegotiated_by": promise["renegotiated_by"],
                    "renegotiated_at": successor["made_at"] if successor else None,
                }
            )
    return kept, broken


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


# Which word group names the keys of each figure that counts codes.
_GROUPS = {
    "by_status": "status",
    "by_type": "type",
    "by_topic": "topic",
    "by_channel": "channel",
    "resolutions": "resolution",
    "requested_solutions": "resolution",
    "causes": "cause",
}


def day_words(value: str | None, language: str) -> str:
    """ "2026-11-01" as "1 november 2026"; "" for None."""
    return " ".join(long_date(value, language).split()[1:]) if value else ""


def month_words(value: str, language: str) -> str:
    """ "2026-11" as "november 2026"."""
    return day_words(f"{value}-01", language).split(" ", 1)[1]


def labelled(report: dict[str, Any], language: str) -> dict[str, dict[str, str]]:
    """For each figure that counts codes, the code's word in `language`: what people read."""
    language = known_language(language)
    labels = {
        key: {code: _code_word(group, code, language) for code in report[key]}
        for key, group in _GROUPS.items()
        if key in report
    }
    labels["received_per_month"] = {
        month: month_words(month, language) for month in report["received_per_month"]
    }
    return labels


def _code_word(group: str, code: str, language: str) -> str:
    return vocabulary(language).REPORT["other"] if code == "other" else word(group, code, language)


def in_words(report: dict[str, Any], key: str, language: str) -> dict[str, Any]:
    """The figure `key` with its codes replaced by words, for a chart or a line of text."""
    names = labelled(report, language).get(key, {})
    return {names.get(code, code): value for code, value in report[key].items()}


def signal_text(signal: dict[str, Any], language: str) -> str:
    what = signal["what"]
    if signal["kind"] == "cause":
        what = word("cause", what, language)
    return f"{word('signal', signal['kind'], language)} “{what}”"


def broken_promise_lines(report: dict[str, Any], language: str) -> list[str]:
    """Each promise not kept, in words: what, for when, and when and by whom it was moved."""
    t = vocabulary(known_language(language)).REPORT
    lines = []
    for p in report["broken_promises"]:
        parts = [
            t["promise_line"].format(
                reference=p["reference"], what=p["what"], due=day_words(p["due"], language)
            )
        ]
        if p["kept_late_at"]:
            parts.append(
                t["promise_kept_late"].format(at=day_words(p["kept_late_at"][:10], language))
            )
        elif p["broken_at"]:
            parts.append(t["promise_broken_at"].format(at=day_words(p["broken_at"][:10], language)))
        if p["renegotiated_to"]:
            by = t["by_agent"] if p["renegotiated_by"] == "agent" else p["renegotiated_by"]
            at = day_words((p["renegotiated_at"] or "")[:10], language) or "?"
            parts.append(
                t["promise_moved"].format(
                    to=day_words(p["renegotiated_to"], language), by=by, at=at
                )
            )
        lines.append("; ".join(parts))
    return lines


def as_json(report: dict[str, Any], language: str) -> str:
    """The figures with stable keys, plus `labels`: the words a person reads for each code."""
    shown = {**report, "language": known_language(language), "labels": labelled(report, language)}
    return json.dumps(shown, ensure_ascii=False, indent=2) + "\n"


def as_text(report: dict[str, Any], shop_name: str, language: str = "en") -> str:
    language = known_language(language)
    t = vocabulary(language).REPORT

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.0f}%"

    def num(value: float | None) -> str:
        return "-" if value is None else f"{value:g}"

    def counts(key: str) -> str:
        return ", ".join(f"{k} {v}" for k, v in in_words(report, key, language).items()) or "-"

    days = report["median_days_to_resolution"]
    start = day_words(report["since"], language) or t["start"]
    period = f"{start} – {day_words(report['until'], language) or t['now']}"
    lines = [f"{t['title']} {shop_name}, {period}", "", f"{t['received']}: {report['received']}"]
    lines += [f"  {m}: {n}" for m, n in in_words(report, "received_per_month", language).items()]
    lines += [
        f"{t['same_day']}: {pct(report['same_day_acknowledgement_rate'])}",
        f"{t['first_answer']}: {num(report['median_hours_to_first_answer'])} {t['hours']}",
        f"{t['resolution_time']}: {num(days)} {t['day'] if days == 1 else t['days']}",
        f"{t['kept']}: {pct(report['promised_date_kept_rate'])} ("
        + t["kept_of"].format(
            kept=report["promises_kept"],
            total=report["promises_kept"] + report["promises_broken"],
        )
        + ")",
    ]
    lines += [f"{t[key]}: {counts(key)}" for key in _GROUPS]
    lines += [
        f"{t['satisfaction']}: {t['mean_score']} {num(report['mean_score'])}, {t['satisfied']} "
        f"{pct(report['satisfied_share'])} {t['of_answers'].format(n=report['evaluations_answered'])}",
    ]
    if report["broken_promises"]:
        lines += ["", f"{t['broken_promises']}:"]
        lines += [f"  - {line}" for line in broken_promise_lines(report, language)]
    if report["signals"]:
        lines += ["", f"{t['signals_intro']}:"]
        lines += [
            f"  ! {signal_text(s, language)}: {s['count']}× ({', '.join(s['references'])})"
            for s in report["signals"]
        ]
    return "\n".join(lines) + "\n"

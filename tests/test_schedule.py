"""What is due when: pure decisions with an injected clock, and the answer to the evaluation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from inbox_agent.config import Config, config_from_dict
from inbox_agent.dossier import promises, schedule
from inbox_agent.run import due
from inbox_agent.run.cycle import Cycle
from inbox_agent.store import Store

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday
CORPUS = Path(__file__).parent / "corpus"


def shop_config(tmp_path: Path, **timing: str) -> Config:
    return config_from_dict(
        {
            "shop": {
                "name": "Ketting",
                "email": "klachten@ketting.nl",
                "disputes_body": "De Geschillencommissie",
            },
            "owner": {"handler": "jan@ketting.nl", "deputy": "els@ketting.nl"},
            "imap": {"host": "127.0.0.1", "security": "none", "username": "k", "password": "p"},
            "smtp": {"host": "127.0.0.1", "security": "none"},
            "storage": {"path": str(tmp_path / "data")},
            "timing": {"digest_at": "", **timing},
        }
    )


def opened(config: Config) -> dict:
    """A dossier made by the real pipeline at START."""
    with Store.open(config.storage.path) as store:
        cycle = Cycle(config, store, START)
        cycle.reading.accept((CORPUS / "complaint_plain_nl.eml").read_bytes())
        dossier = store.dossier("K-2026-0001")
    assert dossier is not None
    return dossier


def run_due(config: Config, dossier: dict, now: datetime) -> list[str]:
    kinds = []
    with Store.open(config.storage.path) as store:
        cycle = Cycle(config, store, now)
        for key in schedule.due_now(dossier, now):
            kinds += [m.kind for m in due.perform(dossier, key, now, config, cycle.state.maker)]
    return kinds


def test_progress_update_after_five_workdays_and_only_once_per_period(tmp_path: Path) -> None:
    config = shop_config(tmp_path, escalate_after="30 workdays", answer_within="30 workdays")
    dossier = opened(config)
    assert [] == schedule.due_now(dossier, START + timedelta(days=6))  # Mon + 5 workdays = next Mon
    monday = START + timedelta(days=7)
    assert ["progress"] == run_due(config, dossier, monday)
    assert [] == schedule.due_now(dossier, monday + timedelta(days=1))
    assert ["progress"] == run_due(config, dossier, monday + timedelta(days=7))


def test_deputy_is_told_when_nobody_acts(tmp_path: Path) -> None:
    config = shop_config(tmp_path, progress_every="30 workdays")
    dossier = opened(config)
    wednesday = START + timedelta(days=2)
    assert ["escalation"] == run_due(config, dossier, wednesday)
    assert [] == run_due(config, dossier, wednesday + timedelta(days=1))


def test_evaluation_then_closure_when_unanswered(tmp_path: Path) -> None:
    config = shop_config(tmp_path, evaluation_after="3w", close_after="2w")
    dossier = opened(config)
    dossier["status"] = "resolved"
    dossier["resolution"] = {"type": "repair", "at": START.isoformat(), "text": ""}
    schedule.refresh(dossier, config)
    assert "progress_at" not in dossier["due"]  # none after resolution
    assert [] == schedule.due_now(dossier, START + timedelta(days=20))
    assert ["evaluation"] == run_due(config, dossier, START + timedelta(days=21))
    assert "evaluating" == dossier["status"]
    assert ["closure"] == run_due(config, dossier, START + timedelta(days=35))
    assert ("closed", None) == (dossier["status"], dossier["evaluation"]["answered_at"])


def test_agreement_reminder_on_its_date(tmp_path: Path) -> None:
    config = shop_config(tmp_path, progress_every="60 workdays", escalate_after="60 workdays")
    dossier = opened(config)
    # Made on Monday for Wednesday: inside the warning window, so reminded on the day itself.
    promises.agree(dossier, START, "jan@ketting.nl", "2026-11-25", "spaak")
    schedule.refresh(dossier, config)
    assert [] == schedule.due_now(dossier, datetime(2026, 11, 24, 22, 0, tzinfo=UTC))
    assert ["reminder"] == run_due(config, dossier, datetime(2026, 11, 25, 7, 0, tzinfo=UTC))
    assert "reminder_at" not in dossier["due"]


def test_agenda_lists_sections_and_is_empty_when_nothing_to_report(tmp_path: Path) -> None:
    config = shop_config(tmp_path)
    dossier = opened(config)
    later = START + timedelta(hours=2)
    assert ["to_answer"] == list(schedule.agenda_sections([dossier], later, config))
    assert ["overdue"] == list(
        schedule.agenda_sections([dossier], START + timedelta(days=16), config)
    )
    dossier["status"] = "closed"
    assert {} == schedule.agenda_sections([dossier], START + timedelta(days=16), config)

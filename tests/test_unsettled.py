"""An unclear answer nobody settles is put to the owner again in the daily digest after two
working days, and is never left to close by silence (issue 20, part 3); pure.

The evaluation goes out Tuesday 22 December 2026 and the unclear answer comes on Wednesday
23 December at 10:00; Christmas (25 and 26 December) and the weekend are no working days in
the Netherlands, so two working days later is Monday 28 December at 10:00.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from test_listen import EVALUATION, evaluating, resolved, write
from test_promises import QUIET, at, maker_at, run_due
from test_schedule import shop_config

from inbox_agent.config import Config
from inbox_agent.dossier import schedule


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return shop_config(tmp_path, **QUIET)


def listed(sections: dict, name: str) -> list[dict]:
    return [item["dossier"] for item in sections.get(name, [])]


def test_an_unclear_evaluation_answer_returns_in_the_agenda_after_two_working_days(
    config: Config,
) -> None:
    dossier = evaluating(config)
    [note] = write(config, dossier, "Tja.", at(23, 10))
    assert ("notification", True) == (note.kind, "niet duidelijk" in note.subject)
    for moment in (at(24, 10), at(28, 9)):  # every agenda lists it until someone settles it
        sections = schedule.agenda_sections([dossier], moment, config)
        assert [dossier] == listed(sections, "unclear") and [] == listed(sections, "waiting")
    sections = schedule.agenda_sections([dossier], at(28, 10), config)
    assert [dossier] == listed(sections, "unclear") and "waiting" not in sections
    agenda = maker_at(config, at(28, 10)).agenda(sections, "2026-12-28")
    assert "K-2026-0001" in agenda.text and "Is de klant tevreden?" in agenda.text
    assert "%23tevreden" in agenda.text and "%23ontevreden" in agenda.text  # ready replies
    assert "uiterlijk" not in agenda.text  # no answer date of a dossier long answered


def test_an_unclear_evaluation_answer_is_never_closed_by_silence(config: Config) -> None:
    dossier = evaluating(config)
    write(config, dossier, "Tja.", at(23, 10))
    assert "close_at" not in dossier["due"]
    assert [] == run_due(config, dossier, EVALUATION + timedelta(days=365))
    assert "evaluating" == dossier["status"]


def test_an_evaluation_left_unanswered_still_closes_after_close_after(config: Config) -> None:
    dossier = evaluating(config)
    assert "close_at" in dossier["due"]


def test_a_later_mail_the_owner_was_asked_about_returns_in_the_digest_as_well(
    config: Config,
) -> None:
    dossier = resolved(config)
    write(config, dossier, "Ik kom hem zaterdag ophalen.", at(10, 14))  # a Thursday
    sections = schedule.agenda_sections([dossier], at(14, 15), config)
    assert [dossier] == listed(sections, "unclear")
    agenda = maker_at(config, at(14, 15)).agenda(sections, "2026-12-14")
    assert "%23heropen" in agenda.text

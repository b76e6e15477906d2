"""Listen before asking (issue 20, part 2): a customer's mail after the resolution pauses the
evaluation; it reopens when it says the solution failed or asks something, is filed when it is
a thank-you, and goes to the owner when it is unclear; pure, with an injected clock.

The dossier is opened Monday 23 November 2026 and resolved on Tuesday 1 December; with the
default timings the evaluation is due three weeks later, on Tuesday 22 December.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from test_promises import QUIET, at, customer_mail, maker_at, opened, owner, run_due
from test_schedule import shop_config

from inbox_agent.config import Config
from inbox_agent.dossier import aftercare
from inbox_agent.models import Kind, OutgoingMail, Verdict
from inbox_agent.run.pipeline import Facts, Pipeline

RESOLVED = at(1, 10)
EVALUATION = at(22, 10)


def resolved(config: Config) -> dict[str, Any]:
    dossier = opened(config)
    owner(config, dossier, "#resolve repair\nDe trapas is vervangen.", RESOLVED)
    assert ("resolved", EVALUATION.isoformat()) == (
        dossier["status"],
        dossier["due"]["evaluation_at"],
    )
    return dossier


def write(
    config: Config, dossier: dict[str, Any], text: str, now: datetime, limit: int = 0
) -> list[OutgoingMail]:
    """The customer's mail in the dossier's thread, read by the pipeline at `now`."""
    mail = replace(customer_mail(dossier, text), date=now)
    facts = Facts(now, lambda: "K-2026-0002", lambda address: limit)
    verdict = Verdict(Kind.FOLLOWUP, "answers our mail", dossier["reference"])
    outcome = Pipeline(config, maker_at(config, now)).process(
        mail, verdict, f"archive/in/{len(dossier['messages'])}.eml", dossier, facts
    )
    return outcome.outgoing


def kinds(mails: list[OutgoingMail]) -> list[str]:
    return [m.kind for m in mails]


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return shop_config(tmp_path, **QUIET)


# -- it failed, or they ask: reopened, acknowledged today, the owner told once ------------------


@pytest.mark.parametrize(
    ("text", "later"),
    [("Het is weer kapot.", "failure"), ("Wanneer hoor ik iets van jullie?", "question")],
)
def test_a_failure_or_a_question_after_the_resolution_reopens_with_a_same_day_acknowledgement(
    config: Config, text: str, later: str
) -> None:
    dossier = resolved(config)
    written = at(10, 14)  # Thursday 10 December
    mails = write(config, dossier, text, written)
    assert ["reopening", "notification"] == kinds(mails)
    assert "reopened" == dossier["status"]
    assert "2026-12-24" == dossier["deadline"]  # ten workdays from the reopening
    letter, note = mails
    assert ("piet@klant.nl",) == letter.to and "auto-replied" == letter.auto_submitted
    assert "K-2026-0001" in letter.text and "donderdag 24 december 2026" in letter.text
    assert letter.text.startswith("Beste Piet Jansen,")
    assert "Dossiernummer: K-2026-0001" in letter.text
    assert "evaluation_at" not in dossier["due"]
    assert ("jan@ketting.nl",) == note.to and "Heropend" in note.subject
    expected = {"failure": "dat het probleem niet (meer) is opgelost", "question": "met een vraag"}
    assert f"De klant schreef na de oplossing {expected[later]}." in note.text


def test_no_evaluation_goes_out_over_a_reopened_dossier(config: Config) -> None:
    dossier = resolved(config)
    write(config, dossier, "It broke again.", at(21, 10))
    assert [] == [m for m in run_due(config, dossier, EVALUATION) if m.kind == "evaluation"]


def test_the_reopening_acknowledgement_is_in_the_customers_language(config: Config) -> None:
    dossier = resolved(config)
    dossier["language"] = "en"
    [letter, _] = write(config, dossier, "Still not fixed, it squeaks again.", at(10, 14))
    assert "We are sorry to hear that the problem has not been" in letter.text
    assert "Thursday 24 December 2026" in letter.text
    assert letter.text.startswith("Dear Piet Jansen,")


def test_over_the_automatic_mail_limit_the_owner_hears_the_customer_got_no_acknowledgement(
    config: Config,
) -> None:
    dossier = resolved(config)
    [note] = write(config, dossier, "Het is weer kapot.", at(10, 14), limit=99)
    assert "GEEN ontvangstbevestiging" in note.text
    assert "reopened" == dossier["status"]


# -- a thank-you is filed, and nothing more ---------------------------------------------------


def test_a_thank_you_after_the_resolution_is_filed_and_the_evaluation_waits_a_day(
    config: Config,
) -> None:
    dossier = resolved(config)
    thanked = EVALUATION - timedelta(minutes=5)
    assert [] == write(config, dossier, "Bedankt, de fiets rijdt weer als nieuw!", thanked)
    assert "resolved" == dossier["status"]
    assert "thanks_filed" == dossier["events"][-1]["type"]
    assert [] == run_due(config, dossier, EVALUATION)  # not straight after their mail
    [evaluation] = run_due(config, dossier, thanked + timedelta(days=1))
    assert "evaluation" == evaluation.kind


def test_a_thank_you_after_closure_reopens_nothing_and_sends_nothing(config: Config) -> None:
    dossier = resolved(config)
    owner(config, dossier, "#status closed", at(2, 10))
    messages = len(dossier["messages"])
    assert [] == write(config, dossier, "Thanks, all good.", at(28, 10))
    assert ("closed", at(2, 10).isoformat()) == (dossier["status"], dossier["closed_at"])
    assert messages + 1 == len(dossier["messages"])  # filed
    assert {} == {k: v for k, v in dossier["due"].items() if k.endswith("_at")}


# -- unclear: the owner reads it; nothing reopens or closes meanwhile -------------------------


def test_an_unclear_mail_after_the_resolution_goes_to_the_owner_and_holds_the_evaluation(
    config: Config,
) -> None:
    dossier = resolved(config)
    [note] = write(config, dossier, "Ik kom hem zaterdag ophalen.", at(10, 14))
    assert ("notification", "resolved") == (note.kind, dossier["status"])
    assert "u beslist" in note.subject
    assert "De evaluatievraag wacht" in note.text and "#heropen" in note.text
    assert "evaluation_at" not in dossier["due"]
    assert [] == run_due(config, dossier, EVALUATION + timedelta(days=30))
    owner(config, dossier, "#notitie klant haalt de fiets op", at(11, 9))
    assert EVALUATION.isoformat() == dossier["due"]["evaluation_at"]  # the person acted


def test_a_relayed_answer_ends_the_wait_as_well(config: Config) -> None:
    dossier = resolved(config)
    write(config, dossier, "Ik kom hem zaterdag ophalen.", at(10, 14))
    owner(config, dossier, "Prima, tot zaterdag!", at(10, 15))
    assert aftercare.waiting_since(dossier) is None
    assert "evaluation_at" in dossier["due"]


def test_a_rejected_complaint_is_not_closed_by_silence_over_an_unanswered_mail(
    config: Config,
) -> None:
    dossier = opened(config)
    owner(config, dossier, "#afwijzen Buiten de garantie.", RESOLVED)
    assert "close_at" in dossier["due"]
    write(config, dossier, "Ik begrijp het niet helemaal", at(3, 10))
    assert "close_at" not in dossier["due"]


def test_when_unsure_a_mail_after_closure_is_just_thanks_the_owner_is_asked_once(
    config: Config,
) -> None:
    dossier = resolved(config)
    owner(config, dossier, "#status closed", at(2, 10))
    text = "Bedankt, alleen de rekening klopt volgens mij niet helemaal met wat we afspraken."
    [note] = write(config, dossier, text, at(28, 10))
    assert ("notification", "closed") == (note.kind, dossier["status"])
    words = " ".join(note.text.split())  # owner mail is wrapped for a phone
    assert "is het alleen een bedankje" in words and "het blijft gesloten" in words


def test_a_new_problem_after_closure_is_acknowledged_the_same_day(config: Config) -> None:
    dossier = resolved(config)
    owner(config, dossier, "#status closed", at(2, 10))
    mails = write(config, dossier, "De bel die jullie erop zetten rammelt nu ook.", at(28, 10))
    assert ["reopening", "notification"] == kinds(mails)
    assert "reopened" == dossier["status"]
    assert "De klant schreef na afsluiting." in mails[1].text


# -- while the evaluation is asked ------------------------------------------------------------


def evaluating(config: Config) -> dict[str, Any]:
    dossier = resolved(config)
    [evaluation] = run_due(config, dossier, EVALUATION)
    assert ("evaluation", "evaluating") == (evaluation.kind, dossier["status"])
    return dossier


def test_a_question_instead_of_a_score_reopens_and_the_evaluation_need_not_be_answered(
    config: Config,
) -> None:
    dossier = evaluating(config)
    mails = write(config, dossier, "Wanneer komt de monteur nou langs?", at(23, 10))
    assert ["reopening", "notification"] == kinds(mails)
    assert "hoeft u nu niet te" in mails[0].text
    assert "De evaluatievraag blijft liggen" in mails[1].text
    assert "close_at" not in dossier["due"]


def test_an_evaluation_answer_is_still_read_as_one(config: Config) -> None:
    dossier = evaluating(config)
    mails = write(config, dossier, "4, netjes opgelost", at(23, 10))
    assert ("closed", 4) == (dossier["status"], dossier["evaluation"]["score"])
    assert ["closure"] == kinds(mails)


def test_an_unhappy_evaluation_answer_still_names_the_disputes_body(config: Config) -> None:
    dossier = evaluating(config)
    mails = write(config, dossier, "Niet echt goed, het is weer kapot.", at(23, 10))
    assert ["disputes", "notification"] == kinds(mails)
    assert "reopened" == dossier["status"]

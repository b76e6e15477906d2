"""The promise records and their one honest lifecycle, with an injected clock; pure.

Dossiers are opened by the real pipeline (test_promises.opened) on Monday 23 November 2026; the
acknowledgement promises Monday 7 December. The owner's replies go through the reply step, so
`#done`, `#wait` and a plain "ja" are read as the owner writes them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_promises import START, at, customer_mail, kinds, maker_at, opened, run_due
from test_schedule import shop_config

from inbox_agent.commands.command import CommandError, NotAllowed
from inbox_agent.commands.parse import parse_command, plain_answer
from inbox_agent.config import Config
from inbox_agent.dossier import promises, schedule
from inbox_agent.models import Kind, Mail, OutgoingMail, Verdict
from inbox_agent.run.pipeline import Facts, Pipeline

QUIET = {"progress_every": "60 workdays", "escalate_after": "60 workdays"}


def owner_mail(
    config: Config, dossier: dict[str, Any], text: str, now: Any, answers: str = ""
) -> list[OutgoingMail]:
    """The owner's reply through the pipeline's reply step; returns the mail it makes."""
    number = len(dossier["messages"])
    mail = Mail(
        key=f"<o{number}@ketting.nl>",
        sha256="0",
        message_id=f"<o{number}@ketting.nl>",
        from_addr=config.owner.handler,
        from_name="Jan",
        to=(config.shop.email,),
        subject="Re: fiets",
        date=now,
        in_reply_to=(answers,) if answers else (),
        references=(),
        text=text,
        headers={},
    )
    facts = Facts(now, lambda: "unused", lambda address: 0)
    verdict = Verdict(Kind.OWNER, "answers our notification", dossier["reference"])
    outcome = Pipeline(config, maker_at(config, now)).process(
        mail, verdict, "archive/in/o.eml", dossier, facts
    )
    return outcome.outgoing


def outcomes(dossier: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(p["by"], p["due"], p["outcome"]) for p in dossier["promises"]]


def to_customer(mails: list[OutgoingMail]) -> list[OutgoingMail]:
    return [m for m in mails if not m.internal]


# -- made by the acknowledgement or a person, never by a progress mail ---------------------------


def test_the_acknowledgement_makes_the_first_promise(tmp_path: Path) -> None:
    dossier = opened(shop_config(tmp_path, **QUIET))
    [promise] = dossier["promises"]
    assert {
        "by": "agent",
        "what": "an answer to the complaint",
        "due": "2026-12-07",
        "outcome": "open",
        "renegotiated_to": None,
        "renegotiated_by": None,
    }.items() <= promise.items()


def test_progress_after_a_kept_promise_states_no_date_and_makes_no_promise(tmp_path: Path) -> None:
    config = shop_config(tmp_path, progress_every="3 workdays", escalate_after="60 workdays")
    dossier = opened(config)
    owner_mail(config, dossier, "We bestellen een nieuwe trapas.", START + timedelta(hours=2))
    assert [("agent", "2026-12-07", "kept")] == outcomes(dossier)
    [update] = run_due(config, dossier, at(26, 12, month=11))
    assert "progress" == update.kind and "uiterlijk" not in update.text
    assert 1 == len(dossier["promises"])


def test_progress_does_not_restate_the_agents_own_new_date(tmp_path: Path) -> None:
    config = shop_config(tmp_path, progress_every="1 workdays", escalate_after="60 workdays")
    dossier = opened(config)
    run_due(config, dossier, at(7, 1))  # renegotiated by the agent to 14 December
    assert "2026-12-14" == dossier["deadline"]
    [update] = run_due(config, dossier, at(8, 2))
    assert "progress" == update.kind and "14 december" not in update.text


# -- the agent renegotiates once ----------------------------------------------------------------


def test_the_agent_renegotiates_once_and_never_writes_the_customer_about_dates_again(
    tmp_path: Path,
) -> None:
    config = shop_config(tmp_path, progress_every="5 workdays", escalate_after="60 workdays")
    dossier = opened(config)
    letters: list[OutgoingMail] = []
    day = at(24, 9, month=11)
    for _ in range(60):  # two months of days with nobody acting
        day += timedelta(days=1)
        letters += to_customer(run_due(config, dossier, day))
    assert ["missed_date"] == [m.kind for m in letters if m.kind != "progress"]
    renegotiated = [m.kind for m in letters].index("missed_date")
    assert ["missed_date"] == [m.kind for m in letters[renegotiated:]]  # no progress mail either
    assert [("agent", "2026-12-07", "renegotiated"), ("agent", "2026-12-14", "broken")] == (
        outcomes(dossier)
    )
    assert ["broken"] == list(schedule.agenda_sections([dossier], day, config))[:1]


def test_a_note_alone_keeps_no_promise_and_no_letter_says_the_date_was_missed(
    tmp_path: Path,
) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner_mail(config, dossier, "#notitie klant gebeld, was niet thuis", at(1, 10))
    [asked] = run_due(config, dossier, at(7))
    assert ("escalation", ("jan@ketting.nl",)) == (asked.kind, asked.to)
    assert asked.text.split("\n\n")[1].startswith("Bel de klant")
    assert [("agent", "2026-12-07", "broken")] == outcomes(dossier)
    # Broken until a person gives a date; then that date is theirs.
    owner_mail(config, dossier, "#termijn 2026-12-11", at(8, 10))
    assert [
        ("agent", "2026-12-07", "renegotiated"),
        ("jan@ketting.nl", "2026-12-11", "open"),
    ] == outcomes(dossier)


@pytest.mark.parametrize(
    "text",
    ["We hebben het onderdeel besteld en bellen u.", "#afspraak 2026-12-09 fiets ophalen"],
)
def test_no_letter_says_a_promise_was_missed_after_a_persons_answer_or_agreement(
    tmp_path: Path, text: str
) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner_mail(config, dossier, text, at(2, 10))
    for day in range(3, 20):
        for mail in run_due(config, dossier, at(day, 9)):
            assert mail.kind != "missed_date"
            assert "spijt" not in mail.text and "niet gelukt" not in mail.text


def test_a_persons_new_date_after_a_break_may_be_renegotiated_once_again(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    run_due(config, dossier, at(7))  # renegotiated by the agent to 14 December
    run_due(config, dossier, at(14))  # broken
    owner_mail(config, dossier, "#termijn 2026-12-16", at(14, 10))
    assert ["missed_date", "date_moved"] == kinds(run_due(config, dossier, at(16)))
    assert ["escalation"] == kinds(run_due(config, dossier, at(23)))


def test_the_deputy_hears_once_of_a_promise_that_stays_broken(tmp_path: Path) -> None:
    config = shop_config(tmp_path, progress_every="60 workdays", escalate_after="2 workdays")
    dossier = opened(config)
    owner_mail(config, dossier, "#oorzaak kwaliteit", START + timedelta(hours=1))  # acted
    run_due(config, dossier, at(7))
    run_due(config, dossier, at(14))  # broken, the handler asked
    [deputy] = run_due(config, dossier, at(16))
    assert ("escalation", ("els@ketting.nl",)) == (deputy.kind, deputy.to)
    assert "plaatsvervanger" in deputy.text
    assert [] == run_due(config, dossier, at(30))


# -- agreements: asked on their day, #done, yes and no -------------------------------------------


def test_done_keeps_an_agreement_and_tells_the_customer(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner_mail(config, dossier, "#afspraak 2026-12-02 nieuwe spaak plaatsen", at(1, 10))
    [reminder] = run_due(config, dossier, at(2, 0))
    [letter] = owner_mail(config, dossier, "#klaar", at(2, 15))
    assert "reply" == letter.kind
    assert "Zoals afgesproken is dit gedaan: nieuwe spaak plaatsen." in letter.text
    assert ("jan@ketting.nl", "2026-12-02", "kept") == outcomes(dossier)[-1]


@pytest.mark.parametrize("answer", ["ja", "Ja!", "yes", "klaar"])
def test_a_plain_yes_to_the_reminder_is_done(tmp_path: Path, answer: str) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner_mail(config, dossier, "#afspraak 2026-12-02 nieuwe spaak plaatsen", at(1, 10))
    [reminder] = run_due(config, dossier, at(2, 0))
    [letter] = owner_mail(config, dossier, answer, at(2, 15), answers=reminder.message_id)
    assert "reply" == letter.kind and "is dit gedaan" in letter.text
    assert "kept" == dossier["promises"][-1]["outcome"]


def test_a_plain_no_to_the_reminder_asks_the_owner_for_a_date_and_tells_the_customer_nothing(
    tmp_path: Path,
) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner_mail(config, dossier, "#afspraak 2026-12-02 nieuwe spaak plaatsen", at(1, 10))
    [reminder] = run_due(config, dossier, at(2, 0))
    [asked] = owner_mail(config, dossier, "nee", at(2, 15), answers=reminder.message_id)
    assert asked.internal and "#afspraak JJJJ-MM-DD" in asked.text.split("\n\n")[1]
    assert "broken" == dossier["promises"][-1]["outcome"]
    # `#agree NEWDATE` moves it: renegotiated by that person, a new open agreement.
    owner_mail(config, dossier, "#afspraak 2026-12-09", at(3, 9))
    old, new = dossier["promises"][-2:]
    assert ("renegotiated", "2026-12-09", "jan@ketting.nl") == (
        old["outcome"],
        old["renegotiated_to"],
        old["renegotiated_by"],
    )
    assert ("agreement", "nieuwe spaak plaatsen", "open") == (
        new["kind"],
        new["text"],
        new["outcome"],
    )


def test_an_unanswered_reminder_leaves_the_agreement_broken_in_the_agenda(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner_mail(config, dossier, "#afspraak 2026-12-02 fiets ophalen", at(1, 10))
    assert ["reminder"] == kinds(run_due(config, dossier, at(2, 0)))
    assert [] == to_customer(run_due(config, dossier, at(3, 0)))
    assert "broken" == dossier["promises"][-1]["outcome"]
    assert "broken" in schedule.agenda_sections([dossier], at(3, 9), config)


def test_plain_answers_are_read_only_when_plain() -> None:
    assert (True, True, False, False) == tuple(
        plain_answer(t) for t in ("ja", "Yes.", "nee", "Nog niet")
    )
    assert None is plain_answer("ja, maar de klant belt nog")
    assert None is plain_answer("ja\n\nen de fiets staat klaar")


def test_done_without_an_open_agreement_is_refused(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    [help_mail] = owner_mail(config, dossier, "#klaar", at(1, 10))
    assert "command_help" == help_mail.kind and "geen open" in " ".join(help_mail.text.split())


# -- resolution letters carry a date; the evaluation waits for the agreement -------------------


@pytest.mark.parametrize("kind", ["repair", "replace", "assist", "inform", "compensate", "refund"])
def test_a_resolution_letter_that_promises_contact_carries_a_date_and_becomes_an_agreement(
    tmp_path: Path, kind: str
) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    [letter] = owner_mail(config, dossier, f"#resolve {kind}", at(1, 10))
    assert "uiterlijk vrijdag 4 december 2026" in letter.text.lower()  # three workdays on
    agreement = dossier["promises"][-1]
    assert ("agreement", "2026-12-04", kind, "open") == (
        agreement["kind"],
        agreement["due"],
        agreement["contact"],
        agreement["outcome"],
    )
    [reminder] = run_due(config, dossier, at(4, 0))
    assert "reminder" == reminder.kind and "contact opnemen met de klant" in reminder.text


def test_the_evaluation_clock_starts_when_the_agreement_is_done(tmp_path: Path) -> None:
    config = shop_config(tmp_path, evaluation_after="1w", **QUIET)
    dossier = opened(config)
    owner_mail(config, dossier, "#resolve repair", at(1, 10))
    assert "evaluation_at" not in dossier["due"]
    run_due(config, dossier, at(4, 0))  # asked: done?
    owner_mail(config, dossier, "#klaar", at(10, 10))
    assert "2026-12-17T10:00:00+01:00" == dossier["due"]["evaluation_at"]


# -- #wait ----------------------------------------------------------------------------------------


def test_wait_tells_the_customer_once_pauses_the_clock_and_brings_the_dossier_back(
    tmp_path: Path,
) -> None:
    config = shop_config(tmp_path, progress_every="2 workdays", escalate_after="1 workdays")
    dossier = opened(config)
    [letter] = owner_mail(
        config, dossier, "#wacht nieuw wiel van de leverancier 2026-12-18", at(1, 10)
    )
    assert "Wij wachten nog op: nieuw wiel van de leverancier." in letter.text
    assert "Uiterlijk vrijdag 18 december 2026" in letter.text
    meanwhile = [m for day in range(2, 18) for m in run_due(config, dossier, at(day, 9))]
    # No progress, no escalation, no renegotiation while waiting: only the heads-up before
    # the day to the handler and the deputy.
    assert ["warning"] == kinds(meanwhile)
    assert ["waiting"] == [
        name for name in schedule.agenda_sections([dossier], at(17, 9), config) if name == "waiting"
    ]
    back = run_due(config, dossier, at(18, 9))
    assert ["missed_date", "date_moved"] == kinds(back)[:2]
    assert "wachtten op: nieuw wiel van de leverancier" in back[0].text
    assert "De wachttijd voor" in back[1].text


def test_wait_needs_what_and_a_date() -> None:
    assert ("2026-12-10", "het onderdeel") == (
        parse_command("#wacht het onderdeel 2026-12-10").arg,
        parse_command("#wacht het onderdeel 2026-12-10").text,
    )
    assert "het onderdeel" == parse_command("#wait 2026-12-10 het onderdeel").text
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        parse_command("#wacht het onderdeel")
    assert issubclass(NotAllowed, CommandError)


def test_a_stored_dossier_without_records_gets_its_open_date_as_one(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    del dossier["promises"]
    assert [("agent", "2026-12-07", "open")] == [
        (p["by"], p["due"], p["outcome"]) for p in promises.records(dossier)
    ]


# -- whatever happens: one renegotiation by the agent between two acts of a person --------------

_STEPS = st.sampled_from(
    ["wait", "reply", "deadline", "agree", "done", "note", "pause", "resolve", "customer"]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(st.tuples(st.integers(6, 200), _STEPS), min_size=1, max_size=20))
def test_the_agent_never_renegotiates_twice_without_a_person_between(
    tmp_path: Path, steps: list[tuple[int, str]]
) -> None:
    """Random hours pass and the owner acts or only notes; the agent's date letters never come
    twice in a row, never after a note, and never state a past date (the composer refuses)."""
    config = shop_config(tmp_path, progress_every="3 workdays", escalate_after="2 workdays")
    dossier = opened(config)
    now = START
    since_person = 0
    for hours, action in steps:
        now += timedelta(hours=hours)
        today = now.astimezone(config.shop.tz).date()
        later = today + timedelta(days=hours % 9)
        texts = {
            "reply": "We zijn ermee bezig en bellen u morgen.",
            "deadline": f"#termijn {later}",
            "agree": f"#afspraak {later} fiets ophalen",
            "done": "#klaar",
            "note": "#notitie nog even afwachten",
            "pause": f"#wacht onderdeel van de leverancier {later}",
            "resolve": "#oplossen reparatie",
        }
        if action in texts:
            out = owner_mail(config, dossier, texts[action], now)
            refused = any(m.kind == "command_help" for m in out)
            if not refused and action != "note":
                since_person = 0
        elif action == "customer":
            mail = replace(customer_mail(dossier, "Hoe staat het ermee?"), date=now)
            facts = Facts(now, lambda: "unused", lambda address: 0)
            verdict = Verdict(Kind.FOLLOWUP, "answers our mail", dossier["reference"])
            Pipeline(config, maker_at(config, now)).process(
                mail, verdict, "archive/in/x.eml", dossier, facts
            )
        for mail_out in run_due(config, dossier, now):
            if mail_out.kind == "missed_date":
                since_person += 1
                assert since_person == 1
                assert not promises.noted_since(
                    dossier, datetime.fromisoformat(dossier["promises"][-2]["made_at"])
                )

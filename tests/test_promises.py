"""Promised dates kept or renegotiated in time, and progress updates with content; pure.

Every decision runs with an injected clock on a dossier the real pipeline opened; no store, no
servers. The week of Monday 23 November 2026: ten workdays on, the answer date is Monday
7 December; two workdays before it is Thursday 3 December.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_schedule import shop_config

from inbox_agent.commands import perform
from inbox_agent.commands.command import Command, NotAllowed
from inbox_agent.commands.parse import parse_command, parse_instructions
from inbox_agent.config import Config, ConfigError
from inbox_agent.dossier import promises, schedule
from inbox_agent.dossier import record as dossiers
from inbox_agent.durations import Duration, add_duration, subtract_duration
from inbox_agent.letters import news
from inbox_agent.letters.compose import Composer, StalePromise
from inbox_agent.letters.mailmaker import MailMaker
from inbox_agent.mail.parsing import parse
from inbox_agent.models import OPEN_STATUSES, Kind, Mail, OutgoingMail, Verdict
from inbox_agent.run import due
from inbox_agent.run.pipeline import Facts, Pipeline

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday
CORPUS = Path(__file__).parent / "corpus"
KEY = b"k" * 32
QUIET = {"progress_every": "60 workdays", "escalate_after": "60 workdays"}


def maker_at(config: Config, now: datetime) -> MailMaker:
    """A mail maker whose composer refuses any date before `now`'s day as a promise."""
    return MailMaker(config, Composer(config, today=now.astimezone(config.shop.tz).date()), KEY)


def opened(config: Config, name: str = "complaint_plain_nl.eml") -> dict[str, Any]:
    pipeline = Pipeline(config, maker_at(config, START))
    mail = parse((CORPUS / name).read_bytes())
    facts = Facts(START, lambda: "K-2026-0001", lambda address: 0)
    outcome = pipeline.complaint(mail, "archive/in/1.eml", facts)
    assert outcome.dossier is not None
    return outcome.dossier


def run_due(config: Config, dossier: dict[str, Any], now: datetime) -> list[OutgoingMail]:
    maker = maker_at(config, now)
    mails: list[OutgoingMail] = []
    for key in schedule.due_now(dossier, now):
        mails += due.perform(dossier, key, now, config, maker)
    return mails


def owner(config: Config, dossier: dict[str, Any], text: str, now: datetime) -> None:
    """The owner's commands as the pipeline applies them (checked, applied, rescheduled)."""
    instructions = parse_instructions(text)
    today = now.astimezone(config.shop.tz).date()
    perform.simulate(dossier, instructions.commands, False, today)
    perform.apply(dossier, instructions.commands, instructions.body, config.owner.handler, now)
    schedule.refresh(dossier, config)


def reply_to_customer(config: Config, dossier: dict[str, Any], text: str, now: datetime) -> None:
    mail = maker_at(config, now).reply(
        dossier, text, resolution=None, agreements=[], new_deadline=None
    )
    dossiers.record_outgoing(dossier, mail, now, config.shop.email, [])
    schedule.refresh(dossier, config)


def at(day: int, hour: int = 0, month: int = 12) -> datetime:
    """A moment in the shop's time zone (Europe/Amsterdam), as the decisions see it."""
    from zoneinfo import ZoneInfo

    return datetime(2026, month, day, hour, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def kinds(mails: list[OutgoingMail]) -> list[str]:
    return [m.kind for m in mails]


# -- warned before, not after --------------------------------------------------------------------


def test_handler_and_deputy_are_warned_two_workdays_before_the_date(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    assert "2026-12-07" == dossier["deadline"]
    assert [] == run_due(config, dossier, at(2, 23))  # Wednesday evening: too early
    [warning] = run_due(config, dossier, at(3, 0))  # Thursday: two workdays ahead
    assert ("warning", ("jan@ketting.nl", "els@ketting.nl")) == (warning.kind, warning.to)
    assert "maandag 7 december 2026" in warning.text
    assert "maandag 14 december 2026" in warning.text  # what the customer gets otherwise
    assert "#termijn" in warning.text and "#voortgang" in warning.text
    assert "Klant: Piet Jansen <piet@klant.nl>\n\n" in warning.text  # its own paragraph
    assert [] == run_due(config, dossier, at(4, 12))  # once per date


def test_no_warning_after_the_date_when_the_agent_was_not_running(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    assert ["missed_date", "date_moved"] == kinds(run_due(config, dossier, at(8, 9)))


def test_no_warning_when_the_customer_was_answered_since_the_promise(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    reply_to_customer(config, dossier, "We kijken ernaar.", START + timedelta(hours=3))
    assert "deadline_warn_at" not in dossier["due"]
    assert [] == run_due(config, dossier, at(3, 9))


def test_a_date_the_owner_sets_inside_the_warning_window_is_not_warned_about(
    tmp_path: Path,
) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner(config, dossier, "#termijn 2026-11-25", START + timedelta(hours=1))
    assert "deadline_warn_at" not in dossier["due"]
    assert promises.start_of(config, "2026-11-25") == promises.missed_at(dossier, config)


def test_a_date_promised_for_today_is_missed_when_the_day_ends_not_at_once(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner(config, dossier, "#termijn 2026-11-23", START + timedelta(hours=1))
    assert at(24, month=11) == promises.missed_at(dossier, config)
    assert [] == run_due(config, dossier, at(23, 23, month=11))


# -- a missed date: letter, new date, owner told, exactly once ------------------------------------


def test_missed_date_sends_an_honest_letter_moves_the_date_and_tells_the_owner_once(
    tmp_path: Path,
) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    run_due(config, dossier, at(3))  # the warning
    assert [] == run_due(config, dossier, at(6, 23))
    letter, notice = run_due(config, dossier, at(7, 0))
    assert ("missed_date", ("piet@klant.nl",)) == (letter.kind, letter.to)
    assert "2026-12-14" == dossier["deadline"]  # five workdays on
    assert "maandag 7 december 2026" in letter.text and "spijt ons" in letter.text
    assert "uiterlijk maandag 14 december 2026" in letter.text
    assert ("date_moved", ("jan@ketting.nl", "els@ketting.nl")) == (notice.kind, notice.to)
    assert "maandag 14 december 2026" in notice.text
    assert [] == run_due(config, dossier, at(7, 18))  # exactly once
    deadline_events = [e for e in dossier["events"] if e["type"] == "deadline"]
    assert 1 == len(deadline_events) and "2026-12-14" in deadline_events[0]["text"]
    assert ["2026-12-07"] == promises.missed_dates(dossier)  # the report counts it as missed
    # The agent's new date is warned about too, but the agent renegotiates only once: when it
    # comes unkept, the promise is broken and the handler (not the customer) gets one mail.
    assert ["warning"] == kinds(run_due(config, dossier, at(10)))
    [broken] = run_due(config, dossier, at(14))
    assert ("escalation", ("jan@ketting.nl",)) == (broken.kind, broken.to)
    assert "2026-12-14" == dossier["deadline"]


def test_missed_date_letter_takes_the_place_of_a_progress_update_due_the_same_day(
    tmp_path: Path,
) -> None:
    config = shop_config(tmp_path, progress_every="10 workdays", escalate_after="60 workdays")
    dossier = opened(config)
    assert "2026-12-07T10:00:00+01:00" == dossier["due"]["progress_at"]
    assert ["missed_date", "date_moved"] == kinds(run_due(config, dossier, at(7, 12)))


def test_a_date_answered_in_time_is_kept_and_the_next_update_invents_no_date(
    tmp_path: Path,
) -> None:
    config = shop_config(tmp_path, progress_every="8 workdays", escalate_after="60 workdays")
    dossier = opened(config)
    reply_to_customer(config, dossier, "De monteur komt kijken.", at(1, 10))
    assert [] == run_due(config, dossier, at(7, 9))  # answered: no apology, nobody bothered
    assert "2026-12-07" == dossier["deadline"]
    assert [] == schedule.agenda_sections([dossier], at(8, 9), config).get("overdue", [])
    [update] = run_due(config, dossier, at(11, 10))  # eight workdays after the reply
    assert "progress" == update.kind
    # The date was kept; nobody promised another, so the update states none.
    assert "2026-12-07" == dossier["deadline"]
    assert "uiterlijk" not in update.text and "december" not in update.text


# -- reopened: a fresh realistic date -------------------------------------------------------------


def test_a_reopened_dossier_gets_a_fresh_date_that_the_next_update_states(tmp_path: Path) -> None:
    config = shop_config(tmp_path, progress_every="5 workdays", escalate_after="60 workdays")
    dossier = opened(config)
    owner(config, dossier, "#resolve repair", at(1, 10))
    owner(config, dossier, "#heropen", at(28, 10))  # Monday 28 December
    assert "reopened" == dossier["status"]
    assert "2027-01-12" == dossier["deadline"]  # ten workdays on, past New Year's Day
    [update] = run_due(config, dossier, at(28, 11))  # the customer last heard weeks ago
    assert "progress" == update.kind
    assert "heropend" in update.text and "dinsdag 12 januari 2027" in update.text


def test_a_customer_writing_after_closure_hears_of_the_reopening_with_a_fresh_date(
    tmp_path: Path,
) -> None:
    config = shop_config(tmp_path, progress_every="5 workdays", escalate_after="60 workdays")
    dossier = opened(config)
    owner(config, dossier, "#resolve repair", at(1, 10))
    owner(config, dossier, "#status closed", at(2, 10))
    written = at(28, 10)
    mail = replace(customer_mail(dossier, "Het kraakt weer."), date=written)
    facts = Facts(written, lambda: "unused", lambda address: 0)
    pipeline = Pipeline(config, maker_at(config, written))
    verdict = Verdict(Kind.FOLLOWUP, "answers our mail", dossier["reference"])
    outcome = pipeline.process(mail, verdict, "archive/in/3.eml", dossier, facts)
    assert ("reopened", "2027-01-12") == (dossier["status"], dossier["deadline"])
    # The same day: the reopening's acknowledgement states the fresh date (issue 20), so no
    # progress update follows it.
    [letter] = [m for m in outcome.outgoing if m.kind == "reopening"]
    assert "Wij hebben uw dossier (K-2026-0001) heropend" in letter.text
    assert "uiterlijk dinsdag 12 januari 2027" in letter.text
    assert [] == run_due(config, dossier, written)


def test_a_dossier_reopened_and_taken_in_hand_at_once_gets_a_fresh_date_too(
    tmp_path: Path,
) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner(config, dossier, "#resolve repair", at(1, 10))
    owner(config, dossier, "#heropen\n#status in_progress", at(28, 10))
    assert ("in_progress", "2027-01-12") == (dossier["status"], dossier["deadline"])


def test_a_date_given_with_the_reopening_is_kept(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner(config, dossier, "#resolve repair", at(1, 10))
    owner(config, dossier, "#reopen\n#deadline 2026-12-31", at(28, 10))
    assert "2026-12-31" == dossier["deadline"]


# -- no date in the past, ever ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "line", ["#termijn 2026-11-22", "#deadline 2026-11-20", "#afspraak 2026-11-20 nieuwe spaak"]
)
def test_the_owner_cannot_promise_a_date_that_has_passed(line: str) -> None:
    dossier = {"status": "acknowledged"}
    with pytest.raises(NotAllowed, match="2026-11-2"):
        perform.simulate(dossier, (parse_command(line),), False, date(2026, 11, 23))


def test_an_agreement_for_today_is_accepted() -> None:
    command = parse_command("#afspraak 2026-11-23 bellen")
    perform.simulate({"status": "acknowledged"}, (command,), False, date(2026, 11, 23))


@pytest.mark.parametrize("template", ["progress", "missed_date", "acknowledgement"])
@pytest.mark.parametrize("language", ["nl", "en", "de"])
def test_the_template_guard_refuses_a_past_date_as_a_promise(
    tmp_path: Path, template: str, language: str
) -> None:
    config = shop_config(tmp_path)
    dossier = opened(config)
    composer = Composer(config, today=date(2026, 12, 8))
    context = {
        "dossier": dossier,
        "subject": "Re: x",
        "news": [],
        "next_step": {"kind": "answer"},
        "last_heard": dossier["received_at"],
        "old_deadline": "2026-12-01",
        "promised": "2026-12-07",  # the date a progress update restates
        "registered": [],
        "received": datetime.fromisoformat(dossier["received_at"]),
        "missing": [],
    }
    with pytest.raises(StalePromise, match="2026-12-07"):
        composer.render(template, language=language, **context)
    composer.today = date(2026, 12, 7)  # the date itself is still a valid promise
    body = composer.render(template, language=language, **context)[1]
    assert {"nl": "7 december 2026", "en": "7 December 2026", "de": "7. Dezember 2026"}[
        language
    ] in body


# -- progress updates with content -------------------------------------------------------------


SECRETS = (
    "klant was boos",  # #note
    "failliet",  # #internal
    "Geleverd op 3 november",  # a colleague's answer
    "quality",  # the cause category, in either language
    "kwaliteit",
    "serial_number",  # a raw field key
)


def customer_mail(dossier: dict[str, Any], text: str) -> Mail:
    return Mail(
        key=f"<{len(dossier['messages'])}@klant>",
        sha256="0",
        message_id=f"<{len(dossier['messages'])}@klant>",
        from_addr=dossier["customer"]["email"],
        from_name="",
        to=("klachten@ketting.nl",),
        subject="Re: fiets",
        date=None,
        in_reply_to=(),
        references=(),
        text=text,
        headers={},
    )


def busy_week(config: Config, notes: bool = True) -> dict[str, Any]:
    """Acknowledged Monday; on Tuesday the owner works on it; on Wednesday the customer writes."""
    dossier = opened(config)
    tuesday = START + timedelta(days=1)
    owner(config, dossier, "#vraag piet@ketting.nl Wanneer geleverd?", tuesday)
    if notes:
        owner(config, dossier, "#notitie klant was boos", tuesday)
        owner(config, dossier, "#intern\nDe leverancier is failliet.", tuesday)
    owner(config, dossier, "#oorzaak kwaliteit", tuesday)
    owner(config, dossier, "#voortgang Wij hebben een nieuwe trapas besteld.", tuesday)
    dossiers.add_event(dossier, tuesday, "piet@ketting.nl", "answer", "Geleverd op 3 november")
    followup = customer_mail(dossier, "Serienummer: WTU123456")
    dossiers.add_followup(dossier, followup, "archive/in/2.eml", START + timedelta(days=2))
    schedule.refresh(dossier, config)
    return dossier


def test_news_lists_the_steps_since_the_customer_last_heard_from_us(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = busy_week(config)
    assert [
        {"kind": "question"},
        {"kind": "cause"},
        {"kind": "progress", "text": "Wij hebben een nieuwe trapas besteld."},
        {"kind": "answer"},
        {"kind": "followup"},
        {"kind": "fields", "fields": ["serial_number"]},
    ] == news.since_last_heard(dossier)
    assert {"kind": "answer"} == news.next_step(dossier, date(2026, 11, 26))


@pytest.mark.parametrize(
    "language,lines",
    [
        (
            "nl",
            [
                "We hebben een collega om informatie gevraagd.",
                "We hebben onderzocht hoe het probleem is ontstaan.",
                "- Wij hebben een nieuwe trapas besteld.",
                "We hebben uw gegevens aangevuld: serienummer.",
                "We hebben uw aanvullende bericht ontvangen",
                "Volgende stap:",
                "uiterlijk maandag 7 december 2026",
            ],
        ),
        (
            "en",
            [
                "We asked a colleague for information.",
                "We looked into how the problem came about.",
                "- Wij hebben een nieuwe trapas besteld.",
                "We added your details to your file: serial number.",
                "Next step:",
                "by Monday 7 December 2026",
            ],
        ),
    ],
)
def test_progress_update_says_what_happened_and_never_leaks_internal_notes(
    tmp_path: Path, language: str, lines: list[str]
) -> None:
    config = shop_config(tmp_path, progress_every="3 workdays", escalate_after="60 workdays")
    dossier = busy_week(config)
    dossier["language"] = language
    [update] = run_due(config, dossier, START + timedelta(days=3))
    for line in lines:
        assert line in update.text
    for secret in SECRETS:
        assert secret not in update.text
    # Told once: the next update has nothing new and says so plainly.
    [quiet] = run_due(config, dossier, START + timedelta(days=8))
    assert ("nog niets nieuws" if language == "nl" else "nothing new") in quiet.text
    assert "trapas" not in quiet.text


def test_progress_update_with_nothing_new_names_the_next_step_and_the_date(tmp_path: Path) -> None:
    config = shop_config(tmp_path, escalate_after="60 workdays")
    dossier = opened(config)
    [update] = run_due(config, dossier, START + timedelta(days=7))
    assert "is er nog niets nieuws te melden" in update.text
    assert "Volgende stap: wij ronden de behandeling" in update.text
    assert "uiterlijk maandag 7 december 2026 een inhoudelijk antwoord" in update.text


def test_next_step_names_an_agreement_ahead_or_a_colleague_awaited(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner(config, dossier, "#vraag piet@ketting.nl Op voorraad?", START)
    assert {"kind": "colleague"} == news.next_step(dossier, date(2026, 11, 24))
    owner(config, dossier, "#afspraak 2026-12-02 nieuwe spaak plaatsen", START)
    assert {"kind": "agreement", "text": "nieuwe spaak plaatsen", "date": "2026-12-02"} == (
        news.next_step(dossier, date(2026, 11, 24))
    )


def test_progress_command_records_a_customer_line_and_needs_text() -> None:
    assert Command("progress", text="Onderdeel besteld") == parse_command(
        "#voortgang Onderdeel besteld"
    )
    assert not parse_instructions("#progress Part ordered").internal
    with pytest.raises(ValueError, match="#progress needs"):
        parse_command("#progress")


# -- agreements and durations ----------------------------------------------------------------------


def test_an_agreement_is_reminded_on_its_day_with_the_question_done(tmp_path: Path) -> None:
    config = shop_config(tmp_path, **QUIET)
    dossier = opened(config)
    owner(config, dossier, "#afspraak 2026-12-04 nieuwe spaak", START)
    assert [] == run_due(config, dossier, at(3, 23))
    [reminder] = run_due(config, dossier, at(4, 0))  # Friday, its day
    assert "reminder" == reminder.kind and "vrijdag 4 december 2026" in reminder.text
    assert '"ja" of "nee"' in reminder.text


@pytest.mark.parametrize(
    "end,duration,start",
    [
        (at(7), Duration(workdays=2), at(3)),  # Monday → the Thursday before
        (at(9), Duration(workdays=2), at(7)),
        (at(7), Duration(seconds=3600), at(6, 23)),
        (at(28), Duration(workdays=1), at(24)),  # over Christmas
    ],
)
def test_subtract_duration_mirrors_add_duration(
    end: datetime, duration: Duration, start: datetime
) -> None:
    assert start == subtract_duration(end, duration)
    if duration.seconds or end.weekday() < 5:
        assert end == add_duration(start, duration)


def test_new_keys_have_defaults_and_read_from_config(tmp_path: Path) -> None:
    assert Duration(workdays=2) == shop_config(tmp_path).timing.warn_before
    config = shop_config(tmp_path, warn_before="1d", deadline_extension="3 workdays")
    assert (Duration(seconds=86400), Duration(workdays=3)) == (
        config.timing.warn_before,
        config.timing.deadline_extension,
    )


@pytest.mark.parametrize("value", ["0s", "12h"])
def test_an_extension_shorter_than_a_day_is_a_config_error(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match="timing.deadline_extension"):
        shop_config(tmp_path, deadline_extension=value)


def test_the_owner_can_answer_a_warning_or_a_moved_date_notice_with_commands() -> None:
    from inbox_agent.triage.owner import OWNER_FACING

    assert {"warning", "date_moved"} <= OWNER_FACING


@pytest.mark.parametrize("language", ["nl", "en"])
def test_missed_date_letter_tells_the_news_and_never_leaks_internal_notes(
    tmp_path: Path, language: str
) -> None:
    config = shop_config(tmp_path, **QUIET)
    # Without the notes: a note before the date means no such letter (a test below).
    dossier = busy_week(config, notes=False)
    dossier["language"] = language
    letter, notice = run_due(config, dossier, at(7))
    assert "- Wij hebben een nieuwe trapas besteld." in letter.text
    for secret in SECRETS:
        assert secret not in letter.text


# -- whatever happens, no letter promises a past date ---------------------------------------------

_ACTIONS = st.sampled_from(
    ["wait", "reply", "deadline", "progress", "resolve", "reopen", "close", "customer"]
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(st.tuples(st.integers(1, 120), _ACTIONS), min_size=1, max_size=25))
def test_no_letter_ever_promises_a_past_date(tmp_path: Path, steps: list[tuple[int, str]]) -> None:
    """Random hours pass and the owner and customer act; every letter's date lies ahead.

    The composer's guard raises on a past date, so a wrong decision fails this test loudly.
    """
    config = shop_config(
        tmp_path, progress_every="2 workdays", evaluation_after="1w", close_after="1w"
    )
    dossier = opened(config)
    now = START
    for hours, action in steps:
        now += timedelta(hours=hours)
        today = now.astimezone(config.shop.tz).date()
        commands = {
            "deadline": f"#termijn {today + timedelta(days=hours % 9)}",
            "progress": "#voortgang Het onderdeel is besteld.",
            "resolve": "#oplossen reparatie",
            "reopen": "#heropen",
            "close": "#status gesloten",
        }
        try:
            if action in commands:
                owner(config, dossier, commands[action], now)
            elif action == "reply" and dossier["status"] in OPEN_STATUSES:
                reply_to_customer(config, dossier, "We zijn ermee bezig.", now)
            elif action == "customer":
                mail = replace(customer_mail(dossier, "Hoe staat het ermee?"), date=now)
                facts = Facts(now, lambda: "unused", lambda address: 0)
                verdict = Verdict(Kind.FOLLOWUP, "answers our mail", dossier["reference"])
                Pipeline(config, maker_at(config, now)).process(
                    mail, verdict, "archive/in/x.eml", dossier, facts
                )
        except ValueError:
            pass  # a command the status does not allow: refused, nothing changed
        for mail_out in run_due(config, dossier, now):
            # The date a letter may state is the open answer date; a kept one is not restated.
            pending = promises.current(dossier)
            if not mail_out.internal and pending is not None and pending["outcome"] == "open":
                assert pending["due"] >= today.isoformat()

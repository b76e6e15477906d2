"""Triage and threading: pure decisions with reasons."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inbox_agent.dossier.matching import base_subject, match_dossier, reference_pattern
from inbox_agent.mail.parsing import one_line, parse
from inbox_agent.models import Kind, Mail
from inbox_agent.triage.rules import TriageContext, triage

CTX = TriageContext(
    shop_email="klachten@ketting.nl",
    owner_addresses=frozenset({"jan@ketting.nl"}),
    reference_prefix="K",
    thread_index={"<ack-1@ketting.nl>": "K-2026-0001"},
    customers={"K-2026-0001": "piet@klant.nl"},
    sent_ids={"<ack-1@ketting.nl>"},
)


def mail(**changes: object) -> Mail:
    base = parse(
        b"From: Piet <piet@klant.nl>\r\nTo: klachten@ketting.nl\r\nSubject: Fiets\r\n"
        b"Message-ID: <m1@klant.nl>\r\n\r\nKapot.\r\n"
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_person_writing_is_a_complaint() -> None:
    assert Kind.COMPLAINT == triage(mail(), CTX).kind


@pytest.mark.parametrize(
    "headers,reason",
    [
        ({"auto-submitted": "auto-replied"}, "Auto-Submitted"),
        ({"auto-submitted": "auto-generated; foo"}, "Auto-Submitted"),
        ({"precedence": "bulk"}, "Precedence"),
        ({"precedence": "junk"}, "Precedence"),
        ({"precedence": "list"}, "Precedence"),
        ({"list-id": "<x.example>"}, "List-Id"),
        ({"x-autoreply": "yes"}, "automatic reply"),
    ],
)
def test_rfc3834_automatic_mail_is_never_a_complaint(headers: dict[str, str], reason: str) -> None:
    verdict = triage(mail(headers=headers), CTX)
    assert Kind.AUTOMATIC == verdict.kind
    assert reason in verdict.reason


def test_auto_submitted_no_is_a_person() -> None:
    assert Kind.COMPLAINT == triage(mail(headers={"auto-submitted": "no"}), CTX).kind


@pytest.mark.parametrize(
    "changes",
    [
        {"from_addr": "mailer-daemon@mx.klant.nl"},
        {"from_addr": "postmaster@klant.nl"},
        {"return_path": "<>"},
        {"is_dsn": True},
    ],
)
def test_bounces(changes: dict[str, object]) -> None:
    assert Kind.BOUNCE == triage(mail(**changes), CTX).kind


def test_bounce_is_tied_to_the_mail_it_reports_on() -> None:
    verdict = triage(mail(is_dsn=True, dsn_refs=("<ack-1@ketting.nl>",)), CTX)
    assert ("K-2026-0001", True) == (verdict.reference, "<ack-1@ketting.nl>" in verdict.reason)


def test_own_mail_and_owner_and_spam() -> None:
    assert Kind.OWN == triage(mail(message_id="<ack-1@ketting.nl>"), CTX).kind
    assert Kind.OWN == triage(mail(from_addr="klachten@ketting.nl"), CTX).kind
    assert Kind.OWNER_UNVERIFIED == triage(mail(from_addr="jan@ketting.nl"), CTX).kind
    assert Kind.SPAM == triage(mail(headers={"x-spam-flag": "YES"}), CTX).kind
    assert Kind.UNPARSEABLE == triage(mail(from_addr=""), CTX).kind


def test_reply_threads_by_message_id_from_anyone() -> None:
    verdict = triage(mail(from_addr="partner@klant.nl", in_reply_to=("<ack-1@ketting.nl>",)), CTX)
    assert (Kind.FOLLOWUP, "K-2026-0001") == (verdict.kind, verdict.reference)


def test_subject_tag_only_counts_for_the_dossiers_customer() -> None:
    subject = "Re: Fiets [K-2026-0001]"
    assert "K-2026-0001" == triage(mail(subject=subject), CTX).reference
    stranger = triage(mail(subject=subject, from_addr="mallory@evil.example"), CTX)
    assert (Kind.COMPLAINT, None) == (stranger.kind, stranger.reference)


def test_unknown_reference_opens_a_new_dossier() -> None:
    assert match_dossier(mail(subject="[K-2026-0099]"), {}, CTX.customers, "K") is None


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@given(_text)
def test_base_subject_is_idempotent(subject: str) -> None:
    once = base_subject(subject)
    assert once == base_subject(once)


@given(
    st.integers(min_value=2000, max_value=2999), st.integers(min_value=1, max_value=99999), _text
)
def test_reference_tag_round_trips(year: int, number: int, subject: str) -> None:
    reference = f"K-{year}-{number:04d}"
    assert reference in reference_pattern("K").findall(f"Re: {subject} [{reference}]")


@given(_text)
def test_one_line_never_keeps_a_line_break(value: str) -> None:
    assert "\n" not in one_line(value) and "\r" not in one_line(value)


@given(st.binary(max_size=400))
def test_parse_never_raises(raw: bytes) -> None:
    parsed = parse(raw)
    assert parsed.key

"""Machine mail (issue 12): each sign alone makes a mail automatic; a person's mail stays a person's."""

from __future__ import annotations

import pytest

from inbox_agent.mail.parsing import parse
from inbox_agent.models import Kind
from inbox_agent.triage.machines import HOP_LIMIT, machine_sign
from inbox_agent.triage.rules import TriageContext, triage

SHOP = "klachten@ketting.nl"
CTX = TriageContext(
    shop_email=SHOP,
    owner_addresses=frozenset({"jan@ketting.nl"}),
    reference_prefix="K",
    thread_index={"<ack-1@ketting.nl>": "K-2026-0001"},
    customers={"K-2026-0001": "piet@klant.nl"},
    sent_ids={"<ack-1@ketting.nl>"},
)
PERSON = "From: Piet <piet@klant.nl>\r\nTo: klachten@ketting.nl\r\nSubject: Fiets\r\n"


def raw(head: str = "", body: str = "Mijn fiets is kapot.\r\n", content_type: str = "") -> bytes:
    content = content_type or "Content-Type: text/plain; charset=utf-8\r\n"
    return f"{PERSON}Message-ID: <m1@klant.nl>\r\n{head}{content}\r\n{body}".encode()


def report(report_type: str, part_type: str, wrapper: str = "multipart/report") -> bytes:
    param = f"; report-type={report_type}" if wrapper == "multipart/report" else ""
    return raw(
        "MIME-Version: 1.0\r\n",
        "--B\r\nContent-Type: text/plain\r\n\r\nHallo\r\n"
        f"--B\r\nContent-Type: {part_type}\r\n\r\n"
        "Original-Message-ID: <ack-1@ketting.nl>\r\nDisposition: manual-action; displayed\r\n"
        "\r\n--B--\r\n",
        f'Content-Type: {wrapper}{param}; boundary="B"\r\n',
    )


def verdict(data: bytes) -> tuple[Kind, str]:
    result = triage(parse(data), CTX)
    return result.kind, result.reason


@pytest.mark.parametrize(
    "data,kind,reason",
    [
        (
            report("disposition-notification", "message/disposition-notification"),
            Kind.AUTOMATIC,
            "read receipt",
        ),
        (
            report("disposition-notification", "text/plain"),  # the report-type alone says so
            Kind.AUTOMATIC,
            "read receipt",
        ),
        (
            report("", "message/disposition-notification", wrapper="multipart/mixed"),
            Kind.AUTOMATIC,
            "read receipt",
        ),
        (
            report("", "message/global-delivery-status", wrapper="multipart/mixed"),
            Kind.BOUNCE,
            "delivery status report",
        ),
        (report("feedback-report", "message/feedback-report"), Kind.AUTOMATIC, "report"),
        (report("tlsrpt", "application/tlsrpt+json"), Kind.AUTOMATIC, "report"),
        (raw("X-Failed-Recipients: wim@klant.nl\r\n"), Kind.BOUNCE, "wim@klant.nl"),
        (raw("X-MS-Exchange-Message-Is-Ndr: \r\n"), Kind.BOUNCE, "Exchange"),
        (
            raw(body="Hi. This is the qmail-send program at mx.klant.nl.\r\n"),
            Kind.BOUNCE,
            "qmail-send",
        ),
        (
            raw(body="Delivery has failed to these recipients or groups:\r\n\r\nwim@klant.nl\r\n"),
            Kind.BOUNCE,
            "Delivery has failed",
        ),
        (
            raw("Auto-Submitted: no\r\nAuto-Submitted: auto-replied\r\n"),
            Kind.AUTOMATIC,
            "auto-replied",
        ),
        (
            raw("Auto-Submitted: auto-generated\r\nAuto-Submitted: no\r\n"),
            Kind.AUTOMATIC,
            "auto-generated",
        ),
        (raw("Auto-Submitted: Auto-Replied (vacation)\r\n"), Kind.AUTOMATIC, "auto-replied"),
        (raw("X-Loop: klachten@ketting.nl\r\n"), Kind.AUTOMATIC, "X-Loop"),
        (
            raw("Delivered-To: klachten@ketting.nl\r\nDelivered-To: klachten@ketting.nl\r\n"),
            Kind.AUTOMATIC,
            "more than once",
        ),
        (raw("X-Delivery-Agent: TMDA/1.1.12\r\n"), Kind.AUTOMATIC, "challenge-response"),
        (raw("X-Boxbe-Request-Id: 42\r\n"), Kind.AUTOMATIC, "challenge-response"),
        (raw("X-Mailinblack: challenge\r\n"), Kind.AUTOMATIC, "challenge-response"),
        (
            raw().replace(b"Subject: Fiets", b"Subject: Please confirm your message"),
            Kind.AUTOMATIC,
            "challenge-response",
        ),
        (
            raw().replace(b"piet@klant.nl", b"piet@spamarrest.com"),
            Kind.AUTOMATIC,
            "challenge-response",
        ),
        (raw("X-Autorespond: yes\r\n"), Kind.AUTOMATIC, "automatic reply"),
    ],
)
def test_each_machine_sign_alone_keeps_the_mail_unanswered(
    data: bytes, kind: Kind, reason: str
) -> None:
    found_kind, found_reason = verdict(data)
    assert kind == found_kind
    assert reason.lower() in found_reason.lower()


@pytest.mark.parametrize(
    "data",
    [
        raw("Disposition-Notification-To: Piet <piet@klant.nl>\r\n"),  # asks for a receipt
        raw("Auto-Submitted: no\r\nAuto-Submitted: No (a person)\r\n"),
        raw("X-Loop: helpdesk@elders.nl\r\n"),  # someone else's loop guard
        raw("Delivered-To: klachten@ketting.nl\r\n"),  # our own server's one delivery
        raw().replace(b"piet@klant.nl", b"piet@notspamarrest.com"),  # a look-alike domain
        raw(body="Ik kreeg dit:\r\n\r\nDelivery has failed to these recipients or groups:\r\n"),
        raw(
            "MIME-Version: 1.0\r\n",
            "--B\r\nContent-Type: text/plain\r\n\r\nDeze melding kreeg ik van uw site:\r\n"
            "--B\r\nContent-Type: message/rfc822\r\n\r\n"
            "From: MAILER-DAEMON@ketting.nl\r\nSubject: failure\r\n"
            'Content-Type: multipart/report; report-type=delivery-status; boundary="C"\r\n\r\n'
            "--C\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed\r\n\r\n--C--\r\n"
            "--B--\r\n",
            'Content-Type: multipart/mixed; boundary="B"\r\n',
        ),  # a customer forwards a bounce they got: their complaint, not a bounce
    ],
)
def test_a_person_writing_is_not_mistaken_for_a_machine(data: bytes) -> None:
    assert Kind.COMPLAINT == verdict(data)[0]


def test_hop_count_beyond_the_limit_is_a_loop_and_at_the_limit_is_not() -> None:
    hop = "Received: from a.example by b.example; Tue, 24 Nov 2026 10:00:00 +0100\r\n"
    assert machine_sign(parse(raw(hop * HOP_LIMIT)), SHOP) is None
    sign = machine_sign(parse(raw(hop * (HOP_LIMIT + 1))), SHOP)
    assert sign is not None and f"passed {HOP_LIMIT + 1} mail servers" in sign.reason


def test_a_customers_reply_to_our_mail_through_many_relays_is_a_followup() -> None:
    hops = "Received: from a.example by b.example; Tue, 24 Nov 2026 10:00:00 +0100\r\n" * 20
    data = raw(hops + "In-Reply-To: <ack-1@ketting.nl>\r\nX-Loop: piet@klant.nl\r\n")
    result = triage(parse(data), CTX)
    assert (Kind.FOLLOWUP, "K-2026-0001") == (result.kind, result.reference)


def test_a_read_receipt_for_our_mail_lands_in_its_dossier() -> None:
    result = triage(
        parse(report("disposition-notification", "message/disposition-notification")), CTX
    )
    assert (Kind.AUTOMATIC, "K-2026-0001") == (result.kind, result.reference)


def test_a_bounce_names_the_mail_of_ours_it_reports_on() -> None:
    data = report("delivery-status", "message/delivery-status")
    result = triage(parse(data), CTX)
    assert (Kind.BOUNCE, "K-2026-0001") == (result.kind, result.reference)
    assert "<ack-1@ketting.nl>" in result.reason


def test_a_forwarded_mail_quoting_our_message_id_is_not_tied_to_that_dossier() -> None:
    """Message-IDs quoted in a body count only for reports, not for a person's mail."""
    data = raw(body="Message-ID: <ack-1@ketting.nl>\r\nZie hierboven.\r\n")
    result = triage(parse(data), CTX)
    assert (Kind.COMPLAINT, None) == (result.kind, result.reference)

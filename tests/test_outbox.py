"""The outbox retry policy and the per-recipient brake; pure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from inbox_agent.models import OutgoingMail
from inbox_agent.run import outbox

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def entry(to: str = "a@klant.nl", auto: str = "auto-replied", at: datetime = NOW) -> dict:
    mail = OutgoingMail(
        kind="acknowledgement",
        reference="K-2026-0001",
        to=(to,),
        subject="s",
        text="t",
        message_id=f"<{to}.{at.timestamp()}@x>",
        auto_submitted=auto,
    )
    return outbox.new_entry(mail, "archive/out/x.eml", at)


def test_temporary_failures_back_off_exponentially_up_to_an_hour() -> None:
    current = entry()
    delays = []
    for _ in range(9):
        current = {**current, **outbox.after_temporary_failure(current, "451", NOW)}
        delays.append(datetime.fromisoformat(current["next_attempt_at"]) - NOW)
        assert not outbox.is_due(current, NOW)
    assert [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600] == [d.seconds for d in delays]
    assert outbox.is_due(current, NOW + timedelta(hours=1))


def test_permanent_failure_and_success_end_the_retries() -> None:
    failed = {**entry(), **outbox.after_permanent_failure(entry(), "550", NOW)}
    sent = {**entry(), **outbox.after_success(entry(), NOW)}
    assert ("failed", "sent") == (failed["status"], sent["status"])
    assert not outbox.is_due(failed, NOW) and not outbox.is_due(sent, NOW)


def test_auto_mail_counts_only_recent_automatic_mail_per_recipient() -> None:
    entries = [
        entry("A@klant.nl"),
        entry("a@klant.nl"),
        entry("b@klant.nl"),
        entry("a@klant.nl", auto="no"),
        entry("a@klant.nl", at=NOW - timedelta(days=2)),
    ]
    counts = outbox.auto_mail_counts(entries, NOW - timedelta(days=1))
    assert (2, 1, 0) == (counts["a@klant.nl"], counts["b@klant.nl"], counts["c@klant.nl"])

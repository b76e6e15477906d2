"""Providers' sending limits, on real servers: `smtp.rate` paces a backlog over cycles, and a
server's "slow down" (4.7.x) defers the mail instead of failing it. Time is injected."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import complaint, make_config

from inbox_agent.config import ConfigError, RateLimit, config_from_dict
from inbox_agent.mail.rate import Budget
from inbox_agent.run.cycle import run_once, utcnow
from inbox_agent.store import Store
from inbox_agent.testing.servers import ImapServer, SmtpServer


def outbox_statuses(config: Any) -> Counter[str]:
    with Store.open(config.storage.path) as store:
        return Counter(e["status"] for e in store.outbox_entries())


def each_once(smtp: SmtpServer) -> bool:
    ids = [r.headers["Message-ID"] for r in smtp.received]
    return len(ids) == len(set(ids))


def test_a_backlog_is_sent_at_the_configured_rate_over_cycles_and_none_is_lost(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, smtp__rate="10/minute")
    for n in range(12):  # 24 mails: an acknowledgement and a notification each
        imap_server.deliver(config.shop.email, complaint(f"k{n}@klant.nl", config.shop.email))
    start = utcnow()
    sent = []
    for seconds in (0, 30, 61, 90, 122):
        report = run_once(config, now=start + timedelta(seconds=seconds))
        assert [] == report.errors
        sent.append(report.sent)
    assert [10, 0, 10, 0, 4] == sent
    assert 24 == len(smtp_server.received) and each_once(smtp_server)
    assert Counter({"sent": 24}) == outbox_statuses(config)


@pytest.mark.parametrize(
    "answer",
    [
        "451 4.7.0 Too many messages, slow down and try again later",
        "421 4.7.0 Temporary System Problem. Try again later",
        "450 4.7.1 Client host rejected: try again later",
    ],
)
def test_a_throttling_answer_defers_the_mail_and_slows_the_sending(
    tmp_path: Path, imap_server: ImapServer, smtp_server: SmtpServer, sending: str, answer: str
) -> None:
    handler = smtp_server.handler
    handler.throttle_after, handler.throttle_reply = 5, answer
    config = make_config(tmp_path, imap_server, smtp_server, smtp__connections=1)
    for n in range(6):
        imap_server.deliver(config.shop.email, complaint(f"t{n}@klant.nl", config.shop.email))
    start = utcnow()
    first = run_once(config, now=start)
    # Not an error and not a failure: the provider's pace is kept, the rest waits.
    assert (5, 0, []) == (first.sent, first.send_failed, first.errors)
    assert 1 == handler.throttled  # asked once to slow down, it sent nothing more this cycle
    assert Counter({"sent": 5, "pending": 7}) == outbox_statuses(config)
    handler.throttle_after = None  # the provider's minute is over
    later = run_once(config, now=start + timedelta(minutes=2))
    assert (7, []) == (later.sent, later.errors)
    assert 12 == len(smtp_server.received) and each_once(smtp_server)
    assert Counter({"sent": 12}) == outbox_statuses(config)


# -- the key: presets, forms, errors -------------------------------------------------------------


def base(**smtp: Any) -> dict[str, Any]:
    return {
        "shop": {"name": "Ketting", "email": "klachten@ketting.nl"},
        "owner": {"handler": "jan@ketting.nl"},
        "imap": {"host": "127.0.0.1", "security": "none", "username": "k", "password": "p"},
        "smtp": {"host": "127.0.0.1", "security": "none", **smtp},
    }


def test_rate_presets_follow_the_provider_and_the_key_overrides_them() -> None:
    assert () == config_from_dict(base()).smtp.rate
    microsoft = config_from_dict(base(host="smtp.office365.com", security="starttls"))
    assert (RateLimit(30, 60), RateLimit(10_000, 86400, True)) == microsoft.smtp.rate
    gmail = config_from_dict(base(host="smtp.gmail.com", security="ssl"))
    assert (RateLimit(2000, 86400),) == gmail.smtp.rate
    oauth2 = base(auth="oauth2", username="k@ketting.nl", token_command="echo t")
    assert () == config_from_dict(oauth2).smtp.rate  # a token command names no provider
    none = config_from_dict(base(host="smtp.gmail.com", security="ssl", rate="none"))
    assert () == none.smtp.rate
    both = config_from_dict(base(rate=["30/minute", "10000 recipients/day", "5 per second"]))
    assert (
        RateLimit(30, 60),
        RateLimit(10_000, 86400, True),
        RateLimit(5, 1),
    ) == both.smtp.rate
    assert "30 messages per minute" == str(both.smtp.rate[0])


@pytest.mark.parametrize("value", ["30", "30/fortnight", "0/minute", 30, ["30/minute", 5]])
def test_a_wrong_rate_names_the_key(value: Any) -> None:
    with pytest.raises(ConfigError, match=r"^smtp\.rate: "):
        config_from_dict(base(rate=value))


def test_the_budget_counts_messages_and_recipients_within_each_period() -> None:
    now = utcnow()
    limits = (RateLimit(3, 60), RateLimit(5, 86400, recipients=True))
    sent = [(now - timedelta(seconds=30), 1), (now - timedelta(hours=2), 3)]
    budget = Budget(limits, sent, now)
    assert [2, 1] == budget.left
    assert budget.admit(1)
    assert not budget.admit(1)  # the day's recipients are spent
    assert not budget.admit(0) and 2 == budget.refused  # and order is kept: nothing after it
    assert "recipients per day" in budget.reason

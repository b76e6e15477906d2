"""Hostile input and attacks: whatever arrives is archived and lands somewhere, nobody gets in."""

from __future__ import annotations

import email
import email.policy
import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import complaint
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_corpus import corpus_config

from inbox_agent.config import Config
from inbox_agent.register.printouts import dossier_html
from inbox_agent.register.privacy import with_texts
from inbox_agent.run.cycle import Cycle, run_once
from inbox_agent.store import Store, StoreError
from inbox_agent.testing.servers import ImapServer, SmtpServer

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)

_header_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
_raw_header_bytes = st.binary(max_size=60).filter(lambda b: b"\n" not in b and b"\r" not in b)


@st.composite
def mails(draw: st.DrawFn) -> bytes:
    """Mails built from plausible and implausible parts: headers, charsets, MIME, garbage."""
    lines = []
    if draw(st.booleans()):
        lines.append(
            b"From: "
            + draw(
                st.sampled_from(
                    [
                        b"Piet <piet@klant.nl>",
                        b"=?utf-8?q?=0D=0ABcc:_x@y?= <a@b.nl>",
                        b"<>",
                        b"",
                        b"MAILER-DAEMON@x",
                        b"klachten@ketting.nl",
                        b"jan@ketting.nl",
                    ]
                )
            )
            + b"\r\n"
        )
    for name in draw(
        st.lists(
            st.sampled_from(
                [
                    b"Subject",
                    b"Message-ID",
                    b"In-Reply-To",
                    b"References",
                    b"Auto-Submitted",
                    b"Precedence",
                    b"List-Id",
                    b"Content-Type",
                    b"Content-Transfer-Encoding",
                    b"Date",
                    b"Return-Path",
                    b"X-Spam-Flag",
                ]
            ),
            max_size=8,
        )
    ):
        value = draw(
            st.one_of(
                _header_text.map(lambda t: t.encode("utf-8", "replace")),
                _raw_header_bytes,
                st.sampled_from(
                    [
                        b"multipart/mixed; boundary=zz",
                        b"text/html; charset=bogus",
                        b"<K-2026-0001.acknowledgement.1.00000000000000000000@ketting.nl>",
                        b"base64",
                        b"quoted-printable",
                        b"auto-replied",
                        b"bulk",
                    ]
                ),
            )
        )
        lines.append(name + b": " + value + b"\r\n")
    body = draw(
        st.one_of(
            st.binary(max_size=300),
            _header_text.map(lambda t: t.encode("utf-8")),
            st.just(b"--zz\r\nContent-Type: text/plain\r\n\r\nhi\r\n--zz--\r\n"),
        )
    )
    return b"".join(lines) + b"\r\n" + body


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raws=st.lists(mails(), min_size=1, max_size=4))
def test_any_mail_is_archived_and_lands_in_a_dossier_or_the_quarantine(
    tmp_path_factory, raws
) -> None:  # type: ignore[no-untyped-def]
    config = corpus_config(tmp_path_factory.mktemp("hostile"))
    with Store.open(config.storage.path) as store:
        cycle = Cycle(config, store, NOW)
        for raw in raws:
            cycle.reading.accept(raw)
        cycle.due.sweep()
        store.commit()
    store = Store.read(config.storage.path)
    dossiers = store.all_dossiers()
    placed = {m.get("archive") for d in dossiers for m in d["messages"]}
    placed |= {q["archive"] for q in store.quarantined()}
    events = " ".join(e["text"] for d in dossiers for e in d["events"])
    archived = {
        str(p.relative_to(config.storage.path))
        for p in (config.storage.path / "archive" / "in").rglob("*.eml")
    }
    assert len({hashlib.sha256(r).hexdigest() for r in raws}) == len(archived)
    for relative in archived:  # every raw mail is somewhere a person can find it
        assert relative in placed or relative in events, relative


def test_script_and_markup_in_mail_are_escaped_in_every_printout(tmp_path: Path) -> None:
    config = corpus_config(tmp_path)
    with Store.open(config.storage.path) as store:
        Cycle(config, store, NOW).reading.accept(
            complaint(
                "x@klant.nl",
                "klachten@ketting.nl",
                subject="<script>alert(1)</script>",
                body="<img src=x onerror=alert(2)>\nMerk: <b>Gazelle</b>",
                name="Evil & Co",
            )
        )
        store.commit()
    store = Store.read(config.storage.path)
    dossier = with_texts(store, store.all_dossiers()[0])  # as `export` prints it
    assert "<img src=x" in dossier["messages"][0]["text"]
    html = dossier_html(dossier, config)
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Gazelle" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_two_robots_stop_mailing_each_other(
    tmp_path: Path, shop: Config, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    """A robot that answers every mail with a new one, without any auto-reply header (the worst
    kind): our brake stops acknowledging it, and nothing else of ours goes to it."""
    robot = f"robot.{shop.shop.email.split('@')[0]}@klant.nl"
    imap_server.deliver(shop.shop.email, complaint(robot, shop.shop.email, subject="Ticket 0"))
    now = NOW
    for round_ in range(1, 12):
        now += timedelta(minutes=1)
        run_once(shop, now=now)
        answered = [r for r in smtp_server.received if robot in r.rcpt_tos]
        if len(answered) >= round_:  # the robot answers what it got, with a fresh "ticket"
            imap_server.deliver(
                shop.shop.email, complaint(robot, shop.shop.email, subject=f"Ticket {round_}")
            )
    to_robot = [
        email.message_from_bytes(r.data, policy=email.policy.default)
        for r in smtp_server.received
        if robot in r.rcpt_tos
    ]
    assert shop.limits.auto_replies_per_sender == len(to_robot)
    assert all(m["Auto-Submitted"] == "auto-replied" for m in to_robot)


def test_a_damaged_closed_dossier_stops_the_cycle_instead_of_quarantining_the_mail(
    tmp_path: Path,
) -> None:
    """Damage found while handling a mail is the store's, not the mail's: the agent stops."""
    config = corpus_config(tmp_path)
    with Store.open(config.storage.path) as store:
        cycle = Cycle(config, store, NOW)
        cycle.reading.accept(complaint("oud@klant.nl", "klachten@ketting.nl", subject="Bel kapot"))
        closed = store.dossier("K-2026-0001")
        assert closed is not None
        closed.update(status="closed", closed_at=NOW.isoformat())
        store.put_dossier(closed)
        store.commit()
    [path] = config.storage.path.glob("closed/*/K-2026-0001.json")
    path.write_bytes(path.read_bytes()[:40])
    later = complaint("oud@klant.nl", "klachten@ketting.nl", subject="Re: [K-2026-0001] Bel")
    with Store.open(config.storage.path) as store:
        with pytest.raises(StoreError, match=str(path)):
            Cycle(config, store, NOW).reading.accept(later)
        assert [] == store.quarantined()

"""The sending runner: the outbox. Mail the other runners make is queued here, and only here
is it handed to the SMTP sender, its results taken in and a refusal reported to the owner.

Mailman's rule: mail the system creates goes into a queue, and one runner talks SMTP.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from datetime import datetime, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from inbox_agent.dossier import schedule
from inbox_agent.dossier.record import add_event
from inbox_agent.mail import rate
from inbox_agent.models import OutgoingMail
from inbox_agent.run import health, outbox
from inbox_agent.run.state import CycleState

if TYPE_CHECKING:
    from inbox_agent.mail import mailer

log = logging.getLogger(__name__)

# A crash may send again at most 20 mails, or half a second of sending: what SMTP accepted is
# put on disk (the store's sent log, a small file) once half that is waiting, since the mail in
# flight (on a connection, or accepted and not yet reported back) comes on top. The store file
# itself is committed when the sent log has grown this long and commit_due allows: the log is
# rewritten whole each time, the store file only costs more.
_SENT_WRITE_EVERY = 10
_SENT_WRITE_AFTER = 0.25
_SENT_LOG_LONG = 1000
# A sending thread waits while this many mails it sent are not yet on record (see above).
_SENT_WINDOW = 20
# How often the outbox and seen tables are pruned.
_PRUNE_EVERY = timedelta(hours=1)


class Sending:
    """Queue, dispatch, flush: the outbox of one cycle and the sender that empties it."""

    def __init__(self, state: CycleState) -> None:
        self.state = state
        self.sender: mailer.Sender | None = None
        # New mails found on the server this cycle: the sending to come, so the sender is sized.
        self.unread = 0
        # Outbox entries handed to the sender in this cycle and not yet sent or refused.
        self.submitted: dict[int, Any] = {}
        # When the oldest result not yet on disk came in (time.monotonic), if any is waiting.
        self._unwritten_since: float | None = None
        # Results taken in between two steps of another runner that change more than the
        # outbox (a refusal's report): applied at the next dispatch or flush.
        self._deferred: list[tuple[int, Any]] = []
        self._taking = False
        self._taken = 0  # results taken from the current sender
        self._finishing: mailer.Sender | None = None  # the sender flush_outbox waits for

    @cached_property
    def auto_counts(self) -> Counter[str]:
        """Automatic mails per recipient within the window: counted when first asked (queue()
        asks before it adds an automatic mail, so none counts twice), then kept up to date."""
        state = self.state
        since = state.now - timedelta(seconds=state.config.limits.auto_reply_window.seconds)
        return outbox.auto_mail_counts(state.store.outbox_entries(), since)

    def auto_mail_count(self, address: str) -> int:
        """How many automatic mails `address` got within the window (the per-sender brake)."""
        return self.auto_counts[address.lower()]

    @cached_property
    def budget(self) -> rate.Budget:
        """What smtp.rate still allows this cycle, counted against the mail sent within the
        longest of its periods (the outbox keeps sent mail for a week)."""
        now, limits = self.state.now, self.state.config.smtp.rate
        since = now - rate.Budget.longest(limits)
        sent = [
            (at, len(e["to"]))
            for e in (self.state.store.outbox_entries("sent") if limits else [])
            if e.get("sent_at") and (at := datetime.fromisoformat(e["sent_at"])) > since
        ]
        return rate.Budget(limits, sent, now)

    def expect(self, unread: int) -> None:
        """The reader found `unread` new mails: each may bring a customer's and an owner's mail."""
        self.unread = unread

    def queue(self, mail_out: OutgoingMail) -> None:
        store, now = self.state.store, self.state.now
        if mail_out.message_id in store.sent_ids:
            return  # this purpose is in the outbox already; its archived mail stays as it was
        from inbox_agent.letters.compose import to_bytes

        raw = to_bytes(self.state.config, mail_out, now)
        path = store.archive.outgoing(mail_out.message_id, raw, now)
        entry = outbox.new_entry(mail_out, path, now)
        if entry["auto"]:
            for address in entry["to"]:
                self.auto_counts[address.lower()] += 1
        store.add_outgoing(entry)

    def dispatch(self) -> None:
        """Hand every committed, due outbox entry to the sender; it sends while we read on.

        Called right after a commit, so every entry handed over is durable: a crash may then
        send a mail twice (under one Message-ID, which receivers deduplicate) but never lose
        one. Results are taken in afterwards; what they add (a failure report) waits for the
        next commit.
        """
        store, config = self.state.store, self.state.config
        due = [
            e
            for e in store.outbox_entries("pending")
            if e.doc_id not in self.submitted and outbox.is_due(e, self.state.now)
        ]
        if self.state.stopping():
            due = []  # stopping: what is not on its way waits for the next run
        # The provider's sending limits, or its "slow down": the rest waits for a later cycle.
        due = [e for e in due if self.budget.admit(len(e["to"]))]
        if due:
            from inbox_agent.mail import mailer  # with ssl and the SMTP client: only to send

            if self.sender is None:
                backlog = max(len(due), 2 * self.unread)  # each new mail: customer and owner
                self.sender = mailer.sender_for(config.smtp, config.shop.email, backlog)
                self.sender.window = _SENT_WINDOW
                self._taken = 0
            for entry in due:  # the sender reads each from the archive when its turn comes
                self.submitted[entry.doc_id] = entry
                self.sender.submit(entry.doc_id, entry["to"], store.root / entry["archive"])
        self.take_results()

    def between_steps(self) -> None:
        """Another runner moved on (a mail read, a dossier swept): put on record what was sent
        meanwhile, so a long step leaves no sent mail unrecorded. Only successes are recorded
        here; a refusal, which also changes a dossier a runner may hold, waits."""
        if self._taking or self.sender is None:
            return
        self._taking = True
        try:
            for doc_id, result in self.sender.results():
                if result.ok:
                    self._apply_results([(doc_id, result)])
                else:
                    self._deferred.append((doc_id, result))
            self._write_sent(may_commit=False)
        finally:
            self._taking = False

    def take_results(self, may_commit: bool = False) -> None:
        """Record what the sender has done so far; called between mails while reading, so that
        a long read does not leave sent mail unrecorded. `may_commit`: the store file may be
        committed too (not while a chunk of mail is half stored)."""
        deferred, self._deferred = self._deferred, []
        self._apply_results(deferred + (self.sender.results() if self.sender else []))
        self._write_sent(may_commit)

    def _write_sent(self, may_commit: bool) -> None:
        """Put sent mail on record once _SENT_WRITE_EVERY mails or _SENT_WRITE_AFTER seconds
        are waiting: in the small sent log, or by committing the store file once the log is
        long and the commit cheap enough (commit_due)."""
        store = self.state.store
        if not store.sent_log.waiting:
            self._unwritten_since = None
            if (sender := self.sender or self._finishing) is not None:
                sender.recorded(self._taken)  # refusals only: on record enough
            return
        now = time.monotonic()
        if self._unwritten_since is None:
            self._unwritten_since = now
        if (
            store.sent_log.waiting < _SENT_WRITE_EVERY
            and now - self._unwritten_since < _SENT_WRITE_AFTER
        ):
            return
        sender, taken = self.sender or self._finishing, self._taken
        if may_commit and store.sent_log.count >= _SENT_LOG_LONG and store.commit_due():
            store.commit()
            if sender is not None:
                sender.recorded(taken)
        else:
            store.write_sent(lambda: sender.recorded(taken) if sender is not None else None)
        self._unwritten_since = None

    def flush_outbox(self) -> None:
        state, store = self.state, self.state.store
        store.commit()  # so that dispatch() hands over only durable entries
        for _ in range(2):  # a second round sends the failure reports the first one created
            self.dispatch()
            if self.sender is None:
                break
            from inbox_agent.mail import mailer

            sender, self.sender = self.sender, None
            self._finishing = sender

            def on_result(doc_id: int, result: mailer.SendResult) -> None:
                self._apply_results([(doc_id, result)])
                self._write_sent(may_commit=True)

            self.take_results()  # the refusals between_steps() left
            unsent, error = sender.finish(on_result, self.state.stopping)
            if isinstance(error, mailer.SmtpLoginRefused):
                # No note to the owner: it could only go out through this same SMTP login.
                state.refused_logins["SMTP"] = health.trouble_since(
                    state.config.storage.path, "SMTP", state.now
                )
            if isinstance(error, mailer.SmtpThrottled):
                self.budget.stop(str(error))  # not an error: the provider's pace is kept
            elif error is not None:
                state.report.errors.append(str(error))
                log.error("%s; %d mail(s) stay in the outbox", error, len(unsent))
            if error is not None:
                for doc_id in unsent:
                    entry = self.submitted[doc_id]
                    store.update_outgoing(
                        doc_id, outbox.after_temporary_failure(entry, str(error), state.now)
                    )
            store.commit()
            self._finishing = None
            if sender.stopped_early:
                log.info("stopping: %d mail(s) left in the outbox for the next run", len(unsent))
                break
        if "budget" in self.__dict__ and self.budget.stopped:
            log.warning(
                "sending paused (%s): %d mail(s) wait in the outbox for a later cycle",
                self.budget.reason,
                len([e for e in store.outbox_entries("pending") if e.doc_id not in self.submitted]),
            )
        self.prune()

    def prune(self) -> None:
        """Forget old sent mail and seen-rows, at most once an hour (it reads outbox and seen
        whole; what it forgets is a week old at least)."""
        store, now = self.state.store, self.state.now
        last = store.meta_value("pruned_at")
        if last and timedelta(0) <= now - datetime.fromisoformat(last) < _PRUNE_EVERY:
            return
        keep = max(7 * 86400, self.state.config.limits.auto_reply_window.seconds)
        store.prune_outbox(now - timedelta(seconds=keep))
        store.set_meta_value("pruned_at", now.isoformat())
        store.commit()

    def _apply_results(self, results: list[tuple[int, mailer.SendResult]]) -> None:
        taking, self._taking = self._taking, True  # its heartbeats take nothing in
        try:
            self._record(results)
        finally:
            self._taking = taking

    def _record(self, results: list[tuple[int, mailer.SendResult]]) -> None:
        report, now = self.state.report, self.state.now
        for doc_id, result in results:
            self.state.heartbeat()
            self._taken += 1
            entry = self.submitted.pop(doc_id)
            if result.ok:
                self.state.store.record_sent(
                    doc_id, entry["message_id"], outbox.after_success(entry, now)
                )
                report.sent += 1
                continue
            if result.permanent:
                changes = outbox.after_permanent_failure(entry, result.error, now)
                report.send_failed += 1
                self._report_failure(entry, result.error)
            else:
                changes = outbox.after_temporary_failure(entry, result.error, now)
            self.state.store.update_outgoing(doc_id, changes)

    def abort(self) -> None:
        if self.sender is not None:
            self.sender.abort()
            self.sender = None

    def _report_failure(self, entry: dict[str, Any], error: str) -> None:
        """A mail refused for good: the handler hears of it and its dossier records it.

        Not when the refused mail was itself such a report or went to the handler: the report
        could only follow it into the same refusal.
        """
        state = self.state
        if entry["kind"] == "delivery_failure" or state.config.owner.handler in entry["to"]:
            log.error(
                "mail %s to %s failed permanently: %s", entry["message_id"], entry["to"], error
            )
            return
        self.queue(state.maker.delivery_failure(entry, error))
        if entry["reference"]:
            dossier = state.store.dossier(entry["reference"])
            if dossier is not None:
                add_event(
                    dossier,
                    state.now,
                    "agent",
                    "delivery_failed",
                    f"{entry['kind']} to {', '.join(entry['to'])} failed: {error}",
                )
                state.store.put_dossier(dossier, schedule.stored_due_times(dossier))

"""One cycle: poll the mailbox → pipeline per mail → send due mail. cron, systemd and tests all use it."""

from __future__ import annotations

import logging
import re
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inbox_agent.config import Config
from inbox_agent.dossier import schedule
from inbox_agent.dossier.record import add_event, format_reference
from inbox_agent.mail import tokens
from inbox_agent.mail.inbox import ImapLoginRefused, ImapUnavailable, Inbox
from inbox_agent.models import (
    Attachment,
    Dossier,
    Facts,
    Kind,
    Mail,
    Outcome,
    OutgoingMail,
    TriageContext,
    Verdict,
)
from inbox_agent.register import privacy
from inbox_agent.run import health, outbox
from inbox_agent.store import Store, StoreError
from inbox_agent.store.rows import MailboxState

if TYPE_CHECKING:
    from inbox_agent.letters.compose import Composer
    from inbox_agent.letters.mailmaker import MailMaker
    from inbox_agent.mail import mailer
    from inbox_agent.run.pipeline import Pipeline

log = logging.getLogger(__name__)

# While sending, commit this often (or, once the store file is large, as often as commit_due
# allows), so a crash resends only a few mails.
_SEND_COMMIT_EVERY = 500
# How often the outbox and seen tables are pruned.
_PRUNE_EVERY = timedelta(hours=1)


@dataclass
class CycleReport:
    fetched: int = 0
    duplicates: int = 0
    dossiers_opened: int = 0
    followups: int = 0
    quarantined: int = 0
    sent: int = 0
    send_failed: int = 0
    due_steps: int = 0
    # Where reading stopped, so the service can tell whether mail arrived since.
    folder_position: tuple[int, int] | None = None
    # The earliest stored due time after this cycle, so the service can wake for it.
    next_due: datetime | None = None
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        text = (
            f"read {self.fetched} mail(s): {self.dossiers_opened} new dossier(s), "
            f"{self.followups} follow-up(s), {self.quarantined} quarantined, "
            f"{self.duplicates} already known; {self.due_steps} due step(s); "
            f"sent {self.sent}, failed {self.send_failed}"
        )
        return text + "".join(f"\nerror: {e}" for e in self.errors)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Cycle:
    """The state of one run_once: the open store, the configured core and the report."""

    def __init__(
        self,
        config: Config,
        store: Store,
        now: datetime,
        heartbeat: Callable[[], None] = lambda: None,
    ) -> None:
        self.config = config
        self.store = store
        self.now = now
        # Called after each mail read, dossier swept and mail sent (the service feeds its
        # watchdog with it, so a long first cycle is not mistaken for a hung one).
        self.heartbeat = heartbeat
        # Mails an internal error left for the next run (the owner is told once per cycle).
        self.failed: list[dict[str, str]] = []
        self.key = tokens.secret_key(store.root)
        self.report = CycleReport()
        self.sender: mailer.Sender | None = None
        # New mails found on the server this cycle: the sending to come, so the sender is sized.
        self.unread = 0
        # Outbox entries handed to the sender in this cycle and not yet sent or refused.
        self.submitted: dict[int, Any] = {}
        # Servers whose login is refused in this cycle, with since when (see health.py).
        self.refused_logins: dict[str, str] = {}
        self.progress: Callable[[int, int], None] = lambda done, total: None
        self.triage_context = TriageContext(
            shop_email=config.shop.email,
            owner_addresses=config.owner_addresses,
            reference_prefix=config.shop.reference_prefix,
            thread_index=store.thread_index,
            customers=store.customers,
            sent_ids=store.sent_ids,
            key=self.key,
            questions=store.questions,
            authserv_id=config.owner.trusted_authserv_id,
        )

    @cached_property
    def auto_counts(self) -> Counter[str]:
        """Automatic mails per recipient within the window: counted when first asked (queue()
        asks before it adds an automatic mail, so none counts twice), then kept up to date."""
        since = self.now - timedelta(seconds=self.config.limits.auto_reply_window.seconds)
        return outbox.auto_mail_counts(self.store.outbox_entries(), since)

    # The mail-writing core is made when first needed: a cycle with nothing to read or send
    # loads no templates, registration patterns or evaluation words.

    @cached_property
    def composer(self) -> Composer:
        from inbox_agent.letters.compose import Composer

        return Composer(self.config, today=self.now.astimezone(self.config.shop.tz).date())

    @cached_property
    def maker(self) -> MailMaker:
        from inbox_agent.letters.mailmaker import MailMaker

        return MailMaker(self.config, self.composer, self.key)

    @cached_property
    def pipeline(self) -> Pipeline:
        from inbox_agent.run.pipeline import Pipeline

        return Pipeline(self.config, self.maker)

    # -- reading mail ----------------------------------------------------------------------------

    def ingest(self) -> None:
        folder = self.config.imap.folder
        with Inbox(self.config.imap) as inbox:
            assert inbox.info is not None
            state = self.store.mailbox_state(folder)
            rebaseline = state["uidvalidity"] != inbox.info.uidvalidity
            if rebaseline and state["uidvalidity"] is not None:
                log.warning(
                    "UIDVALIDITY of %s changed from %s to %s: re-reading the folder; "
                    "mail already in the store is recognised by Message-ID",
                    folder,
                    state["uidvalidity"],
                    inbox.info.uidvalidity,
                )
                self.store.assume_seen(_closed_mail_keys(self.store))
            if not rebaseline:
                self._check_position(inbox, state)
            if state["pending_marks"] and not rebaseline:
                inbox.mark_processed(state["pending_marks"])
            state = {
                "uidvalidity": inbox.info.uidvalidity,
                "last_uid": 0 if rebaseline else state["last_uid"],
                "pending_marks": [],
            }
            uids = inbox.unprocessed_uids(state["last_uid"], rebaseline)
            # Mail an internal error left unprocessed last time is tried again first.
            retry = [] if rebaseline else self.store.mailbox_state(folder).get("retry", [])
            uids = sorted(set(uids) | set(retry))
            self.unread = len(uids)
            state["retry"] = []
            done = 0
            for chunk in inbox.fetch(uids):
                done += len(chunk)
                self.progress(done, len(uids))
                for uid, raw in chunk:
                    if not self.accept(raw):
                        state["retry"].append(uid)
                    state["last_uid"] = max(state["last_uid"], uid)
                state["pending_marks"] += [uid for uid, _ in chunk if uid not in state["retry"]]
                if self.store.commit_due():
                    self._commit_and_mark(inbox, state)
            if state["pending_marks"]:
                self._commit_and_mark(inbox, state)
            state["processed_at"] = inbox.processed_position()
            self.store.set_mailbox_state(folder, state.copy())
            self.store.commit()
            self.report.folder_position = (inbox.info.uidvalidity, state["last_uid"])

    def _commit_and_mark(self, inbox: Inbox, state: MailboxState) -> None:
        """The mails' changes are on disk before the server hears they are processed."""
        self.store.set_mailbox_state(self.config.imap.folder, state.copy())
        self.store.commit()
        inbox.mark_processed(state["pending_marks"])
        state["pending_marks"] = []
        self.dispatch()

    def _check_position(self, inbox: Inbox, state: MailboxState) -> None:
        """Mail the server holds as processed that the store does not know proves the store lost
        commits (an old backup, a disk that lied): stop before answering anyone again."""
        last_uid, where = state["last_uid"], self.config.storage.path
        marked = inbox.processed_above(last_uid)
        if marked:
            raise StoreError(
                f"the store in {where} has lost work: {len(marked)} mail(s) in "
                f"{self.config.imap.folder} after its last position (UID {last_uid}) are already "
                f"marked processed (UIDs {', '.join(map(str, marked[:10]))}). Nothing was read or "
                "sent. Restore the data folder from the newest backup; to accept the loss "
                "instead, remove the $Processed mark from those mails so they are read again"
            )
        moved = inbox.moved_since(state.get("processed_at"))
        if not moved:
            return
        from inbox_agent.mail.parsing import parse  # only for mail: moved here, or new

        unknown = [m for m in map(parse, moved) if not self.store.is_seen(m.key)]
        if unknown:
            raise StoreError(
                f"the store in {where} has lost work: {len(unknown)} mail(s) in the processed "
                f"folder {self.config.imap.processed_folder!r} are not in it (first: "
                f"{unknown[0].subject!r} from {unknown[0].from_addr}). Nothing was read or sent. "
                "Restore the data folder from the newest backup; if someone moved these mails "
                f"there by hand, move them back to {self.config.imap.folder}"
            )

    def accept(self, raw: bytes) -> bool:
        """Archive one raw mail and apply what the pipeline decides; one bad mail never stops us.

        False when an internal error left the mail untouched: it is not marked seen nor
        processed, so the next run tries it again, and the owner hears of it.
        """
        from inbox_agent.mail.parsing import parse
        from inbox_agent.triage.rules import triage

        self.heartbeat()
        self.report.fetched += 1
        mail = parse(raw)
        archive = self.store.archive.incoming(raw, mail.sha256, self.now)
        if self.store.is_seen(mail.key):
            first = self.store.seen_sha256(mail.key)
            if first in (None, mail.sha256) or self.store.is_seen(f"sha256:{mail.sha256}"):
                self.report.duplicates += 1
                return True
            # Same Message-ID, different mail: a forgery or a broken client. Kept, not merged.
            mail = replace(mail, key=f"sha256:{mail.sha256}")
            verdict = Verdict(
                Kind.UNPARSEABLE,
                "carries the Message-ID of an earlier, different "
                "mail; kept apart so it cannot replace or join that mail",
            )
            self.apply(
                mail, self.pipeline.quarantine(mail, verdict, archive, self.facts()), archive
            )
            return True
        try:
            verdict = triage(mail, self.triage_context)
            dossier = self.store.dossier(verdict.reference) if verdict.reference else None
            if dossier is not None and _holds(dossier, mail):
                self.report.duplicates += 1  # mail of a closed dossier, no longer in `seen`
                return True
            outcome = self.pipeline.process(mail, verdict, archive, dossier, self.facts())
        except StoreError:
            raise  # a damaged store file stops the agent; it is not this mail's fault
        except Exception as exc:  # noqa: BLE001 - a bug must not stop the agent, nor lose the mail
            log.error("could not process %s:\n%s", archive, traceback.format_exc())
            self.report.errors.append(
                f"internal error on the mail kept at {archive}: {exc!r}; "
                "it stays unprocessed and is tried again next run"
            )
            self.failed.append(
                {
                    "archive": archive,
                    "from": mail.from_addr,
                    "subject": mail.subject,
                    "error": repr(exc),
                }
            )
            return False
        self.apply(mail, outcome, archive)
        return True

    def tell_owner_of_failures(self) -> None:
        """One mail to the owner for all the mails an internal error left this cycle.

        Its Message-ID depends only on which mails failed, so the same stuck mail does not
        bring a new warning every cycle.
        """
        if self.failed:
            self.queue(self.maker.internal_error(self.failed))

    def facts(self) -> Facts:
        return Facts(
            now=self.now,
            new_reference=self._new_reference,
            auto_mail_count=lambda address: self.auto_counts[address.lower()],
        )

    def _new_reference(self) -> str:
        year = self.now.astimezone(self.config.shop.tz).year
        return format_reference(
            self.config.shop.reference_prefix, year, self.store.next_number(year)
        )

    def apply(self, mail: Mail, outcome: Outcome, archive: str) -> None:
        if outcome.dossier is not None:
            dossier = outcome.dossier
            if mail.attachments:
                saved = _save_attachments(
                    self.store, archive, mail.attachments, self.config.storage.max_attachment_bytes
                )
                for message in reversed(dossier["messages"]):
                    if message.get("archive") == archive:
                        message["attachments"] = saved
                        break
            if outcome.opened:
                self.report.dossiers_opened += 1
            elif any(m.get("archive") == archive for m in dossier["messages"]):
                self.report.followups += 1
            self.store.put_dossier(dossier, _due_times(dossier))
        for mail_out in outcome.outgoing:
            self.queue(mail_out)
        if outcome.quarantine is not None:
            self.store.add_quarantine(outcome.quarantine)
            self.report.quarantined += 1
        self.store.mark_seen(mail.key, outcome.where, self.now, mail.sha256)

    # -- time-driven steps -----------------------------------------------------------------------

    def sweep(self) -> None:
        """Send what the dossiers' stored due times say is due now (progress, evaluation, ...)."""
        changed = False
        known, next_due = self.store.next_due()
        if not known or (next_due is not None and next_due <= self.now):
            changed = self._walk_due()
        else:  # nothing can be due: the dossiers stay undecoded
            self.report.next_due = next_due
        if self._digest() or self._monthly_report():
            changed = True
        erased = privacy.apply_retention(self.store, self.config, self.now, self.progress)
        if erased:
            log.info("retention: anonymised %s", ", ".join(erased))
            changed = True
        if changed:
            self.store.commit()

    def _walk_due(self) -> bool:
        """Look at every open dossier's due times; perform what is due. True if any changed."""
        changed = False
        upcoming: list[datetime] = []
        self.store.start_due_walk()
        for view in self.store.open_views():
            self.heartbeat()
            times = schedule.due_times(view)  # parsed once: due_now would parse them again
            if "due" in view and all(t > self.now for t in times):
                upcoming += times
                continue
            try:
                done = self._perform_due(view["reference"])
            except StoreError:
                raise  # a damaged store file stops the agent; it is not this dossier's fault
            except Exception as exc:  # noqa: BLE001 - one dossier's bug must not stop the others
                log.error("due step of %s failed:\n%s", view["reference"], traceback.format_exc())
                self.report.errors.append(
                    f"internal error in a due step of {view['reference']}: {exc!r}; "
                    "the dossier is left as it was and tried again next run"
                )
                upcoming += times or [self.now]  # as stored: still due, so swept again
                continue
            upcoming += done[1]
            changed |= done[0]
        self.report.next_due = self.store.end_due_walk(min(upcoming, default=None))
        return changed

    def _perform_due(self, reference: str) -> tuple[bool, list[datetime]]:
        """Perform what is due for one dossier: (whether it changed, its due times after)."""
        dossier = self.store.dossier(reference)
        assert dossier is not None
        if "due" not in dossier:
            schedule.refresh(dossier, self.config)
        keys = schedule.due_now(dossier, self.now)
        if not keys:
            return False, schedule.due_times(dossier)
        for key in keys:
            for mail_out in schedule.perform(dossier, key, self.now, self.config, self.maker):
                self.queue(mail_out)
        self.store.put_dossier(dossier, _due_times(dossier))
        self.report.due_steps += len(keys)
        return True, schedule.due_times(dossier)

    def _digest(self) -> bool:
        if not self.config.timing.digest_at:
            return False
        local = self.now.astimezone(self.config.shop.tz)
        today = local.date().isoformat()
        if (
            local.strftime("%H:%M") < self.config.timing.digest_at
            or self.store.meta_value("last_digest") == today
        ):
            return False
        self.store.set_meta_value("last_digest", today)
        sections = schedule.digest_sections(self.store.open_dossiers(), self.now, self.config)
        if sections:
            self.queue(self.maker.digest(sections, today))
        return True

    def _monthly_report(self) -> bool:
        """On the first cycle of a month, last month's report to the handler (when asked for)."""
        if not self.config.reports.monthly:
            return False
        local = self.now.astimezone(self.config.shop.tz)
        month = local.strftime("%Y-%m")
        if self.store.meta_value("last_monthly_report") == month:
            return False
        self.store.set_meta_value("last_monthly_report", month)
        from inbox_agent.register import report  # with the templates: only when a report is due
        from inbox_agent.register.printouts import report_html

        last_day = local.date().replace(day=1) - timedelta(days=1)
        figures = report.build_report(
            self.store.all_dossiers(),
            last_day.replace(day=1),
            last_day,
            self.config.shop.tz,
            self.config.reports.signal_window.seconds // 86400,
            self.config.reports.signal_threshold,
        )
        self.queue(
            self.maker.monthly_report(
                report.as_text(figures, self.config.shop.name, self.config.shop.language),
                report_html(figures, self.config),
                last_day.strftime("%Y-%m"),
            )
        )
        return True

    def queue(self, mail_out: OutgoingMail) -> None:
        if mail_out.message_id in self.store.sent_ids:
            return  # this purpose is in the outbox already; its archived mail stays as it was
        from inbox_agent.letters.compose import to_bytes

        raw = to_bytes(self.config, mail_out, self.now)
        path = self.store.archive.outgoing(mail_out.message_id, raw, self.now)
        entry = outbox.new_entry(mail_out, path, self.now)
        if entry["auto"]:
            for address in entry["to"]:
                self.auto_counts[address.lower()] += 1
        self.store.add_outgoing(entry)

    # -- sending mail ----------------------------------------------------------------------------

    def dispatch(self) -> None:
        """Hand every committed, due outbox entry to the sender; it sends while we read on.

        Called right after a commit, so every entry handed over is durable: a crash may then
        send a mail twice (under one Message-ID, which receivers deduplicate) but never lose
        one. Results are taken in afterwards; what they add (a failure report) waits for the
        next commit.
        """
        due = [
            e
            for e in self.store.outbox_entries("pending")
            if e.doc_id not in self.submitted and outbox.is_due(e, self.now)
        ]
        if due:
            from inbox_agent.mail import mailer  # with ssl and the SMTP client: only to send

            if self.sender is None:
                backlog = max(len(due), 2 * self.unread)  # each new mail: customer and owner
                self.sender = mailer.sender_for(self.config.smtp, self.config.shop.email, backlog)
            for entry in due:  # the sender reads each from the archive when its turn comes
                self.submitted[entry.doc_id] = entry
                self.sender.submit(entry.doc_id, entry["to"], self.store.root / entry["archive"])
        self._apply_results(self.sender.results() if self.sender else [])

    def flush_outbox(self) -> None:
        self.store.commit()  # so that dispatch() hands over only durable entries
        for _ in range(2):  # a second round sends the failure reports the first one created
            self.dispatch()
            if self.sender is None:
                break
            from inbox_agent.mail import mailer

            sender, self.sender = self.sender, None
            counted = 0

            def on_result(doc_id: int, result: mailer.SendResult) -> None:
                nonlocal counted
                self._apply_results([(doc_id, result)])
                counted += 1
                if counted % _SEND_COMMIT_EVERY == 0 and self.store.commit_due():
                    self.store.commit()

            unsent, error = sender.finish(on_result)
            if isinstance(error, mailer.SmtpLoginRefused):
                # No note to the owner: it could only go out through this same SMTP login.
                self.refused_logins["SMTP"] = health.trouble_since(
                    self.config.storage.path, "SMTP", self.now
                )
            if error is not None:
                self.report.errors.append(str(error))
                for doc_id in unsent:
                    entry = self.submitted[doc_id]
                    self.store.update_outgoing(
                        doc_id, outbox.after_temporary_failure(entry, str(error), self.now)
                    )
            self.store.commit()
        self._prune()

    def _prune(self) -> None:
        """Forget old sent mail and seen-rows, at most once an hour (it reads outbox and seen
        whole; what it forgets is a week old at least)."""
        last = self.store.meta_value("pruned_at")
        if last and timedelta(0) <= self.now - datetime.fromisoformat(last) < _PRUNE_EVERY:
            return
        keep = max(7 * 86400, self.config.limits.auto_reply_window.seconds)
        self.store.prune_outbox(self.now - timedelta(seconds=keep))
        self.store.set_meta_value("pruned_at", self.now.isoformat())
        self.store.commit()

    def _apply_results(self, results: list[tuple[int, mailer.SendResult]]) -> None:
        for doc_id, result in results:
            self.heartbeat()
            entry = self.submitted.pop(doc_id)
            if result.ok:
                changes = outbox.after_success(entry, self.now)
                self.report.sent += 1
            elif result.permanent:
                changes = outbox.after_permanent_failure(entry, result.error, self.now)
                self.report.send_failed += 1
                self._report_failure(entry, result.error)
            else:
                changes = outbox.after_temporary_failure(entry, result.error, self.now)
            self.store.update_outgoing(doc_id, changes)

    def login_refused(self, server: str, error: str) -> None:
        """Tell the owner once per episode that a login is refused; the mail waits on the server."""
        since = health.trouble_since(self.config.storage.path, server, self.now)
        self.refused_logins[server] = since
        self.queue(self.maker.login_failure(server, error, since))

    def abort(self) -> None:
        if self.sender is not None:
            self.sender.abort()
            self.sender = None

    def _report_failure(self, entry: dict[str, Any], error: str) -> None:
        owner = self.config.owner.handler
        if entry["kind"] == "delivery_failure" or owner in entry["to"]:
            log.error(
                "mail %s to %s failed permanently: %s", entry["message_id"], entry["to"], error
            )
            return
        self.queue(self.maker.delivery_failure(entry, error))
        if entry["reference"]:
            dossier = self.store.dossier(entry["reference"])
            if dossier is not None:
                add_event(
                    dossier,
                    self.now,
                    "agent",
                    "delivery_failed",
                    f"{entry['kind']} to {', '.join(entry['to'])} failed: {error}",
                )
                self.store.put_dossier(dossier, _due_times(dossier))


def _due_times(dossier: Dossier) -> list[datetime] | None:
    """What the store is handed with a dossier it keeps: the dossier's due times, or None
    (sweep it at once) when the schedule has not computed them yet."""
    return schedule.due_times(dossier) if "due" in dossier else None


def _save_attachments(
    store: Store, archive: str, attachments: tuple[Attachment, ...], limit: int
) -> list[dict[str, Any]]:
    """Save attachments beside the raw mail; over the size limit they stay only in the raw mail."""
    folder = Path(archive.removesuffix(".eml"))
    saved = []
    for index, attachment in enumerate(attachments, 1):
        name = safe_name(attachment.name, index)
        entry: dict[str, Any] = {
            "name": attachment.name,
            "size": attachment.size,
            "content_type": attachment.content_type,
        }
        if attachment.size > limit:
            entry["note"] = f"larger than {limit} bytes: kept only inside the raw mail"
        else:
            entry["path"] = store.archive.write(folder / name, attachment.payload)
        saved.append(entry)
    return saved


def safe_name(name: str, index: int) -> str:
    """A file name that cannot leave its folder or hit a reserved name (CON, ../..)."""
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", name.replace("\\", "/").rsplit("/", 1)[-1]).lstrip("._")
    return f"{index:02d}-{base[:80] or 'attachment'}"


def _closed_mail_keys(store: Store) -> Iterator[str]:
    """The keys of the mail closed dossiers hold: before a whole folder is read again
    (UIDVALIDITY changed), their seen-rows long pruned. Reads every closed file, for this only."""
    for doc in store.closed.all():
        for m in doc["messages"]:
            if m["direction"] == "in" and (m.get("message_id") or m.get("archive")):
                yield m.get("message_id") or "sha256:" + Path(str(m.get("archive"))).stem


def _holds(dossier: Dossier, mail: Mail) -> bool:
    """Whether the dossier already has this very mail: the same archived bytes, or (erased,
    so without its archive) the same Message-ID."""
    for m in dossier["messages"]:
        if m["direction"] != "in":
            continue
        if m.get("archive"):
            if str(m.get("archive")).endswith(f"{mail.sha256}.eml"):
                return True
        elif mail.message_id and m.get("message_id") == mail.message_id:
            return True
    return False


def run_once(
    config: Config,
    now: datetime | None = None,
    locked: bool = False,
    heartbeat: Callable[[], None] = lambda: None,
    progress: Callable[[int, int], None] | None = None,
) -> CycleReport:
    """Read new mail, process it, send what is due. Server faults are reported, not raised.

    `locked` says the caller (the service) already holds the data folder's lock; `heartbeat` is
    called as the cycle moves on; `progress` hears (mails read, mails to read) as reading goes
    on (a bar on a terminal).
    """
    with Store.open(config.storage.path, locked=locked) as store:
        cycle = Cycle(config, store, now or utcnow(), heartbeat)
        if progress is not None:
            cycle.progress = progress
        try:
            try:
                cycle.ingest()
            except ImapLoginRefused as exc:
                cycle.report.errors.append(str(exc))
                log.error("%s", exc)
                cycle.login_refused("IMAP", str(exc))
            except ImapUnavailable as exc:
                # Reading failed; what is due and what waits in the outbox still goes out.
                cycle.report.errors.append(str(exc))
                log.error("%s", exc)
            cycle.tell_owner_of_failures()
            cycle.sweep()
            cycle.flush_outbox()
            health.record_cycle(
                config.storage.path, cycle.now, cycle.report.errors, cycle.refused_logins
            )
        except BaseException as exc:
            cycle.abort()
            if not isinstance(exc, OSError):
                raise
            # A full or read-only disk: stop here. Nothing past the last commit was marked
            # processed on the server, so the next run after the fix starts where this one was.
            raise StoreError(
                f"cannot write to the data folder {config.storage.path}: {exc.strerror or exc}; "
                "mail not yet stored stays unprocessed on the server"
            ) from None
        return cycle.report

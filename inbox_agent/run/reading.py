"""The reading runner: new mail from the IMAP folder, each one archived, judged by the triage
rules, run through the pipeline and its outcome stored; the server hears a mail is processed
only after that is on disk.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inbox_agent.config import ConfigError
from inbox_agent.dossier import schedule
from inbox_agent.dossier.record import format_reference
from inbox_agent.mail.inbox import Inbox
from inbox_agent.models import Attachment, Facts, Mail, Outcome, TriageContext
from inbox_agent.run import health
from inbox_agent.run.sending import Sending
from inbox_agent.run.state import CycleState
from inbox_agent.store import Store, StoreError
from inbox_agent.store.rows import MailboxState
from inbox_agent.triage import unanswered

if TYPE_CHECKING:
    from inbox_agent.run.pipeline import Pipeline

log = logging.getLogger(__name__)


class Reading:
    """Read and dispose of new mail: the folder's position, each mail's outcome, its commit."""

    def __init__(self, state: CycleState, sending: Sending) -> None:
        self.state = state
        self.sending = sending
        # Mails an internal error left for the next run (the owner is told once per cycle).
        self.failed: list[dict[str, str]] = []
        config, store = state.config, state.store
        self.triage_context = TriageContext(
            shop_email=config.shop.email,
            owner_addresses=config.owner_addresses,
            reference_prefix=config.shop.reference_prefix,
            thread_index=store.thread_index,
            customers=store.customers,
            sent_ids=store.sent_ids,
            key=state.key,
            questions=store.questions,
            authserv_id=config.owner.trusted_authserv_id,
            stopped=store.stopped_senders,
        )

    @cached_property
    def pipeline(self) -> Pipeline:
        from inbox_agent.run.pipeline import Pipeline  # with the letters: only when mail came

        return Pipeline(self.state.config, self.state.maker)

    def ingest(self) -> None:
        config, store = self.state.config, self.state.store
        folder = config.imap.folder
        with Inbox(config.imap) as inbox:
            assert inbox.info is not None
            mailbox = store.mailbox_state(folder)
            if mailbox["uidvalidity"] is None and config.imap.read_since is None:
                self._refuse_old_mail(inbox)
            rebaseline = mailbox["uidvalidity"] != inbox.info.uidvalidity
            if rebaseline and mailbox["uidvalidity"] is not None:
                log.warning(
                    "UIDVALIDITY of %s changed from %s to %s: re-reading the folder; "
                    "mail already in the store is recognised by Message-ID",
                    folder,
                    mailbox["uidvalidity"],
                    inbox.info.uidvalidity,
                )
                store.assume_seen(_closed_mail_keys(store))
            if not rebaseline:
                self._check_position(inbox, mailbox)
            if mailbox["pending_marks"] and not rebaseline:
                inbox.mark_processed(mailbox["pending_marks"])
            mailbox = {
                "uidvalidity": inbox.info.uidvalidity,
                "last_uid": 0 if rebaseline else mailbox["last_uid"],
                "pending_marks": [],
            }
            uids = inbox.unprocessed_uids(mailbox["last_uid"], rebaseline)
            # Mail an internal error left unprocessed last time is tried again first.
            retry = [] if rebaseline else store.mailbox_state(folder).get("retry", [])
            uids = sorted(set(uids) | set(retry))
            self.sending.expect(len(uids))
            mailbox["retry"] = []
            done = 0
            for chunk in inbox.fetch(uids):
                done += len(chunk)
                self.state.progress(done, len(uids))
                for uid, raw in chunk:
                    if not self.accept(raw):
                        mailbox["retry"].append(uid)
                    mailbox["last_uid"] = max(mailbox["last_uid"], uid)
                mailbox["pending_marks"] += [uid for uid, _ in chunk if uid not in mailbox["retry"]]
                if store.commit_due():
                    self._commit_and_mark(inbox, mailbox)
            if mailbox["pending_marks"]:
                self._commit_and_mark(inbox, mailbox)
            mailbox["processed_at"] = inbox.processed_position()
            store.set_mailbox_state(folder, mailbox.copy())
            store.commit()
            self.state.report.folder_position = (inbox.info.uidvalidity, mailbox["last_uid"])

    def _commit_and_mark(self, inbox: Inbox, mailbox: MailboxState) -> None:
        """The mails' changes are on disk before the server hears they are processed."""
        store = self.state.store
        store.set_mailbox_state(self.state.config.imap.folder, mailbox.copy())
        store.commit()
        inbox.mark_processed(mailbox["pending_marks"])
        mailbox["pending_marks"] = []
        self.sending.dispatch()

    def _refuse_old_mail(self, inbox: Inbox) -> None:
        """A first run over a mailbox full of old mail would acknowledge every old mail as a new
        complaint: without `imap.read_since` it stops and says what it found. A store that has
        opened a dossier or read a folder before is a running shop, never stopped by this."""
        store, now = self.state.store, self.state.now
        if store.meta_value("counters") or store.meta_value("mailboxes"):
            return
        before = (now - OLD_MAIL_AFTER).date()
        total, old = inbox.unprocessed_arrivals(before)
        if old:
            raise ConfigError(old_mail_refusal(self.state.config.imap.folder, total, min(old), now))

    def _check_position(self, inbox: Inbox, mailbox: MailboxState) -> None:
        """Mail the server holds as processed that the store does not know proves the store lost
        commits (an old backup, a disk that lied): stop before answering anyone again."""
        config = self.state.config
        last_uid, where = mailbox["last_uid"], config.storage.path
        marked = inbox.processed_above(last_uid)
        if marked:
            raise StoreError(
                f"the store in {where} has lost work: {len(marked)} mail(s) in "
                f"{config.imap.folder} after its last position (UID {last_uid}) are already "
                f"marked processed (UIDs {', '.join(map(str, marked[:10]))}). Nothing was read or "
                "sent. Restore the data folder from the newest backup; to accept the loss "
                "instead, remove the $Processed mark from those mails so they are read again"
            )
        moved = inbox.moved_since(mailbox.get("processed_at"))
        if not moved:
            return
        from inbox_agent.mail.parsing import parse  # only for mail: moved here, or new

        unknown = [m for m in map(parse, moved) if not self.state.store.is_seen(m.key)]
        if unknown:
            raise StoreError(
                f"the store in {where} has lost work: {len(unknown)} mail(s) in the processed "
                f"folder {config.imap.processed_folder!r} are not in it (first: "
                f"{unknown[0].subject!r} from {unknown[0].from_addr}). Nothing was read or sent. "
                "Restore the data folder from the newest backup; if someone moved these mails "
                f"there by hand, move them back to {config.imap.folder}"
            )

    def accept(self, raw: bytes) -> bool:
        """Archive one raw mail and apply what the pipeline decides; one bad mail never stops us.

        False when an internal error left the mail untouched: it is not marked seen nor
        processed, so the next run tries it again, and the owner hears of it.
        """
        from inbox_agent.mail.parsing import parse
        from inbox_agent.triage import rules

        store, report = self.state.store, self.state.report
        self.state.heartbeat()
        report.fetched += 1
        mail = parse(raw)
        archive = store.archive.incoming(raw, mail.sha256, self.state.now)
        if store.is_seen(mail.key):
            first = store.seen_sha256(mail.key)
            if rules.repeats_seen_mail(mail, first, store.is_seen(f"sha256:{mail.sha256}")):
                report.duplicates += 1
                return True
            if rules.reuses_message_id(mail, self._first_sender(mail.message_id)):
                mail = rules.without_message_id(mail)  # another person's mail: read as any other
            else:
                mail, verdict = rules.kept_apart(mail, self.state.config.shop.email)
                facts = self.facts()
                self.apply(mail, self.pipeline.quarantine(mail, verdict, archive, facts), archive)
                return True
        try:
            verdict = rules.triage(mail, self.triage_context)
            dossier = store.dossier(verdict.reference) if verdict.reference else None
            if dossier is not None and rules.held(dossier, mail):
                report.duplicates += 1
                return True
            outcome = self.pipeline.process(mail, verdict, archive, dossier, self.facts())
        except StoreError:
            raise  # a damaged store file stops the agent; it is not this mail's fault
        except Exception as exc:  # noqa: BLE001 - a bug must not stop the agent, nor lose the mail
            log.error("could not process %s: %r; tried again next run", archive, exc)
            log.debug("the error in full:\n%s", traceback.format_exc())
            report.errors.append(
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

    def _first_sender(self, message_id: str) -> str | None:
        """Who sent the mail first seen under `message_id`: in its dossier, or in the quarantine
        (None when neither knows it any more)."""
        store = self.state.store
        if not message_id:
            return None
        reference = store.thread_index.get(message_id)
        dossier = store.dossier(reference) if reference else None
        for message in dossier["messages"] if dossier else []:
            if message["direction"] == "in" and message.get("message_id") == message_id:
                return str(message.get("from") or "") or None
        for row in store.quarantined():
            if row["message_id"] == message_id:
                return row["from"] or None
        return None

    def facts(self) -> Facts:
        return Facts(
            now=self.state.now,
            new_reference=self._new_reference,
            auto_mail_count=self.sending.auto_mail_count,
            flood_told=lambda address: address.lower() in self.flood_senders,
            read_archive=self.state.store.archive.read,
        )

    @cached_property
    def flood_senders(self) -> set[str]:
        """Senders over the automatic-mail brake within its window, whom the owner has heard of
        (read from the open dossiers when first asked, then kept up to date by apply())."""
        state = self.state
        since = state.now - timedelta(seconds=state.config.limits.auto_reply_window.seconds)
        return unanswered.flood_senders(state.store.open_views(), since)

    def _new_reference(self) -> str:
        config = self.state.config
        year = self.state.now.astimezone(config.shop.tz).year
        return format_reference(
            config.shop.reference_prefix, year, self.state.store.next_number(year)
        )

    def apply(self, mail: Mail, outcome: Outcome, archive: str) -> None:
        """Store what the pipeline decided: dossier, attachments, outgoing mail, quarantine."""
        config, store, report = self.state.config, self.state.store, self.state.report
        if outcome.dossier is not None:
            dossier = outcome.dossier
            if mail.attachments:
                saved = _save_attachments(
                    store, archive, mail.attachments, config.storage.max_attachment_bytes
                )
                self.pipeline.attach(dossier, archive, saved)
            if outcome.opened:
                report.dossiers_opened += 1
                if unanswered.acknowledgement_withheld(dossier):
                    self.flood_senders.add(dossier["customer"]["email"].lower())
            elif any(m.get("archive") == archive for m in dossier["messages"]):
                report.followups += 1
            store.put_dossier(dossier, schedule.stored_due_times(dossier))
        for mail_out in outcome.outgoing:
            self.sending.queue(mail_out)
        if outcome.quarantine is not None:
            store.add_quarantine(outcome.quarantine)
            report.quarantined += 1
        store.mark_seen(mail.key, outcome.where, self.state.now, mail.sha256)

    def tell_owner_of_failures(self) -> None:
        """One mail to the owner for all the mails an internal error left this cycle.

        Its Message-ID depends only on which mails failed, so the same stuck mail does not
        bring a new warning every cycle.
        """
        if self.failed:
            self.sending.queue(self.state.maker.internal_error(self.failed))

    def login_refused(self, server: str, error: str) -> None:
        """Tell the owner once per episode that a login is refused; the mail waits on the server."""
        state = self.state
        since = health.trouble_since(state.config.storage.path, server, state.now)
        state.refused_logins[server] = since
        self.sending.queue(state.maker.login_failure(server, error, since))


# On a first run, unprocessed mail older than this needs `imap.read_since` to say what to read.
OLD_MAIL_AFTER = timedelta(days=7)


def old_mail_refusal(folder: str, total: int, oldest: datetime, now: datetime) -> str:
    """Why a first run does not start: the key to set, and what it would have read."""
    when = str(oldest.year) if oldest.year != now.year else f"{oldest:%B} {oldest.day}"
    today = now.date().isoformat()
    return (
        f"imap.read_since: not set, and this first run found that the folder {folder} holds "
        f"{total:,} unprocessed mails, the oldest from {when}. Each would be acknowledged as a new "
        f"complaint. Set read_since = {today} under [imap] to start with today's mail (older "
        "mail stays untouched on the server), or an earlier day to answer the mail since then"
    )


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

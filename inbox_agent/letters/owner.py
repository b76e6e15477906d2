"""The mail to the shop's people: notifications, warnings, help, the digest and faults."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from inbox_agent.commands.help import HELP, HELP_NL
from inbox_agent.dossier.record import Dossier
from inbox_agent.letters.addressing import Addressing
from inbox_agent.mail.tokens import make_message_id, standing_address
from inbox_agent.models import Attachment, Mail, MailKind, OutgoingMail, Promise
from inbox_agent.reading.evaluation import Answer
from inbox_agent.vocabulary.terms import vocabulary

# The owner's notification quotes this much of the customer's text; the dossier has it all.
_NOTIFY_CHARS = 8000


def _excerpt(text: str) -> str:
    if len(text) <= _NOTIFY_CHARS:
        return text
    return text[:_NOTIFY_CHARS].rsplit(" ", 1)[0] + " […]"


class OwnerMail(Addressing):
    """Mail to the handler, the deputy or a colleague, in the shop's language."""

    def notification(
        self,
        dossier: Dossier,
        mail: Mail,
        event: str,
        supplied: list[str],
        withheld: str = "",
        text: str | None = None,
        later: str = "",
        was: str = "",
        thankful: bool = False,
    ) -> OutgoingMail:
        """A new complaint or a customer's mail; `later`, `was` and `thankful` say what a mail
        after the resolution was read as, in which status, and whether it thanked us."""
        return self._to_owner(
            dossier,
            MailKind.NOTIFICATION,
            "notification",
            event=event,
            later=later,
            was=was,
            thankful=thankful,
            text=_excerpt(mail.text if text is None else text),
            supplied=supplied,
            acknowledgement_withheld=withheld,
            standing=standing_address(self.key, self.config.shop.email)
            if self.config.owner.plus_addressing
            else "",
        )

    def evaluation_unclear(self, dossier: Dossier, answer: Answer) -> OutgoingMail:
        """The handler reads an answer the agent could not: it quotes it and offers the commands."""
        return self._to_owner(
            dossier, MailKind.NOTIFICATION, "evaluation_unclear", answer=answer, text=answer.comment
        )

    def escalation(self, dossier: Dossier) -> OutgoingMail:
        return self._to_owner(
            dossier,
            MailKind.ESCALATION,
            "escalation",
            to=(self.config.owner.deputy or self.config.owner.handler,),
        )

    def warning(self, dossier: Dossier, extended: str | None) -> OutgoingMail:
        """Before a promised date: what is due, and what happens otherwise (`extended`: the new
        date the agent offers the customer; None when the agent will not write them again)."""
        owners = tuple(a for a in (self.config.owner.handler, self.config.owner.deputy) if a)
        return self._to_owner(dossier, MailKind.WARNING, "warning", to=owners, extended=extended)

    def date_moved(self, dossier: Dossier, promise: Promise) -> OutgoingMail:
        """The owner hears that the customer got a new date today (once), and how to change it."""
        owners = tuple(a for a in (self.config.owner.handler, self.config.owner.deputy) if a)
        waiting = dossier.get("waiting") if promise.get("origin") == "wait" else None
        return self._to_owner(
            dossier,
            MailKind.DATE_MOVED,
            "date_moved",
            to=owners,
            old_deadline=promise["due"],
            waited=waiting["what"] if waiting else "",
        )

    def reminder(self, dossier: Dossier, agreement: Promise | dict[str, Any]) -> OutgoingMail:
        """On an agreement's day: is it done? The handler answers yes/no, #done or a new date."""
        shown = {
            "date": agreement.get("due") or agreement.get("date"),
            "text": agreement.get("text", ""),
            "contact": agreement.get("contact", ""),
        }
        return self._to_owner(dossier, MailKind.REMINDER, "reminder", agreement=shown)

    def promise_broken(self, dossier: Dossier, promise: Promise, reason: str) -> OutgoingMail:
        """A person must act on a promise: call the customer or answer with a date.

        `reason`: "broken" (the agent's one new date came unkept too), "noted" (only a note
        since the date was made), "not_done" (the handler said an agreement is not done), or
        "deputy" (it stayed broken `timing.escalate_after`; to the deputy).
        """
        to = (self.config.owner.deputy,) if reason == "deputy" else None
        return self._to_owner(
            dossier,
            MailKind.ESCALATION,
            "promise_broken",
            to=to,
            promise=promise,
            reason=reason,
            phone=dossier["customer"].get("phone", ""),
        )

    def question(self, dossier: Dossier, colleague: str, question: str, asker: str) -> OutgoingMail:
        # The colleague knows the handler by name, not by the address they write from.
        name = self.config.owner.handler_name
        if name and asker.lower() == self.config.owner.handler.lower():
            asker = name
        subject, text = self.composer.render(
            "question", dossier=dossier, question=question, asker=asker
        )
        return OutgoingMail(
            kind=MailKind.QUESTION,
            reference=dossier["reference"],
            to=(colleague,),
            subject=subject,
            text=text,
            message_id=self.message_id(dossier, MailKind.QUESTION),
            reply_to=self.config.shop.email,
        )

    def command_help(self, dossier: Dossier | None, mail: Mail, error: str) -> OutgoingMail:
        subject, text = self.composer.render(
            "command_help",
            reference=dossier["reference"] if dossier else "",
            error=error,
            help=HELP_NL if self.config.shop.language == "nl" else HELP,
            subject_in=mail.subject,
            reader_name=self.reader_name((mail.from_addr,)),
        )
        return OutgoingMail(
            kind=MailKind.COMMAND_HELP,
            reference=dossier["reference"] if dossier else None,
            to=(mail.from_addr,),
            subject=subject,
            text=text,
            message_id=self.message_id(dossier, MailKind.COMMAND_HELP, mail.key),
            in_reply_to=mail.message_id or None,
            references=(mail.message_id,) if mail.message_id else (),
            reply_to=self.owner_reply_to(dossier),
        )

    def erased_dossier(self, dossier: Dossier, mail: Mail, erased_at: datetime) -> OutgoingMail:
        """The owner's command came for a dossier whose personal data is erased: refused, and
        the owner told why. Nothing of the customer's (nor the old subject) is repeated."""
        subject, text = self.composer.render(
            "erased_dossier",
            reference=dossier["reference"],
            erased=erased_at.astimezone(self.config.shop.tz).date(),
            reader_name=self.reader_name((mail.from_addr,)),
        )
        return OutgoingMail(
            kind=MailKind.COMMAND_HELP,
            reference=dossier["reference"],
            to=(mail.from_addr,),
            subject=subject,
            text=text,
            message_id=self.message_id(dossier, MailKind.COMMAND_HELP, mail.key),
            in_reply_to=mail.message_id or None,
            references=(mail.message_id,) if mail.message_id else (),
            reply_to=self.owner_reply_to(None),
        )

    def nothing_relayed(self, dossier: Dossier | None, mail: Mail) -> OutgoingMail:
        """The owner's reply had no text of its own once quotes were cut; it is quoted back."""
        text = _excerpt(mail.text.strip())
        subject, body = self.composer.render(
            "nothing_relayed",
            reference=dossier["reference"] if dossier else "",
            subject_in=mail.subject,
            quoted="\n".join(f"> {line}".rstrip() for line in text.splitlines()),
            attachments=len(mail.attachments),
        )
        return OutgoingMail(
            # A command_help kind: a reply to this note counts as the owner's reply.
            kind=MailKind.COMMAND_HELP,
            reference=dossier["reference"] if dossier else None,
            to=(mail.from_addr,),
            subject=subject,
            text=body,
            message_id=self.message_id(dossier, MailKind.COMMAND_HELP, mail.key),
            in_reply_to=mail.message_id or None,
            references=(mail.message_id,) if mail.message_id else (),
            reply_to=self.owner_reply_to(dossier),
        )

    def owner_help(self, mail: Mail, reason: str) -> OutgoingMail:
        subject, text = self.composer.render(
            "owner_help",
            reason=reason,
            subject_in=mail.subject,
            reader_name=self.reader_name((mail.from_addr,)),
        )
        return OutgoingMail(
            kind=MailKind.OWNER_HELP,
            reference=None,
            to=(mail.from_addr,),
            subject=subject,
            text=text,
            message_id=self.message_id(None, MailKind.OWNER_HELP, mail.key),
            in_reply_to=mail.message_id or None,
        )

    def delivery_failure(self, entry: dict[str, Any], error: str) -> OutgoingMail:
        """To the handler: a mail of ours (outbox `entry`) was refused for good."""
        subject, text = self.composer.render(
            "delivery_failure",
            reference=entry["reference"],
            failed_to=", ".join(entry["to"]),
            failed_subject=entry["subject"],
            error=error,
        )
        failed_id = hashlib.sha256(entry["message_id"].encode()).hexdigest()[:12]
        purpose = f"{entry['reference'] or 'owner'}.{MailKind.DELIVERY_FAILURE}.{failed_id}"
        return OutgoingMail(
            kind=MailKind.DELIVERY_FAILURE,
            reference=entry["reference"],
            to=(self.config.owner.handler,),
            subject=subject,
            text=text,
            message_id=make_message_id(self.key, purpose, self.config.shop.domain),
            reply_to=self.config.shop.email,
        )

    def digest(self, sections: dict[str, list[Dossier]], day: str) -> OutgoingMail:
        subject, text = self.composer.render(
            "digest",
            sections=sections,
            day=day,
            reader_name=self.reader_name((self.config.owner.handler,)),
        )
        return OutgoingMail(
            kind=MailKind.DIGEST,
            reference=None,
            to=(self.config.owner.handler,),
            subject=subject,
            text=text,
            message_id=self.message_id(None, MailKind.DIGEST, day),
        )

    def internal_error(self, failed: list[dict[str, str]]) -> OutgoingMail:
        """To the handler: mails an internal error left unprocessed (they are retried)."""
        subject, text = self.composer.render("internal_error", failed=failed)
        salt = " ".join(sorted(f["archive"].rsplit("/", 1)[-1] for f in failed))
        return OutgoingMail(
            kind=MailKind.INTERNAL_ERROR,
            reference=None,
            to=(self.config.owner.handler,),
            subject=subject,
            text=text,
            message_id=self.message_id(None, MailKind.INTERNAL_ERROR, salt),
        )

    def monthly_report(self, text: str, html: str, month: str) -> OutgoingMail:
        attachment = Attachment(
            name=f"report-{month}.html",
            content_type="text/html",
            size=len(html),
            payload=html.encode("utf-8"),
        )
        return OutgoingMail(
            kind=MailKind.DIGEST,
            reference=None,
            to=(self.config.owner.handler,),
            subject=f"{self.config.shop.name}: "
            f"{vocabulary(self.config.shop.language).REPORT_MAIL} {month}",
            text=text,
            message_id=self.message_id(None, MailKind.DIGEST, f"report-{month}"),
            attachments=(attachment,),
        )

    def login_failure(self, server: str, error: str, since: str) -> OutgoingMail:
        """The agent cannot log in (expired or revoked token, changed password); once per episode."""
        moment = datetime.fromisoformat(since).astimezone(self.config.shop.tz)
        subject, text = self.composer.render(
            "login_failure",
            server=server,
            error=error,
            since=f"{self.composer.long_date(moment)} {moment:%H:%M}",
            mailbox=self.config.shop.email,
        )
        return OutgoingMail(
            kind=MailKind.LOGIN_FAILURE,
            reference=None,
            to=(self.config.owner.handler,),
            subject=subject,
            text=text,
            message_id=self.message_id(None, MailKind.LOGIN_FAILURE, f"{server}.{since}"),
        )

"""The mail to the shop's people: notifications, help, faults, and the daily agenda.

The owner reads this on a phone: every mail's first line after the greeting says what to do,
it quotes the customer's new words only, and most news waits for the next working day's
agenda (`urgency.SENT_AT_ONCE` decides which mail goes out when it is made).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from inbox_agent.commands.help import help_for
from inbox_agent.commands.table import BY_NAME
from inbox_agent.dossier.record import Dossier
from inbox_agent.dossier.schedule import AgendaItem
from inbox_agent.durations import Duration, add_duration
from inbox_agent.letters.addressing import Addressing
from inbox_agent.letters.wrapping import wrap
from inbox_agent.mail.tokens import make_message_id, reply_address, standing_address
from inbox_agent.models import (
    Attachment,
    Mail,
    MailKind,
    OutgoingMail,
    Promise,
    QuarantineRow,
)
from inbox_agent.reading.evaluation import Answer
from inbox_agent.reading.quotes import strip_reply
from inbox_agent.vocabulary.terms import vocabulary

# The owner's notification quotes this much of the customer's text; the dossier has it all.
_NOTIFY_CHARS = 8000
# The complaint text a deputy's mail carries, in lines (the dossier has it all).
_COMPLAINT_LINES = 15

# A phone shows about this many characters a line; a longer line (not a link) is wrapped.
PHONE_WIDTH = 78
# A row of a command table: the command, then its explanation from a column on.
_TABLE_ROW = re.compile(r"^(\s*#\S.*?\s{2,})\S")
# A line's indentation: spaces and quote marks.
_LEAD = re.compile(r"^[\s>]*")


def phone_text(text: str) -> str:
    """The text with every line wider than a phone's screen wrapped at a word, keeping its
    indentation (a quote's "> ", a table's column); links are never cut."""
    out: list[str] = []
    for line in text.splitlines():
        if len(line) <= PHONE_WIDTH or "mailto:" in line or "://" in line:
            out.append(line)
            continue
        lead = _LEAD.match(line).group(0)  # type: ignore[union-attr]
        row = _TABLE_ROW.match(line)
        follow = " " * len(row.group(1)) if row else lead
        out += wrap(line, PHONE_WIDTH, follow) or [line]
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _excerpt(text: str) -> str:
    if len(text) <= _NOTIFY_CHARS:
        return text
    return text[:_NOTIFY_CHARS].rsplit(" ", 1)[0] + " […]"


def new_words(text: str) -> str:
    """The customer's own new words: quoted history (our own letters too) cut, as for the
    owner's replies; the whole text when nothing of theirs would be left."""
    return _excerpt(strip_reply(text).strip() or text.strip())


def complaint_text(dossier: Dossier) -> str:
    """What the customer complained of, their own words as registered (the mail's text stays in
    the archive), cut to a phone screen or two."""
    lines = new_words(str(dossier["fields"].get("problem") or "")).splitlines()
    if len(lines) > _COMPLAINT_LINES:
        lines = [*lines[:_COMPLAINT_LINES], "[…]"]
    return "\n".join(lines)


class OwnerMail(Addressing):
    """Mail to the handler, the deputy or a colleague, in the shop's language, phone-wide."""

    def _to_owner(
        self,
        dossier: Dossier,
        kind: MailKind,
        template: str,
        to: tuple[str, ...] | None = None,
        **context: Any,
    ) -> OutgoingMail:
        mail = super()._to_owner(dossier, kind, template, to, **context)
        return replace(mail, text=phone_text(mail.text))

    def _render(self, template: str, **context: Any) -> tuple[str, str]:
        subject, text = self.composer.render(template, **context)
        return subject, phone_text(text)

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
            text=new_words(mail.text if text is None else text),
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
            complaint=complaint_text(dossier),
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
            complaint=complaint_text(dossier) if reason == "deputy" else "",
        )

    def question(self, dossier: Dossier, colleague: str, question: str, asker: str) -> OutgoingMail:
        # The colleague knows the handler by name, not by the address they write from.
        name = self.config.owner.handler_name
        if name and asker.lower() == self.config.owner.handler.lower():
            asker = name
        subject, text = self._render("question", dossier=dossier, question=question, asker=asker)
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
        subject, text = self._render(
            "command_help",
            reference=dossier["reference"] if dossier else "",
            error=error,
            help=help_for(self.config.shop.language),
            subject_in=mail.subject,
            reader_name=self.reader_name((mail.from_addr,)),
        )
        return self._answer(dossier, mail, subject, text)

    def _answer(
        self, dossier: Dossier | None, mail: Mail, subject: str, text: str, threaded: bool = True
    ) -> OutgoingMail:
        """An answer to the owner's own mail, in its thread. A command_help kind: a reply to it
        counts as the owner's reply (to the dossier's address unless `threaded` is False)."""
        return OutgoingMail(
            kind=MailKind.COMMAND_HELP,
            reference=dossier["reference"] if dossier else None,
            to=(mail.from_addr,),
            subject=subject,
            text=text,
            message_id=self.message_id(dossier, MailKind.COMMAND_HELP, mail.key),
            in_reply_to=mail.message_id or None,
            references=(mail.message_id,) if mail.message_id else (),
            reply_to=self.owner_reply_to(dossier if threaded else None),
        )

    def erased_dossier(self, dossier: Dossier, mail: Mail, erased_at: datetime) -> OutgoingMail:
        """The owner's command came for a dossier whose personal data is erased: refused, and
        the owner told why. Nothing of the customer's (nor the old subject) is repeated."""
        subject, text = self._render(
            "erased_dossier",
            reference=dossier["reference"],
            erased=erased_at.astimezone(self.config.shop.tz).date(),
            reader_name=self.reader_name((mail.from_addr,)),
        )
        return self._answer(dossier, mail, subject, text, threaded=False)

    def nothing_relayed(self, dossier: Dossier | None, mail: Mail) -> OutgoingMail:
        """The owner's reply had no text of its own once quotes were cut; it is quoted back."""
        text = _excerpt(mail.text.strip())
        subject, body = self._render(
            "nothing_relayed",
            reference=dossier["reference"] if dossier else "",
            subject_in=mail.subject,
            quoted="\n".join(f"> {line}".rstrip() for line in text.splitlines()),
            attachments=len(mail.attachments),
        )
        return self._answer(dossier, mail, subject, body)

    def owner_help(self, mail: Mail, reason: str) -> OutgoingMail:
        subject, text = self._render(
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
        subject, text = self._render(
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

    def agenda(
        self,
        sections: dict[str, list[AgendaItem]],
        day: str,
        quarantine: Sequence[QuarantineRow] = (),
        floods: Sequence[Any] = (),
    ) -> OutgoingMail:
        """The handler's agenda of a working day: each line with its ready replies, then mail
        nobody answered (`quarantine`: rows that look like a person; `floods`: one sender's
        many mails, `triage.unanswered.Flood`)."""
        return self._agenda(
            self.config.owner.handler,
            "agenda",
            sections,
            day,
            quarantine=[_quarantine_line(row) for row in quarantine],
            floods=floods,
        )

    def deputy_agenda(self, items: list[AgendaItem], day: str) -> OutgoingMail:
        """The deputy's agenda: the dossiers escalated to them, each with the complaint text."""
        deputy = self.config.owner.deputy or self.config.owner.handler
        return self._agenda(deputy, "deputy_agenda", {"escalated": items}, day)

    def _agenda(
        self,
        to: str,
        template: str,
        sections: dict[str, list[AgendaItem]],
        day: str,
        **unanswered: Any,
    ) -> OutgoingMail:
        shown = {
            name: [self._agenda_line(item, name, day) for item in items]
            for name, items in sections.items()
        }
        subject, text = self._render(
            template, sections=shown, day=day, reader_name=self.reader_name((to,)), **unanswered
        )
        return OutgoingMail(
            kind=MailKind.DIGEST,
            reference=None,
            to=(to,),
            subject=subject,
            text=text,
            message_id=self.message_id(None, MailKind.DIGEST, f"{template}.{day}"),
        )

    def _agenda_line(self, item: AgendaItem, section: str, day: str) -> dict[str, Any]:
        dossier, promise = item["dossier"], item["promise"]
        return {
            "dossier": dossier,
            "promise": promise,
            "still": item["still"],
            "phone": dossier["customer"].get("phone", ""),
            "complaint": complaint_text(dossier) if section == "escalated" else "",
            "links": [
                (label, self.ready_reply(dossier, body, day))
                for label, body in self._replies(dossier, promise, item["still"], section, day)
            ],
        }

    def _replies(
        self, dossier: Dossier, promise: Promise | None, still: bool, section: str, day: str
    ) -> list[tuple[str, str]]:
        """The ready replies of an agenda line: (what it does, the reply's body)."""
        language = self.config.shop.language
        words = _REPLY_LABELS.get(language, _REPLY_LABELS["en"])

        def command(name: str, argument: str = "") -> str:
            return f"#{BY_NAME[name].word(language)} {argument}".rstrip() + "\n"

        # A date the owner can send as it is: three working days on, and never before the
        # date the customer holds already.
        suggested = max(self._suggested_date(day), str(dossier.get("deadline") or ""))
        agreement = promise is not None and promise["kind"] == "agreement"
        status = dossier["status"]
        if section == "unclear":
            if status == "evaluating":
                return [
                    (words["satisfied"], command("satisfied")),
                    (words["unhappy"], command("unhappy")),
                ]
            return [(words["answer"], ""), (words["reopen"], command("reopen"))]
        if section == "waiting":
            return [(words["note"], command("note"))]
        if agreement and (still or section in ("overdue", "due_today")):
            return [
                (words["done"], command("done")),
                (words["agree"], command("agree", suggested + " ")),
            ]
        if section in ("broken", "overdue", "due_today", "escalated") and status in (
            "new",
            "acknowledged",
            "in_progress",
            "reopened",
        ):
            return [(words["answer"], ""), (words["deadline"], command("deadline", suggested))]
        if section == "broken":
            return [(words["note"], command("note"))]
        if section == "open":
            return [
                (words["resolve"], command("resolve")),
                (words["deadline"], command("deadline", suggested)),
            ]
        return [(words["answer"], ""), (words["resolve"], command("resolve"))]

    def _suggested_date(self, day: str) -> str:
        start = datetime.combine(date.fromisoformat(day), datetime.min.time(), self.config.shop.tz)
        later = add_duration(start, Duration(workdays=3), self.config.shop.holiday_country)
        return later.date().isoformat()

    def ready_reply(self, dossier: Dossier, body: str, day: str) -> str:
        """A mailto link that answers the dossier from any phone: to the dossier's plus-address
        (the token survives clients that drop a mailto's In-Reply-To) when the provider has
        plus-addresses, else to the shop's address with an In-Reply-To carrying the token; the
        subject names the dossier; the body holds the command."""
        reference = dossier["reference"]
        subject = f"Re: [{reference}] {dossier['subject']}"
        shop = self.config.shop.email
        if self.config.owner.plus_addressing:
            address, extra = reply_address(self.key, shop, reference), ""
        else:
            token_id = make_message_id(
                self.key, f"{reference}.{MailKind.DIGEST}.{day}", self.config.shop.domain
            )
            address, extra = shop, f"&In-Reply-To={quote(token_id, safe='')}"
        query = f"subject={quote(subject, safe='')}&body={quote(body, safe='')}{extra}"
        return f"mailto:{address}?{query}"

    def internal_error(self, failed: list[dict[str, str]]) -> OutgoingMail:
        """To the handler: mails an internal error left unprocessed (they are retried)."""
        subject, text = self._render("internal_error", failed=failed)
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
        subject, text = self._render(
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


# The labels of the agenda's ready replies, in the shop's language.
_REPLY_LABELS: dict[str, dict[str, str]] = {
    "nl": {
        "answer": "Antwoord aan de klant",
        "deadline": "Nieuwe datum",
        "done": "Afspraak nagekomen",
        "agree": "Nieuwe afspraak",
        "satisfied": "Tevreden",
        "unhappy": "Ontevreden",
        "reopen": "Heropenen",
        "note": "Notitie",
        "resolve": "Oplossen",
    },
    "en": {
        "answer": "Answer the customer",
        "deadline": "New date",
        "done": "Agreement done",
        "agree": "New agreement",
        "satisfied": "Satisfied",
        "unhappy": "Unhappy",
        "reopen": "Reopen",
        "note": "Note",
        "resolve": "Resolve",
    },
    "de": {
        "answer": "Dem Kunden antworten",
        "deadline": "Neues Datum",
        "done": "Vereinbarung erledigt",
        "agree": "Neue Vereinbarung",
        "satisfied": "Zufrieden",
        "unhappy": "Unzufrieden",
        "reopen": "Wieder eröffnen",
        "note": "Notiz",
        "resolve": "Lösen",
    },
    "fr": {
        "answer": "Répondre au client",
        "deadline": "Nouvelle date",
        "done": "Engagement tenu",
        "agree": "Nouvel engagement",
        "satisfied": "Satisfait",
        "unhappy": "Insatisfait",
        "reopen": "Rouvrir",
        "note": "Note",
        "resolve": "Résoudre",
    },
}


def _quarantine_line(row: QuarantineRow) -> dict[str, str]:
    """What the agenda shows of a quarantined mail: who, about what, when."""
    return {
        "sender": str(row.get("from") or ""),
        "subject": str(row.get("subject") or ""),
        "received_at": str(row.get("received_at") or ""),
    }

"""Every kind of mail the agent writes, as OutgoingMail with the right recipients and threading."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from inbox_agent.commands.help import HELP, HELP_NL
from inbox_agent.config import Config
from inbox_agent.dossier import registration
from inbox_agent.dossier.record import Dossier
from inbox_agent.letters.compose import Composer, reply_subject
from inbox_agent.letters.news import last_heard
from inbox_agent.mail.tokens import make_message_id, reply_address, standing_address, token
from inbox_agent.models import Attachment, Mail, OutgoingMail
from inbox_agent.reading.evaluation import Answer, one_click_links
from inbox_agent.vocabulary.wording import has_greeting, split_closing

_MAX_REFERENCES = 20
# The owner's notification quotes this much of the customer's text; the dossier has it all.
_NOTIFY_CHARS = 8000


def _frame(text: str) -> dict[str, Any]:
    """The owner's own words, split where they already greet the customer and sign off.

    The letter then leaves out its own greeting or sign-off, so nobody is greeted twice, and
    puts what it adds between the owner's text and the owner's sign-off.
    """
    body, closing = split_closing(text)
    return {"greeted": has_greeting(text), "closing": closing, "owner_text": body}


def _excerpt(text: str) -> str:
    if len(text) <= _NOTIFY_CHARS:
        return text
    return text[:_NOTIFY_CHARS].rsplit(" ", 1)[0] + " […]"


class MailMaker:
    def __init__(self, config: Config, composer: Composer, key: bytes) -> None:
        self.config = config
        self.composer = composer
        self.key = key

    # -- identity and threading ---------------------------------------------------------------

    def message_id(self, dossier: Dossier | None, kind: str, salt: str = "") -> str:
        """Deterministic per dossier state, so a crash and a rerun make the same Message-ID."""
        if dossier is None:
            digest = hashlib.sha256(salt.encode()).hexdigest()[:12]
            return make_message_id(self.key, f"owner.{kind}.{digest}", self.config.shop.domain)
        number = sum(1 for m in dossier["messages"] if m["direction"] == "out") + 1
        purpose = f"{dossier['reference']}.{kind}.{number}"
        return make_message_id(self.key, purpose, self.config.shop.domain)

    @staticmethod
    def customer_thread(dossier: Dossier) -> tuple[str | None, tuple[str, ...]]:
        ids = [
            m["message_id"]
            for m in dossier["messages"]
            if m.get("message_id") and not m.get("internal")
        ]
        latest = next(
            (
                m["message_id"]
                for m in reversed(dossier["messages"])
                if m["direction"] == "in"
                and not m.get("internal")
                and m.get("message_id")
                and m["from"] == dossier["customer"]["email"]
            ),
            None,
        )
        return latest or (ids[-1] if ids else None), tuple(ids[-_MAX_REFERENCES:])

    @staticmethod
    def owner_thread(dossier: Dossier) -> tuple[str | None, tuple[str, ...]]:
        ids = [
            m["message_id"]
            for m in dossier["messages"]
            if m["direction"] == "out"
            and m["kind"] in ("notification", "escalation", "warning", "date_moved")
        ]
        return (ids[-1] if ids else None), tuple(ids[-_MAX_REFERENCES:])

    def owner_reply_to(self, dossier: Dossier | None) -> str:
        if self.config.owner.plus_addressing:
            if dossier is None:
                return standing_address(self.key, self.config.shop.email)
            return reply_address(self.key, self.config.shop.email, dossier["reference"])
        return self.config.shop.email

    def customer_language(self, dossier: Dossier) -> str:
        return str(dossier.get("language") or self.config.shop.language)

    def _to_customer(
        self,
        dossier: Dossier,
        kind: str,
        template: str,
        auto: str = "auto-generated",
        attachments: tuple[Attachment, ...] = (),
        **context: Any,
    ) -> OutgoingMail:
        language = self.customer_language(dossier)
        subject, text = self.composer.render(
            template,
            language=language,
            dossier=dossier,
            subject=reply_subject(dossier["subject"], dossier["reference"], language),
            **context,
        )
        in_reply_to, references = self.customer_thread(dossier)
        return OutgoingMail(
            kind=kind,
            reference=dossier["reference"],
            to=(dossier["customer"]["email"],),
            subject=subject,
            text=text,
            message_id=self.message_id(dossier, kind),
            in_reply_to=in_reply_to,
            references=references,
            auto_submitted=auto,
            attachments=attachments,
            language=language,
        )

    def _to_owner(
        self,
        dossier: Dossier,
        kind: str,
        template: str,
        to: tuple[str, ...] | None = None,
        **context: Any,
    ) -> OutgoingMail:
        to = to or (self.config.owner.handler,)
        context.setdefault("reader_name", self.reader_name(to))
        subject, text = self.composer.render(template, dossier=dossier, **context)
        in_reply_to, references = self.owner_thread(dossier)
        return OutgoingMail(
            kind=kind,
            reference=dossier["reference"],
            to=to,
            subject=subject,
            text=text,
            message_id=self.message_id(dossier, kind),
            in_reply_to=in_reply_to,
            references=references,
            reply_to=self.owner_reply_to(dossier),
        )

    def reader_name(self, to: tuple[str, ...]) -> str:
        """The handler's first name when the mail goes to the handler alone."""
        name = self.config.owner.handler_name.split()
        return name[0] if name and to == (self.config.owner.handler,) else ""

    # -- to the customer ------------------------------------------------------------------------

    def acknowledgement(self, dossier: Dossier, mail: Mail | None) -> OutgoingMail:
        subject_source = mail.subject if mail else dossier["subject"]
        language = self.customer_language(dossier)
        subject, text = self.composer.render(
            "acknowledgement",
            language=language,
            dossier=dossier,
            registered=registration.registered_rows(dossier, language),
            received=datetime.fromisoformat(dossier["received_at"]).astimezone(self.config.shop.tz),
            missing=dossier["missing"],
            subject=reply_subject(subject_source, dossier["reference"], language),
        )
        references: tuple[str, ...] = ()
        in_reply_to = None
        if mail is not None and mail.from_addr == dossier["customer"]["email"] and mail.message_id:
            in_reply_to = mail.message_id
            references = (*mail.references, mail.message_id)
        return OutgoingMail(
            kind="acknowledgement",
            reference=dossier["reference"],
            to=(dossier["customer"]["email"],),
            subject=subject,
            text=text,
            message_id=self.message_id(dossier, "acknowledgement"),
            in_reply_to=in_reply_to,
            references=references[-_MAX_REFERENCES:],
            auto_submitted="auto-replied",
            language=language,
        )

    def reply(
        self,
        dossier: Dossier,
        body: str,
        attachments: tuple[Attachment, ...] = (),
        resolution: dict[str, str] | None = None,
        agreements: list[dict[str, Any]] | None = None,
        new_deadline: str | None = None,
    ) -> OutgoingMail:
        """The owner's answer, or a standard letter for a bare #resolve, #deadline or #agree."""
        # Written by a person: no Auto-Submitted, so the customer's own auto-reply may answer it.
        frame = _frame(body)
        if not body and resolution and resolution.get("text"):
            frame["greeted"] = has_greeting(resolution["text"])
        return self._to_customer(
            dossier,
            "reply",
            "reply",
            auto="no",
            attachments=attachments,
            body=frame.pop("owner_text"),
            resolution=resolution,
            agreements=agreements or [],
            new_deadline=new_deadline,
            **frame,
        )

    def rejection(self, dossier: Dossier, explanation: str) -> OutgoingMail:
        frame = _frame(explanation)
        return self._to_customer(
            dossier,
            "rejection",
            "rejection",
            auto="no",
            explanation=frame.pop("owner_text"),
            **frame,
        )

    def closure(self, dossier: Dossier, reason: str) -> OutgoingMail:
        return self._to_customer(dossier, "closure", "closure", reason=reason)

    def progress(
        self, dossier: Dossier, news: list[dict[str, Any]], next_step: dict[str, Any]
    ) -> OutgoingMail:
        """What happened since the customer last heard from us, and what comes next by when."""
        return self._to_customer(
            dossier,
            "progress",
            "progress",
            news=news,
            next_step=next_step,
            last_heard=last_heard(dossier),
        )

    def missed_date(
        self,
        dossier: Dossier,
        old_deadline: str,
        news: list[dict[str, Any]],
        next_step: dict[str, Any],
    ) -> OutgoingMail:
        """The honest letter on a promised date that came without an answer: the new date."""
        return self._to_customer(
            dossier,
            "missed_date",
            "missed_date",
            old_deadline=old_deadline,
            news=news,
            next_step=next_step,
            last_heard=last_heard(dossier),
        )

    def evaluation(self, dossier: Dossier) -> OutgoingMail:
        reference = dossier["reference"]
        links = one_click_links(self.config.shop.email, reference, self.one_click_code(reference))
        return self._to_customer(dossier, "evaluation", "evaluation", links=links)

    def one_click_code(self, reference: str) -> str:
        """The code a one-click evaluation answer must carry; only our evaluation mail has it."""
        return token(self.key, f"{reference}.evaluation-answer")[:8]

    def disputes(self, dossier: Dossier) -> OutgoingMail:
        return self._to_customer(dossier, "disputes", "disputes")

    # -- to the shop's people -----------------------------------------------------------------

    def notification(
        self,
        dossier: Dossier,
        mail: Mail,
        event: str,
        supplied: list[str],
        withheld: str = "",
        text: str | None = None,
    ) -> OutgoingMail:
        return self._to_owner(
            dossier,
            "notification",
            "notification",
            event=event,
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
            dossier, "notification", "evaluation_unclear", answer=answer, text=answer.comment
        )

    def escalation(self, dossier: Dossier) -> OutgoingMail:
        return self._to_owner(
            dossier,
            "escalation",
            "escalation",
            to=(self.config.owner.deputy or self.config.owner.handler,),
        )

    def warning(self, dossier: Dossier, extended: str) -> OutgoingMail:
        """Before a promised date: what is due, and the new date the customer gets otherwise."""
        owners = tuple(a for a in (self.config.owner.handler, self.config.owner.deputy) if a)
        return self._to_owner(dossier, "warning", "warning", to=owners, extended=extended)

    def date_moved(self, dossier: Dossier, old_deadline: str) -> OutgoingMail:
        """The owner hears that the customer got a new date today, and how to change it."""
        owners = tuple(a for a in (self.config.owner.handler, self.config.owner.deputy) if a)
        return self._to_owner(
            dossier, "date_moved", "date_moved", to=owners, old_deadline=old_deadline
        )

    def reminder(self, dossier: Dossier, agreement: dict[str, Any]) -> OutgoingMail:
        return self._to_owner(dossier, "reminder", "reminder", agreement=agreement)

    def question(self, dossier: Dossier, colleague: str, question: str, asker: str) -> OutgoingMail:
        # The colleague knows the handler by name, not by the address they write from.
        name = self.config.owner.handler_name
        if name and asker.lower() == self.config.owner.handler.lower():
            asker = name
        subject, text = self.composer.render(
            "question", dossier=dossier, question=question, asker=asker
        )
        return OutgoingMail(
            kind="question",
            reference=dossier["reference"],
            to=(colleague,),
            subject=subject,
            text=text,
            message_id=self.message_id(dossier, "question"),
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
            kind="command_help",
            reference=dossier["reference"] if dossier else None,
            to=(mail.from_addr,),
            subject=subject,
            text=text,
            message_id=self.message_id(dossier, "command_help", mail.key),
            in_reply_to=mail.message_id or None,
            references=(mail.message_id,) if mail.message_id else (),
            reply_to=self.owner_reply_to(dossier),
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
            kind="command_help",
            reference=dossier["reference"] if dossier else None,
            to=(mail.from_addr,),
            subject=subject,
            text=body,
            message_id=self.message_id(dossier, "command_help", mail.key),
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
            kind="owner_help",
            reference=None,
            to=(mail.from_addr,),
            subject=subject,
            text=text,
            message_id=self.message_id(None, "owner_help", mail.key),
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
        purpose = f"{entry['reference'] or 'owner'}.delivery_failure.{failed_id}"
        return OutgoingMail(
            kind="delivery_failure",
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
            kind="digest",
            reference=None,
            to=(self.config.owner.handler,),
            subject=subject,
            text=text,
            message_id=self.message_id(None, "digest", day),
        )

    def internal_error(self, failed: list[dict[str, str]]) -> OutgoingMail:
        """To the handler: mails an internal error left unprocessed (they are retried)."""
        subject, text = self.composer.render("internal_error", failed=failed)
        salt = " ".join(sorted(f["archive"].rsplit("/", 1)[-1] for f in failed))
        return OutgoingMail(
            kind="internal_error",
            reference=None,
            to=(self.config.owner.handler,),
            subject=subject,
            text=text,
            message_id=self.message_id(None, "internal_error", salt),
        )

    def monthly_report(self, text: str, html: str, month: str) -> OutgoingMail:
        attachment = Attachment(
            name=f"report-{month}.html",
            content_type="text/html",
            size=len(html),
            payload=html.encode("utf-8"),
        )
        return OutgoingMail(
            kind="digest",
            reference=None,
            to=(self.config.owner.handler,),
            subject=f"{self.config.shop.name}: "
            f"{'klachtenrapport' if self.config.shop.language == 'nl' else 'complaints report'} "
            f"{month}",
            text=text,
            message_id=self.message_id(None, "digest", f"report-{month}"),
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
            kind="login_failure",
            reference=None,
            to=(self.config.owner.handler,),
            subject=subject,
            text=text,
            message_id=self.message_id(None, "login_failure", f"{server}.{since}"),
        )

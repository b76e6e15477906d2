"""The letters to the customer: acknowledgement, replies, progress, evaluation, closure."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from inbox_agent.dossier import registration
from inbox_agent.dossier.record import Dossier
from inbox_agent.letters.addressing import MAX_REFERENCES, Addressing
from inbox_agent.letters.compose import reply_subject
from inbox_agent.letters.handled import handled, verdict
from inbox_agent.letters.news import last_heard
from inbox_agent.mail.tokens import token
from inbox_agent.models import (
    Attachment,
    Mail,
    MailKind,
    OutgoingMail,
    Promise,
    ResolutionRecord,
    Waiting,
)
from inbox_agent.reading.evaluation import one_click_links
from inbox_agent.vocabulary.wording import has_greeting, split_closing


def _frame(text: str) -> dict[str, Any]:
    """The owner's own words, split where they already greet the customer and sign off.

    The letter then leaves out its own greeting or sign-off, so nobody is greeted twice, and
    puts what it adds between the owner's text and the owner's sign-off.
    """
    body, closing = split_closing(text)
    return {"greeted": has_greeting(text), "closing": closing, "owner_text": body}


def _waited_for(dossier: Dossier, promise: Promise) -> str:
    """What the shop waited for, when the date that came was the end of a `#wait`."""
    waiting = dossier.get("waiting")
    return waiting["what"] if waiting and promise.get("origin") == "wait" else ""


class CustomerLetters(Addressing):
    """Mail to the customer, in the customer's language, threaded in their conversation."""

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
            kind=MailKind.ACKNOWLEDGEMENT,
            reference=dossier["reference"],
            to=(dossier["customer"]["email"],),
            subject=subject,
            text=text,
            message_id=self.message_id(dossier, MailKind.ACKNOWLEDGEMENT),
            in_reply_to=in_reply_to,
            references=references[-MAX_REFERENCES:],
            auto_submitted="auto-replied",
            language=language,
        )

    def reopening(self, dossier: Dossier, later: str, was: str) -> OutgoingMail:
        """The same-day acknowledgement of a mail that reopened the dossier: what happens now,
        and the fresh answer date the reopening made; `later` is what the mail was read as."""
        return self._to_customer(
            dossier, MailKind.REOPENING, "reopening", auto="auto-replied", later=later, was=was
        )

    def reply(
        self,
        dossier: Dossier,
        body: str,
        attachments: tuple[Attachment, ...] = (),
        resolution: ResolutionRecord | None = None,
        agreements: list[dict[str, Any]] | None = None,
        new_deadline: str | None = None,
        done: list[Promise] | None = None,
        contact_by: str | None = None,
        waiting: Waiting | None = None,
    ) -> OutgoingMail:
        """The owner's answer, or a standard letter for a bare #resolve, #deadline, #agree,
        #done or #wait. `contact_by` is the date a standard resolution letter names for
        getting in touch (the agreement it became)."""
        # Written by a person: no Auto-Submitted, so the customer's own auto-reply may answer it.
        frame = _frame(body)
        if not body and resolution and resolution.get("text"):
            frame["greeted"] = has_greeting(resolution["text"])
        return self._to_customer(
            dossier,
            MailKind.REPLY,
            "reply",
            auto="no",
            attachments=attachments,
            body=frame.pop("owner_text"),
            resolution=resolution,
            agreements=agreements or [],
            new_deadline=new_deadline,
            done=done or [],
            contact_by=contact_by,
            waiting=waiting,
            **frame,
        )

    def rejection(self, dossier: Dossier, explanation: str) -> OutgoingMail:
        frame = _frame(explanation)
        return self._to_customer(
            dossier,
            MailKind.REJECTION,
            "rejection",
            auto="no",
            explanation=frame.pop("owner_text"),
            **frame,
        )

    def closure(self, dossier: Dossier, reason: str) -> OutgoingMail:
        """The confirmation of closure: why it closes, what was done, and what the customer
        said of it when asked (or that we heard nothing)."""
        return self._to_customer(
            dossier,
            MailKind.CLOSURE,
            "closure",
            reason=reason,
            handled=handled(dossier),
            verdict=verdict(dossier),
        )

    def progress(
        self,
        dossier: Dossier,
        news: list[dict[str, Any]],
        next_step: dict[str, Any],
        promised: str | None = None,
    ) -> OutgoingMail:
        """What happened since the customer last heard from us, and what comes next.

        `promised` is the answer date to restate (one the acknowledgement or a person made);
        without it the letter names no date.
        """
        return self._to_customer(
            dossier,
            MailKind.PROGRESS,
            "progress",
            news=news,
            next_step=next_step,
            last_heard=last_heard(dossier),
            promised=promised,
        )

    def missed_date(
        self,
        dossier: Dossier,
        promise: Promise,
        news: list[dict[str, Any]],
        next_step: dict[str, Any],
    ) -> OutgoingMail:
        """The agent's one honest letter on a date that came without an answer: the new date.

        `promise` is the date that came; the new one is the dossier's `deadline`.
        """
        return self._to_customer(
            dossier,
            MailKind.MISSED_DATE,
            "missed_date",
            old_deadline=promise["due"],
            waited=_waited_for(dossier, promise),
            news=news,
            next_step=next_step,
            last_heard=last_heard(dossier),
        )

    def evaluation(self, dossier: Dossier) -> OutgoingMail:
        reference = dossier["reference"]
        links = one_click_links(self.config.shop.email, reference, self.one_click_code(reference))
        # The text names the answers in plain words; only the HTML part has one-click buttons.
        mail = self._to_customer(dossier, MailKind.EVALUATION, "evaluation", links=links)
        html = self.composer.render_html(
            "evaluation", language=mail.language, dossier=dossier, links=links, subject=mail.subject
        )
        return replace(mail, html=html)

    def one_click_code(self, reference: str) -> str:
        """The code a one-click evaluation answer must carry; only our evaluation mail has it."""
        return token(self.key, f"{reference}.evaluation-answer")[:8]

    def stop(self, dossier: Dossier) -> OutgoingMail:
        """The owner's #stop: the one letter that ends the correspondence, politely, blaming
        nobody; the customer's later mail is filed unanswered."""
        # Written on a person's decision: no Auto-Submitted, as for the owner's own reply.
        return self._to_customer(
            dossier, MailKind.STOP, "stop", auto="no", handled=handled(dossier)
        )

    def disputes(self, dossier: Dossier) -> OutgoingMail:
        return self._to_customer(dossier, MailKind.DISPUTES, "disputes")

"""What every mail the agent writes shares: its Message-ID, its recipients and its thread.

`CustomerLetters` and `OwnerMail` build on this; `MailMaker` is both.
"""

from __future__ import annotations

import hashlib
from typing import Any

from inbox_agent.config import Config
from inbox_agent.dossier.record import Dossier
from inbox_agent.letters.compose import Composer, reply_subject
from inbox_agent.mail.tokens import make_message_id, reply_address, standing_address
from inbox_agent.models import Attachment, MailKind, OutgoingMail
from inbox_agent.vocabulary.terms import letter_language

MAX_REFERENCES = 20
# Our mail to the shop's people that a later owner mail threads under.
_OWNER_THREAD = (MailKind.NOTIFICATION, MailKind.ESCALATION, MailKind.WARNING, MailKind.DATE_MOVED)


class Addressing:
    """Message-IDs, threads and recipients, and the two ways a letter is rendered and sent."""

    def __init__(self, config: Config, composer: Composer, key: bytes) -> None:
        self.config = config
        self.composer = composer
        self.key = key

    def message_id(self, dossier: Dossier | None, kind: MailKind, salt: str = "") -> str:
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
        return latest or (ids[-1] if ids else None), tuple(ids[-MAX_REFERENCES:])

    @staticmethod
    def owner_thread(dossier: Dossier) -> tuple[str | None, tuple[str, ...]]:
        ids = [
            m["message_id"]
            for m in dossier["messages"]
            if m["direction"] == "out" and m["kind"] in _OWNER_THREAD
        ]
        return (ids[-1] if ids else None), tuple(ids[-MAX_REFERENCES:])

    def owner_reply_to(self, dossier: Dossier | None) -> str:
        if self.config.owner.plus_addressing:
            if dossier is None:
                return standing_address(self.key, self.config.shop.email)
            return reply_address(self.key, self.config.shop.email, dossier["reference"])
        return self.config.shop.email

    def customer_language(self, dossier: Dossier) -> str:
        """The dossier's language when its templates exist, else the shop's (issue 22)."""
        return letter_language(dossier.get("language"), self.config.shop.language)

    def _to_customer(
        self,
        dossier: Dossier,
        kind: MailKind,
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
        kind: MailKind,
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

"""A customer's mail after the resolution: reopened and acknowledged, filed, or put to the owner;
pure. `dossier.aftercare` decides which; this step records it and writes the mail."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from inbox_agent.config import Config
from inbox_agent.dossier import aftercare, lifecycle, schedule
from inbox_agent.dossier import record as dossiers
from inbox_agent.dossier.aftercare import Action
from inbox_agent.letters.mailmaker import MailMaker
from inbox_agent.models import Dossier, Facts, Mail, MailKind, Outcome, OutgoingMail, Status
from inbox_agent.reading.later import LaterMail, read_later_mail
from inbox_agent.reading.quotes import strip_reply
from inbox_agent.run import our_texts


class Pipeline(Protocol):
    """What the later-mail step uses of the pipeline (the pipeline passes itself in)."""

    config: Config
    maker: MailMaker

    def add(
        self, dossier: Dossier, mail: OutgoingMail, now: datetime, outgoing: list[OutgoingMail]
    ) -> None: ...


class LaterSteps:
    """Listen before asking: a customer's mail in a resolved, evaluating or closed dossier."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.maker = pipeline.maker
        self.config = pipeline.config

    def later_mail(
        self,
        mail: Mail,
        archive: str,
        dossier: Dossier,
        facts: Facts,
        later: LaterMail | None = None,
    ) -> Outcome:
        later = later or read_later_mail(mail.text)
        was = dossier["status"]
        action = aftercare.decide(was, later)
        step = {
            Action.REOPEN: self._reopen,
            Action.FILE: self._file,
            Action.ASK_OWNER: self._ask_owner,
        }[action]
        outgoing = step(mail, archive, dossier, facts, later, was)
        schedule.refresh(dossier, self.config)
        return Outcome(where=dossier["reference"], dossier=dossier, outgoing=outgoing)

    def _reopen(
        self, mail: Mail, archive: str, dossier: Dossier, facts: Facts, later: LaterMail, was: str
    ) -> list[OutgoingMail]:
        """It failed, or they ask: reopened with a fresh date, told so today, the owner told once."""
        now, customer = facts.now, dossier["customer"]["email"]
        supplied = dossiers.add_followup(
            dossier, mail, archive, now, self.config.shop.holiday_country
        )
        after = "after closure" if was == Status.CLOSED.value else f"while {was}"
        why = f"the customer wrote {after}: {later.kind.value} ({', '.join(later.evidence)})"
        lifecycle.transition(dossier, Status.REOPENED, now, mail.from_addr, why)
        # The reopening makes the fresh answer date the acknowledgement states.
        schedule.refresh(dossier, self.config)
        outgoing: list[OutgoingMail] = []
        withheld = ""
        limit = self.config.limits.auto_replies_per_sender
        if facts.auto_mail_count(customer) >= limit:
            withheld = (
                f"{customer} already got {limit} automatic mails within "
                f"{self.config.limits.auto_reply_window}"
            )
            dossiers.add_event(dossier, now, "agent", "acknowledgement_withheld", withheld)
        else:
            letter = self.maker.reopening(dossier, later.kind.value, was)
            self.pipeline.add(dossier, letter, now, outgoing)
        note = self.maker.notification(
            dossier,
            mail,
            "reopened",
            supplied,
            withheld,
            text=_new_words(dossier, mail, facts),
            later=later.kind.value,
            was=was,
        )
        self.pipeline.add(dossier, note, now, outgoing)
        return outgoing

    def _file(
        self, mail: Mail, archive: str, dossier: Dossier, facts: Facts, later: LaterMail, was: str
    ) -> list[OutgoingMail]:
        """A thank-you: kept in the dossier, and nothing more."""
        dossiers.add_incoming(dossier, mail, MailKind.FOLLOWUP, archive, facts.now)
        dossiers.add_event(
            dossier,
            facts.now,
            mail.from_addr,
            "thanks_filed",
            f"a thank-you ({', '.join(later.evidence)}) while {was}; filed, nothing sent",
            archive=archive,
        )
        return []

    def _ask_owner(
        self, mail: Mail, archive: str, dossier: Dossier, facts: Facts, later: LaterMail, was: str
    ) -> list[OutgoingMail]:
        """Not clear what they mean: the owner reads it; nothing reopens or closes meanwhile."""
        supplied = dossiers.add_followup(
            dossier, mail, archive, facts.now, self.config.shop.holiday_country
        )
        dossiers.add_event(
            dossier,
            facts.now,
            "agent",
            "later_unclear",
            f"the customer wrote while {was}; not clearly a thank-you, a question or a "
            "failure; the owner decides",
        )
        outgoing: list[OutgoingMail] = []
        note = self.maker.notification(
            dossier,
            mail,
            "later_unclear",
            supplied,
            text=_new_words(dossier, mail, facts),
            later=later.kind.value,
            was=was,
            thankful=later.thankful,
        )
        self.pipeline.add(dossier, note, facts.now, outgoing)
        return outgoing


def _new_words(dossier: Dossier, mail: Mail, facts: Facts) -> str:
    """What the customer wrote now, without our own letters they quote back."""
    ours = our_texts.for_customer(dossier, mail, facts.read_archive)
    return strip_reply(mail.text, ours) or mail.text

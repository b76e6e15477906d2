"""What one incoming mail changes: dossier, outgoing mail, quarantine. Pure: no I/O, time passed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from inbox_agent import dossiers
from inbox_agent.compose import Composer, reply_subject
from inbox_agent.config import Config
from inbox_agent.dossiers import Dossier, iso
from inbox_agent.durations import add_duration
from inbox_agent.models import Kind, Mail, OutgoingMail, Status, Verdict
from inbox_agent.tokens import make_message_id

# Shown in the acknowledgement's copy of the registration; the full text is in the dossier.
_EXCERPT = 600


@dataclass
class Outcome:
    """The changes one mail causes; the app applies them to the store in one commit."""

    where: str
    dossier: Dossier | None = None
    outgoing: list[OutgoingMail] = field(default_factory=list)
    quarantine: dict[str, Any] | None = None


@dataclass(frozen=True)
class Facts:
    """What the pipeline may ask of the world, injected so the core stays pure."""

    now: datetime
    new_reference: Callable[[], str]
    auto_mail_count: Callable[[str], int]


class Pipeline:
    def __init__(self, config: Config, composer: Composer, key: bytes) -> None:
        self.config = config
        self.composer = composer
        self.key = key

    def process(
        self, mail: Mail, verdict: Verdict, archive: str, dossier: Dossier | None, facts: Facts
    ) -> Outcome:
        if verdict.kind is Kind.COMPLAINT:
            return self._complaint(mail, archive, facts)
        if verdict.kind is Kind.FOLLOWUP and dossier is not None:
            return self._followup(mail, archive, dossier, facts)
        if dossier is not None and verdict.kind in (Kind.AUTOMATIC, Kind.BOUNCE):
            return self._note_automatic(mail, verdict, dossier, facts)
        return self._quarantine(mail, verdict, archive, facts)

    # -- steps -------------------------------------------------------------------------------

    def _complaint(self, mail: Mail, archive: str, facts: Facts) -> Outcome:
        now = facts.now
        reference = facts.new_reference()
        dossier = dossiers.open_dossier(reference, mail, archive, now)
        local_now = now.astimezone(self.config.shop.tz)
        deadline = add_duration(
            local_now, self.config.timing.answer_within, self.config.shop.holiday_country
        )
        dossier["deadline"] = deadline.date().isoformat()
        outgoing = []
        withheld = ""
        if facts.auto_mail_count(mail.from_addr) >= self.config.limits.auto_replies_per_sender:
            withheld = (
                f"{mail.from_addr} already got {self.config.limits.auto_replies_per_sender} "
                f"automatic mails within {self.config.limits.auto_reply_window}"
            )
            dossiers.add_event(dossier, now, "agent", "acknowledgement_withheld", withheld)
        else:
            outgoing.append(self._acknowledgement(dossier, mail))
            dossier["acknowledged_at"] = iso(now)
            dossiers.set_status(dossier, Status.ACKNOWLEDGED, now, "agent", "acknowledgement sent")
        outgoing.append(self._notification(dossier, mail, "new", [], withheld))
        for message in outgoing:
            dossiers.add_outgoing(dossier, message, now, self.config.shop.email)
        return Outcome(where=reference, dossier=dossier, outgoing=outgoing)

    def _followup(self, mail: Mail, archive: str, dossier: Dossier, facts: Facts) -> Outcome:
        was_closed = dossier["status"] == Status.CLOSED.value
        supplied = dossiers.add_followup(dossier, mail, archive, facts.now)
        event = "reopened" if was_closed else "followup"
        notification = self._notification(dossier, mail, event, supplied, "")
        dossiers.add_outgoing(dossier, notification, facts.now, self.config.shop.email)
        return Outcome(where=dossier["reference"], dossier=dossier, outgoing=[notification])

    def _note_automatic(
        self, mail: Mail, verdict: Verdict, dossier: Dossier, facts: Facts
    ) -> Outcome:
        dossiers.add_event(
            dossier,
            facts.now,
            mail.from_addr,
            verdict.kind.value,
            f"{verdict.reason}; not answered (message {mail.message_id or mail.key})",
        )
        return Outcome(where=dossier["reference"], dossier=dossier)

    def _quarantine(self, mail: Mail, verdict: Verdict, archive: str, facts: Facts) -> Outcome:
        entry = {
            "message_id": mail.message_id,
            "key": mail.key,
            "from": mail.from_addr,
            "subject": mail.subject,
            "received_at": iso(facts.now),
            "kind": verdict.kind.value,
            "reason": verdict.reason,
            "reference": verdict.reference,
            "archive": archive,
        }
        return Outcome(where="quarantine", quarantine=entry)

    # -- mail we write -----------------------------------------------------------------------

    def _message_id(self, dossier: Dossier, kind: str) -> str:
        number = sum(1 for m in dossier["messages"] if m["direction"] == "out") + 1
        return make_message_id(
            self.key, f"{dossier['reference']}.{kind}.{number}", self.config.shop.domain
        )

    def _acknowledgement(self, dossier: Dossier, mail: Mail) -> OutgoingMail:
        registered = [(f, v) for f, v in dossier["customer"].items() if v]
        registered += [(f, v) for f, v in dossier["fields"].items() if v and f != "problem"]
        problem = dossier["fields"].get("problem", "")
        if len(problem) > _EXCERPT:
            problem = problem[:_EXCERPT].rsplit(" ", 1)[0] + " …"
        subject, text = self.composer.render(
            "acknowledgement",
            dossier=dossier,
            registered=registered,
            missing=dossier["missing"],
            problem=problem,
            subject=reply_subject(mail.subject, dossier["reference"]),
        )
        references = tuple(mail.references) + ((mail.message_id,) if mail.message_id else ())
        return OutgoingMail(
            kind="acknowledgement",
            reference=dossier["reference"],
            to=(mail.from_addr,),
            subject=subject,
            text=text,
            message_id=self._message_id(dossier, "acknowledgement"),
            in_reply_to=mail.message_id or None,
            references=references[-20:],
            auto_submitted="auto-replied",
        )

    def _notification(
        self, dossier: Dossier, mail: Mail, event: str, supplied: list[str], withheld: str
    ) -> OutgoingMail:
        subject, text = self.composer.render(
            "notification",
            dossier=dossier,
            event=event,
            text=mail.text,
            supplied=supplied,
            acknowledgement_withheld=withheld,
        )
        earlier = [
            m["message_id"]
            for m in dossier["messages"]
            if m["direction"] == "out" and m["kind"] == "notification"
        ]
        return OutgoingMail(
            kind="notification",
            reference=dossier["reference"],
            to=(self.config.owner.handler,),
            subject=subject,
            text=text,
            message_id=self._message_id(dossier, "notification"),
            in_reply_to=earlier[-1] if earlier else None,
            references=tuple(earlier[-20:]),
            reply_to=self.config.shop.email,
        )

"""What one incoming mail changes: dossier, outgoing mail, quarantine. Pure: no I/O, time passed in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from inbox_agent.config import Config
from inbox_agent.dossier import lifecycle, promises, schedule
from inbox_agent.dossier import record as dossiers
from inbox_agent.dossier.aftercare import AFTER_ANSWER
from inbox_agent.dossier.record import Dossier, iso
from inbox_agent.durations import add_duration
from inbox_agent.letters.mailmaker import MailMaker
from inbox_agent.models import (
    Facts,
    Kind,
    Mail,
    Outcome,
    OutgoingMail,
    QuarantineRow,
    Status,
    Verdict,
)
from inbox_agent.reading.evaluation import Satisfaction, one_click_score, read_answer
from inbox_agent.reading.later import read_later_mail
from inbox_agent.reading.quotes import strip_reply
from inbox_agent.run import our_texts
from inbox_agent.run.aftercare import LaterSteps
from inbox_agent.run.replies import OwnerSteps
from inbox_agent.triage.unanswered import NOTIFICATION_WITHHELD

__all__ = ["Facts", "Outcome", "Pipeline"]  # the types live in models; importers find them here too


# One step per kind of mail, with one signature: (mail, verdict, archive, dossier, facts).
Step = Callable[[Mail, Verdict, str, Dossier | None, Facts], Outcome]
DossierStep = Callable[[Mail, Verdict, str, Dossier, Facts], Outcome]


class Pipeline:
    """Dispatches on triage's verdict; each step returns an Outcome and touches nothing else."""

    def __init__(self, config: Config, maker: MailMaker) -> None:
        self.config = config
        self.maker = maker
        self.owner_steps = OwnerSteps(self)
        self.later_steps = LaterSteps(self)
        # The step for each kind of mail; a kind missing here is quarantined with its reason.
        self.steps: dict[Kind, Step] = {
            Kind.COMPLAINT: self._new_complaint,
            Kind.OWNER: self.owner_steps.owner_reply,
            Kind.OWNER_UNVERIFIED: self._unverified_owner,
        }
        # The steps for mail of a dossier: without the dossier it is quarantined.
        self.dossier_steps: dict[Kind, DossierStep] = {
            Kind.FOLLOWUP: self._customer_mail,
            Kind.INTERNAL_ANSWER: self._colleague_answer,
            Kind.AUTOMATIC: self._note_automatic,
            Kind.BOUNCE: self._note_automatic,
        }

    def process(
        self, mail: Mail, verdict: Verdict, archive: str, dossier: Dossier | None, facts: Facts
    ) -> Outcome:
        kind = verdict.kind
        if kind in self.steps:
            return self.steps[kind](mail, verdict, archive, dossier, facts)
        if kind in self.dossier_steps and dossier is not None:
            return self.dossier_steps[kind](mail, verdict, archive, dossier, facts)
        return self.quarantine(mail, verdict, archive, facts)

    # -- customer mail ---------------------------------------------------------------------------

    def _new_complaint(
        self, mail: Mail, verdict: Verdict, archive: str, dossier: Dossier | None, facts: Facts
    ) -> Outcome:
        return self.complaint(mail, archive, facts)

    def complaint(
        self,
        mail: Mail,
        archive: str,
        facts: Facts,
        forwarded_for: str | None = None,
        text: str | None = None,
        channel: str = "mail",
    ) -> Outcome:
        now = facts.now
        reference = facts.new_reference()
        dossier = dossiers.open_dossier(
            reference,
            mail,
            archive,
            now,
            channel=channel,
            forwarded_for=forwarded_for,
            text=text,
            default_language=self.config.shop.language,
            region=self.config.shop.holiday_country,
        )
        local_now = now.astimezone(self.config.shop.tz)
        deadline = add_duration(
            local_now, self.config.timing.answer_within, self.config.shop.holiday_country
        )
        dossier["deadline"] = deadline.date().isoformat()
        outgoing = []
        withheld = ""
        recipient = dossier["customer"]["email"]
        if facts.auto_mail_count(recipient) >= self.config.limits.auto_replies_per_sender:
            withheld = (
                f"{recipient} already got {self.config.limits.auto_replies_per_sender} "
                f"automatic mails within {self.config.limits.auto_reply_window}"
            )
            dossiers.add_event(dossier, now, "agent", "acknowledgement_withheld", withheld)
        else:
            outgoing.append(self.maker.acknowledgement(dossier, mail))
            dossier["acknowledged_at"] = iso(now)
            # The acknowledgement's answer date is the agent's one promise of its own.
            promises.make(dossier, now, "agent", promises.WHAT_ANSWER, deadline.date().isoformat())
            lifecycle.transition(dossier, Status.ACKNOWLEDGED, now, "agent", "acknowledgement sent")
        for message in outgoing:
            dossiers.add_outgoing(dossier, message, now, self.config.shop.email)
        if withheld and facts.flood_told(recipient):
            # One sender's flood: the owner had one mail about it; the agenda lists the rest.
            why = f"{recipient} keeps writing; the owner was told once and the agenda lists it"
            dossiers.add_event(dossier, now, "agent", NOTIFICATION_WITHHELD, why)
            schedule.refresh(dossier, self.config)
            return Outcome(where=reference, dossier=dossier, opened=True)
        note = self.maker.notification(dossier, mail, "new", [], withheld)
        dossiers.add_outgoing(dossier, note, now, self.config.shop.email)
        schedule.refresh(dossier, self.config)
        return Outcome(where=reference, dossier=dossier, outgoing=[*outgoing, note], opened=True)

    def _customer_mail(
        self, mail: Mail, verdict: Verdict, archive: str, dossier: Dossier, facts: Facts
    ) -> Outcome:
        """Mail in a dossier's thread: the customer's answer to the evaluation, a mail after the
        resolution (listened to before anything is asked), or a follow-up."""
        code = self.maker.one_click_code(dossier["reference"])
        customer = mail.from_addr == dossier["customer"]["email"]
        if customer and dossier.get("stopped"):
            return self._filed_after_stop(mail, archive, dossier, facts)
        if customer and _answers_evaluation(dossier, mail, code):
            # Asked how it went, a customer may answer that it failed, or ask something: without
            # a score and without being unhappy, that is a mail to answer, not a verdict.
            later = read_later_mail(mail.text)
            answer = read_answer(mail.text, mail.subject, code)
            if (
                one_click_score(mail.subject, code) is None
                and later.needs_person
                and answer.score is None
                and answer.verdict is not Satisfaction.UNHAPPY
            ):
                return self.later_steps.later_mail(mail, archive, dossier, facts, later)
            return self._evaluation_answer(mail, archive, dossier, facts)
        if customer and dossier["status"] in AFTER_ANSWER:
            return self.later_steps.later_mail(mail, archive, dossier, facts)
        return self._followup(mail, archive, dossier, facts)

    def _filed_after_stop(
        self, mail: Mail, archive: str, dossier: Dossier, facts: Facts
    ) -> Outcome:
        """The owner ended the correspondence (#stop): the mail is kept in the dossier and
        counted, nobody is mailed, nothing reopens."""
        dossiers.add_incoming(dossier, mail, "followup", archive, facts.now)
        stopped = dossier["stopped"]
        stopped["later"] = int(stopped.get("later", 0)) + 1
        why = f"filed unanswered: the correspondence was ended ({stopped['later']} since)"
        dossiers.add_event(dossier, facts.now, mail.from_addr, "filed_after_stop", why)
        return Outcome(where=dossier["reference"], dossier=dossier)

    def _followup(self, mail: Mail, archive: str, dossier: Dossier, facts: Facts) -> Outcome:
        supplied = dossiers.add_followup(
            dossier, mail, archive, facts.now, self.config.shop.holiday_country
        )
        ours = our_texts.for_customer(dossier, mail, facts.read_archive)
        text = strip_reply(mail.text, ours) or mail.text  # our letters quoted back are cut
        notification = self.maker.notification(dossier, mail, "followup", supplied, text=text)
        dossiers.add_outgoing(dossier, notification, facts.now, self.config.shop.email)
        schedule.refresh(dossier, self.config)
        return Outcome(where=dossier["reference"], dossier=dossier, outgoing=[notification])

    def _evaluation_answer(
        self, mail: Mail, archive: str, dossier: Dossier, facts: Facts
    ) -> Outcome:
        """A clear answer closes or reopens; an unclear one waits for the handler to settle it."""
        now = facts.now
        code = self.maker.one_click_code(dossier["reference"])
        answer = read_answer(mail.text, mail.subject, code)
        dossiers.add_incoming(dossier, mail, "evaluation_answer", archive, now)
        evaluation = dossier.get("evaluation") or {}
        evaluation.update(
            {
                "answered_at": iso(now),
                "score": answer.score,
                "satisfied": answer.satisfied,
                "verdict": answer.verdict.value,
                # The code only: the customer's words stay in `comment`, which erasure removes.
                "reason": answer.why,
                "comment": answer.comment,
            }
        )
        dossier["evaluation"] = evaluation
        outgoing: list[OutgoingMail] = []
        was_closed = dossier["status"] == Status.CLOSED.value
        if answer.satisfied is None and was_closed:
            # A late, lukewarm click ("score 3") on a closed dossier: noted, nothing to settle.
            why = f"a late evaluation answer ({answer.why}) was recorded; the dossier stays closed"
            dossiers.add_event(dossier, now, "agent", "evaluation_unclear", why)
        elif answer.satisfied is None:
            # Not clear what the customer means: a person reads it; the dossier waits as it is.
            why = (
                f"the answer could not be read with confidence ({answer.why}); the handler decides"
            )
            dossiers.add_event(dossier, now, "agent", "evaluation_unclear", why)
            self.add(dossier, self.maker.evaluation_unclear(dossier, answer), now, outgoing)
        else:
            customer = dossier["customer"]["email"]
            lifecycle.settle_evaluation(
                dossier, answer.satisfied, answer.score, customer, now, "their answer"
            )
            if not (was_closed and answer.satisfied):  # they have had their closure letter
                self.evaluation_mails(dossier, answer.satisfied, mail, now, outgoing)
        schedule.refresh(dossier, self.config)
        return Outcome(where=dossier["reference"], dossier=dossier, outgoing=outgoing)

    def evaluation_mails(
        self,
        dossier: Dossier,
        satisfied: bool,
        mail: Mail,
        now: datetime,
        outgoing: list[OutgoingMail],
    ) -> None:
        """What a settled evaluation sends, whether the customer's words or the owner settled it."""
        if satisfied:
            self.add(dossier, self.maker.closure(dossier, "satisfied"), now, outgoing)
            return
        # The reopened dossier's fresh date is told in this letter, the acknowledgement of the
        # reopening, so no later letter is the first to name it (and then apologise for it).
        promises.date_reopened(dossier, self.config)
        self.add(dossier, self.maker.disputes(dossier), now, outgoing)
        # The customer's own answer, also when the owner settled it with #unhappy.
        answer = (dossier.get("evaluation") or {}).get("comment") or mail.subject
        note = self.maker.notification(dossier, mail, "unhappy", [], text=answer)
        self.add(dossier, note, now, outgoing)

    def add(
        self, dossier: Dossier, mail: OutgoingMail, now: datetime, outgoing: list[OutgoingMail]
    ) -> None:
        dossiers.record_outgoing(dossier, mail, now, self.config.shop.email, outgoing)

    # -- the shop's people's mail -----------------------------------------------------------------

    def _unverified_owner(
        self, mail: Mail, verdict: Verdict, archive: str, dossier: Dossier | None, facts: Facts
    ) -> Outcome:
        return self.owner_steps.unverified(mail, verdict, archive, facts)

    def _colleague_answer(
        self, mail: Mail, verdict: Verdict, archive: str, dossier: Dossier, facts: Facts
    ) -> Outcome:
        return self.owner_steps.internal_answer(mail, archive, dossier, facts)

    @staticmethod
    def attach(dossier: Dossier, archive: str, saved: list[dict[str, Any]]) -> None:
        """Record the attachments saved beside the raw mail on the message that keeps it."""
        for message in reversed(dossier["messages"]):
            if message.get("archive") == archive:
                message["attachments"] = saved
                break

    def _note_automatic(
        self, mail: Mail, verdict: Verdict, archive: str, dossier: Dossier, facts: Facts
    ) -> Outcome:
        dossiers.add_event(
            dossier,
            facts.now,
            mail.from_addr,
            verdict.kind.value,
            f"{verdict.reason}; not answered (message {mail.message_id or mail.key}, kept at {archive})",
        )
        return Outcome(where=dossier["reference"], dossier=dossier)

    def quarantine(
        self,
        mail: Mail,
        verdict: Verdict,
        archive: str,
        facts: Facts,
        outgoing: list[OutgoingMail] | None = None,
    ) -> Outcome:
        entry: QuarantineRow = {
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
        return Outcome(where="quarantine", quarantine=entry, outgoing=outgoing or [])


def _answers_evaluation(dossier: Dossier, mail: Mail, code: str) -> bool:
    """The customer's answer to the evaluation: while it is asked, or a one-click answer after
    the dossier closed unanswered (a late "5" records the score; it does not reopen)."""
    if dossier["status"] == Status.EVALUATING.value:
        return True
    asked = bool((dossier.get("evaluation") or {}).get("sent_at"))
    late = dossier["status"] == Status.CLOSED.value and asked
    return late and one_click_score(mail.subject, code) is not None

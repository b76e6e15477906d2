"""The owner's replies and colleagues' answers: commands applied, new text relayed; pure."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from inbox_agent.commands import perform
from inbox_agent.commands.command import CommandError, NotAllowed
from inbox_agent.commands.parse import Instructions, parse_instructions, plain_answer
from inbox_agent.config import Config
from inbox_agent.dossier import lifecycle, promises, schedule
from inbox_agent.dossier import record as dossiers
from inbox_agent.dossier.history import iso
from inbox_agent.letters.mailmaker import MailMaker
from inbox_agent.models import (
    Dossier,
    Facts,
    Kind,
    Mail,
    MailKind,
    Outcome,
    OutgoingMail,
    Status,
    Verdict,
)
from inbox_agent.reading.quotes import strip_reply
from inbox_agent.run import our_texts


class Pipeline(Protocol):
    """The pipeline steps owner replies build on (the pipeline passes itself in)."""

    config: Config
    maker: MailMaker

    def complaint(
        self,
        mail: Mail,
        archive: str,
        facts: Facts,
        forwarded_for: str | None = None,
        text: str | None = None,
        channel: str = "mail",
    ) -> Outcome: ...

    def quarantine(
        self,
        mail: Mail,
        verdict: Verdict,
        archive: str,
        facts: Facts,
        outgoing: list[OutgoingMail] | None = None,
    ) -> Outcome: ...

    def add(
        self, dossier: Dossier, mail: OutgoingMail, now: datetime, outgoing: list[OutgoingMail]
    ) -> None: ...

    def evaluation_mails(
        self,
        dossier: Dossier,
        satisfied: bool,
        mail: Mail,
        now: datetime,
        outgoing: list[OutgoingMail],
    ) -> None: ...


_FIRST_ANSWER_STATUSES = {Status.NEW.value, Status.ACKNOWLEDGED.value, Status.REOPENED.value}
_NOTHING_LEFT = "no text of the owner's own was left once quotes and signatures were cut"


class OwnerSteps:
    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.maker = pipeline.maker
        self.config = pipeline.config

    def owner_reply(
        self, mail: Mail, verdict: Verdict, archive: str, dossier: Dossier | None, facts: Facts
    ) -> Outcome:
        now = facts.now
        if dossier is not None and dossier.get("erased_at"):
            return self._erased(mail, dossier, facts)
        text = strip_reply(mail.text, our_texts.for_owner(dossier, mail, facts.read_archive))
        if not text:
            note = self.maker.nothing_relayed(dossier, mail)
            return self._refuse(mail, verdict, archive, dossier, facts, _NOTHING_LEFT, note)
        if dossier is not None and _answers_reminder(dossier, mail):
            # A plain yes to "done?" is #done; a plain no asks the handler for a date.
            yes = plain_answer(text)
            if yes is True:
                text = "#done"
            elif yes is False:
                return self._not_done(mail, archive, dossier, facts)
        try:
            instructions = parse_instructions(text)
            new = instructions.named("new")
            if new is not None:
                return self._new_from_forward(mail, archive, instructions, facts)
            if dossier is None:
                raise CommandError(
                    "this reply belongs to no dossier; answer a notification of "
                    "the dossier, or use #new customer@address on a forwarded mail",
                    nl="dit antwoord hoort bij geen dossier; beantwoord een melding van het "
                    "dossier, of gebruik #nieuw klant@adres op een doorgestuurde mail",
                    de="diese Antwort gehört zu keinem Vorgang; antworten Sie auf eine Meldung "
                    "des Vorgangs, oder schreiben Sie #neu kunde@adresse über eine "
                    "weitergeleitete Mail",
                    fr="cette réponse n'appartient à aucun dossier\u00a0; répondez à une notification "
                    "du dossier, ou utilisez #nouveau client@adresse sur un e-mail transféré",
                )
            relay = (
                bool(instructions.body)
                and not instructions.internal
                and not instructions.takes_body
            )
            today = now.astimezone(self.config.shop.tz).date()
            perform.simulate(dossier, instructions.commands, relay, today)
        except CommandError as exc:
            error = exc.in_language(self.config.shop.language)
            return self._refuse(mail, verdict, archive, dossier, facts, error)

        owner = mail.from_addr
        dossiers.add_incoming(dossier, mail, "owner_reply", archive, now)
        was = dossier["status"]
        try:
            effects = perform.apply(dossier, instructions.commands, instructions.body, owner, now)
        except NotAllowed as exc:
            error = exc.in_language(self.config.shop.language)
            return self._refuse(mail, verdict, archive, None, facts, error)
        outgoing: list[OutgoingMail] = []
        if relay:
            promises.answered(dossier, now, owner)  # the dates promised before it are kept
        contact_by = None
        standard = effects.resolution and not effects.resolution["text"] and not relay
        if standard and effects.resolution and not effects.agreements:
            # The standard letter says the shop will be in touch: it names a date, and the
            # handler is reminded of it as of an agreement.
            kind = effects.resolution["type"]
            contact_by = promises.contact_agreement(dossier, now, owner, kind, self.config)
        if effects.rejection is not None:
            self.pipeline.add(
                dossier, self.maker.rejection(dossier, effects.rejection), now, outgoing
            )
        elif (
            relay
            or effects.resolution
            or effects.agreements
            or effects.new_deadline
            or effects.done
            or effects.waiting
        ):
            if relay and was in _FIRST_ANSWER_STATUSES and dossier["status"] == was:
                lifecycle.transition(dossier, Status.IN_PROGRESS, now, owner, "the owner answered")
            reply = self.maker.reply(
                dossier,
                instructions.body if relay else "",
                attachments=mail.attachments,
                resolution=effects.resolution,
                agreements=effects.agreements,
                new_deadline=effects.new_deadline,
                done=effects.done,
                contact_by=contact_by,
                waiting=effects.waiting,
            )
            self.pipeline.add(dossier, reply, now, outgoing)
        if relay or effects.rejection is not None:
            dossier.setdefault("first_answer_at", iso(now))
        if effects.closed:
            self.pipeline.add(dossier, self.maker.closure(dossier, "owner"), now, outgoing)
        if effects.stopped:
            self.pipeline.add(dossier, self.maker.stop(dossier), now, outgoing)
        if effects.evaluation is not None:
            self.pipeline.evaluation_mails(dossier, effects.evaluation, mail, now, outgoing)
        for question in effects.questions:
            mail_out = self.maker.question(dossier, question.arg, question.text, owner)
            self.pipeline.add(dossier, mail_out, now, outgoing)
            dossier.setdefault("questions", {})[mail_out.message_id] = question.arg
        schedule.refresh(dossier, self.config)
        return Outcome(where=dossier["reference"], dossier=dossier, outgoing=outgoing)

    def _erased(self, mail: Mail, dossier: Dossier, facts: Facts) -> Outcome:
        """A command on an erased dossier (an old notification answered after `forget`): not
        carried out, and the owner told why. The owner's mail is not added to the dossier, as
        it quotes the customer's erased words; only the refusal is recorded."""
        erased_at = datetime.fromisoformat(str(dossier["erased_at"]))
        dossiers.add_event(
            dossier, facts.now, mail.from_addr, "command_refused", "the dossier is erased"
        )
        outgoing: list[OutgoingMail] = []
        self.pipeline.add(
            dossier, self.maker.erased_dossier(dossier, mail, erased_at), facts.now, outgoing
        )
        return Outcome(where=dossier["reference"], dossier=dossier, outgoing=outgoing)

    def _not_done(self, mail: Mail, archive: str, dossier: Dossier, facts: Facts) -> Outcome:
        """A plain "no" to the reminder: the agreement counts broken, the handler is asked for
        a date (nothing goes to the customer)."""
        now = facts.now
        dossiers.add_incoming(dossier, mail, "owner_reply", archive, now)
        dossier["owner_acted_at"] = iso(now)
        outgoing: list[OutgoingMail] = []
        pending = promises.pending_agreements(dossier)
        if pending:
            promise = pending[0]
            if promise["outcome"] == "open":
                why = f"agreement of {promise['due']} not done, the owner says"
                promises.break_promise(dossier, promise, now, why)
            mail_out = self.maker.promise_broken(dossier, promise, "not_done")
            self.pipeline.add(dossier, mail_out, now, outgoing)
        schedule.refresh(dossier, self.config)
        return Outcome(where=dossier["reference"], dossier=dossier, outgoing=outgoing)

    def _new_from_forward(
        self, mail: Mail, archive: str, instructions: Instructions, facts: Facts
    ) -> Outcome:
        new = instructions.named("new")
        assert new is not None
        others = [c.name for c in instructions.commands if c.name != "new"]
        if others:
            raise CommandError(
                f"#new opens a dossier; send #{others[0]} in a reply to its notification afterwards",
                nl=f"#nieuw opent een dossier; stuur #{others[0]} daarna in een antwoord op de "
                "melding ervan",
                de=f"#neu eröffnet einen Vorgang; schicken Sie #{others[0]} danach in einer "
                "Antwort auf seine Meldung",
                fr=f"#nouveau ouvre un dossier\u00a0; envoyez #{others[0]} ensuite dans une réponse "
                "à sa notification",
            )
        outcome = self.pipeline.complaint(
            mail,
            archive,
            facts,
            forwarded_for=new.arg,
            text=instructions.body or mail.subject,
            channel=new.text or "mail",
        )
        assert outcome.dossier is not None
        dossiers.add_event(
            outcome.dossier,
            facts.now,
            mail.from_addr,
            "forwarded",
            f"complaint of {new.arg} forwarded by the owner",
        )
        return outcome

    def _refuse(
        self,
        mail: Mail,
        verdict: Verdict,
        archive: str,
        dossier: Dossier | None,
        facts: Facts,
        error: str,
        help_mail: OutgoingMail | None = None,
    ) -> Outcome:
        """Nothing is done or relayed; the owner hears what was wrong and what is valid."""
        help_mail = help_mail or self.maker.command_help(dossier, mail, error)
        if dossier is None:
            refused = Verdict(Kind.OWNER, f"owner mail refused: {error}", verdict.reference)
            return self.pipeline.quarantine(mail, refused, archive, facts, [help_mail])
        dossiers.add_incoming(dossier, mail, "owner_reply", archive, facts.now)
        dossiers.add_event(dossier, facts.now, mail.from_addr, "command_refused", error)
        outgoing: list[OutgoingMail] = []
        self.pipeline.add(dossier, help_mail, facts.now, outgoing)
        return Outcome(where=dossier["reference"], dossier=dossier, outgoing=outgoing)

    def unverified(self, mail: Mail, verdict: Verdict, archive: str, facts: Facts) -> Outcome:
        """Kept in the quarantine; the real owner address learns how to reply so it counts.

        The help mail goes to the handler or deputy address itself (a forger never sees it) and
        falls under the same per-address brake as every other automatic mail.
        """
        over_limit = (
            facts.auto_mail_count(mail.from_addr) >= self.config.limits.auto_replies_per_sender
        )
        help_mails = [] if over_limit else [self.maker.owner_help(mail, verdict.reason)]
        return self.pipeline.quarantine(mail, verdict, archive, facts, help_mails)

    def internal_answer(self, mail: Mail, archive: str, dossier: Dossier, facts: Facts) -> Outcome:
        ours = our_texts.for_owner(dossier, mail, facts.read_archive)
        text = strip_reply(mail.text, ours) or mail.text
        dossiers.add_incoming(dossier, mail, "internal", archive, facts.now)
        dossiers.add_event(dossier, facts.now, mail.from_addr, "answer", text[:500])
        outgoing: list[OutgoingMail] = []
        note = self.maker.notification(dossier, mail, "internal", [])
        self.pipeline.add(dossier, note, facts.now, outgoing)
        return Outcome(where=dossier["reference"], dossier=dossier, outgoing=outgoing)


def _answers_reminder(dossier: Dossier, mail: Mail) -> bool:
    """The owner's mail answers the agreement reminder ("done?") of this dossier."""
    reminders = {
        m["message_id"]
        for m in dossier["messages"]
        if m["direction"] == "out" and m["kind"] == MailKind.REMINDER
    }
    return bool(mail.thread_ids) and mail.thread_ids[0] in reminders

"""Is this mail a person writing to the shop, or something we must never answer? Pure, with reasons."""

from __future__ import annotations

from dataclasses import replace

from inbox_agent.dossier.matching import match_dossier
from inbox_agent.mail.tokens import verify_message_id
from inbox_agent.models import INTERNAL_KINDS, Dossier, Kind, Mail, Verdict
from inbox_agent.models import TriageContext as TriageContext
from inbox_agent.triage.machines import machine_sign
from inbox_agent.triage.owner import prove_owner, question_answer, split_purpose


def triage(mail: Mail, ctx: TriageContext) -> Verdict:
    """Decide what kind of mail this is. Rules run in order; the first that speaks wins."""
    for rule in (_unparseable, _own, _machine, _spam, _owner, _internal):
        verdict = rule(mail, ctx)
        if verdict is not None:
            return verdict
    reference = _answers_our_mail(mail, ctx) or match_dossier(
        mail, ctx.thread_index, ctx.customers, ctx.reference_prefix
    )
    if reference:
        return Verdict(Kind.FOLLOWUP, f"continues dossier {reference}", reference)
    stopped = ctx.stopped.get(mail.from_addr.lower())
    if stopped:
        why = f"from a customer whose correspondence was ended in dossier {stopped}"
        return Verdict(Kind.FOLLOWUP, why, stopped)
    return Verdict(Kind.COMPLAINT, "a person writing to the complaint address")


def _answers_our_mail(mail: Mail, ctx: TriageContext) -> str | None:
    """A reply to a customer-facing mail of ours names its dossier in the signed Message-ID.

    Verifying the token is enough, so the index of closed dossiers need not list our own IDs.
    """
    if not ctx.key:
        return None
    domain = ctx.shop_email.split("@")[1]
    for mid in mail.thread_ids:
        reference, kind = split_purpose(verify_message_id(ctx.key, mid, domain) or "")
        if reference in ctx.customers and kind not in INTERNAL_KINDS:
            return reference
    return None


def _related(mail: Mail, ctx: TriageContext, quoted: bool = False) -> str | None:
    """The dossier this mail belongs to; `quoted` also trusts Message-IDs quoted in a report."""
    for mid in (*mail.thread_ids, *(mail.dsn_refs if quoted else ())):
        if mid in ctx.thread_index:
            return ctx.thread_index[mid]
    return None


def _unparseable(mail: Mail, ctx: TriageContext) -> Verdict | None:
    if "@" not in mail.from_addr:
        return Verdict(Kind.UNPARSEABLE, "no sender address could be read from the From header")
    return None


def _own(mail: Mail, ctx: TriageContext) -> Verdict | None:
    ours = mail.message_id and (
        mail.message_id in ctx.sent_ids
        or (ctx.key and verify_message_id(ctx.key, mail.message_id, ctx.shop_email.split("@")[1]))
    )
    if ours:
        return Verdict(Kind.OWN, "a copy of mail this agent sent", _related(mail, ctx))
    if mail.from_addr == ctx.shop_email.lower():
        return Verdict(Kind.OWN, "sent from the shop's own complaint address (mail loop guard)")
    return None


def _machine(mail: Mail, ctx: TriageContext) -> Verdict | None:
    """Bounces, read receipts, auto-replies, loops, challenges: noted, never answered."""
    sign = machine_sign(mail, ctx.shop_email, ctx.hop_limit)
    if sign is None:
        return None
    reason = sign.reason
    bounced = [mid for mid in mail.dsn_refs if mid in ctx.sent_ids]
    if sign.kind is Kind.BOUNCE:
        reason = (
            f"{reason}: delivery failure of our mail {bounced[0]}"
            if bounced
            else f"{reason}; it matches no mail we sent"
        )
    return Verdict(sign.kind, reason, _related(mail, ctx, quoted=True))


def _spam(mail: Mail, ctx: TriageContext) -> Verdict | None:
    if mail.headers.get("x-spam-flag", "").strip().upper() == "YES" or mail.headers.get(
        "x-spam-status", ""
    ).strip().lower().startswith("yes"):
        return Verdict(Kind.SPAM, "marked as spam by the mail server (X-Spam-Flag/X-Spam-Status)")
    return None


def _owner(mail: Mail, ctx: TriageContext) -> Verdict | None:
    if mail.from_addr not in ctx.owner_addresses:
        return None
    proof = prove_owner(mail, ctx.key, ctx.shop_email, ctx.owner_addresses, ctx.authserv_id)
    if proof.ok:
        return Verdict(Kind.OWNER, f"the owner's reply: {proof.reason}", proof.reference)
    return Verdict(
        Kind.OWNER_UNVERIFIED,
        f"from the owner's address but {proof.reason}; no command was run",
        _related(mail, ctx),
    )


def _internal(mail: Mail, ctx: TriageContext) -> Verdict | None:
    """Answers to our internal mail: a colleague's answer to #ask, or someone else's forward."""
    reference, reason = question_answer(mail, ctx.key, ctx.shop_email, ctx.questions)
    if reference:
        return Verdict(Kind.INTERNAL_ANSWER, reason, reference)
    if reason:
        return Verdict(Kind.MISDIRECTED, reason)
    return None


# -- mail we know already: the duplicate rule, before triage (seen) and after it (held) ----------


def repeats_seen_mail(mail: Mail, first_sha256: str | None, copy_seen: bool) -> bool:
    """Whether mail under a Message-ID seen before is that same mail again (nothing to do):
    the first one's bytes were not recorded or are these, or these bytes were seen as well."""
    return first_sha256 in (None, mail.sha256) or copy_seen


def reuses_message_id(mail: Mail, first_sender: str | None) -> bool:
    """Whether this mail is another person's under a Message-ID someone else used first: a web
    form or a shop system that gives every mail the same one. It is that person's own mail."""
    return first_sender is not None and first_sender.lower() != mail.from_addr.lower()


def under_own_key(mail: Mail) -> Mail:
    """The mail known by its hash, so that it neither replaces nor joins the earlier one."""
    return replace(mail, key=f"sha256:{mail.sha256}")


def without_message_id(mail: Mail) -> Mail:
    """Another person's mail under a reused Message-ID, known by its hash and recorded without
    that ID: it neither joins nor re-threads the first sender's dossier, which keeps the ID."""
    return replace(mail, key=f"sha256:{mail.sha256}", message_id="")


def kept_apart(mail: Mail, shop_email: str = "") -> tuple[Mail, Verdict]:
    """Same Message-ID and sender, different mail: a forgery or a broken client. Kept, not
    merged: under its own hash, with the verdict that quarantines it (a program's mail as that)."""
    sign = machine_sign(mail, shop_email) if shop_email else None
    verdict = Verdict(
        sign.kind if sign else Kind.UNPARSEABLE,
        "carries the Message-ID of an earlier, different "
        "mail; kept apart so it cannot replace or join that mail"
        + (f" ({sign.reason})" if sign else ""),
    )
    return under_own_key(mail), verdict


def held(dossier: Dossier, mail: Mail) -> bool:
    """Whether the dossier already has this very mail (mail of a closed dossier, no longer in
    `seen`): the same archived bytes, or (erased, so without its archive) the same Message-ID."""
    for m in dossier["messages"]:
        if m["direction"] != "in":
            continue
        if m.get("archive"):
            if str(m.get("archive")).endswith(f"{mail.sha256}.eml"):
                return True
        elif mail.message_id and m.get("message_id") == mail.message_id:
            return True
    return False

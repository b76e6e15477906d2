"""Replies written the way real mail clients write them: new text on top, history quoted below."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.utils import format_datetime, make_msgid
from html import escape


def _quoted_block(client: str, original: Message, body: str) -> str:
    sender = original["From"]
    subject = original["Subject"]
    old = "\n".join(f"> {line}" for line in body.splitlines())
    plain_old = body
    if client == "gmail":
        return f"On Tue, 24 Nov 2026 at 10:00, {sender} wrote:\n{old}\n"
    if client == "outlook_nl":
        return (
            "\n-----Oorspronkelijk bericht-----\n"
            f"Van: {sender}\nVerzonden: dinsdag 24 november 2026 10:00\n"
            f"Aan: {original['To']}\nOnderwerp: {subject}\n\n{plain_old}\n"
        )
    if client == "outlook_en":
        return (
            "\n-----Original Message-----\n"
            f"From: {sender}\nSent: Tuesday, November 24, 2026 10:00 AM\n"
            f"To: {original['To']}\nSubject: {subject}\n\n{plain_old}\n"
        )
    if client == "outlook_web":
        return (
            "\n________________________________\n"
            f"Van: {sender}\nVerzonden: dinsdag 24 november 2026 10:00\n"
            f"Aan: {original['To']}\nOnderwerp: {subject}\n\n{plain_old}\n"
        )
    if client == "apple_nl":
        return (
            f"\nVerstuurd vanaf mijn iPhone\n\n> Op 24 nov. 2026 om 10:00 heeft {sender} het "
            f"volgende geschreven:\n>\n{old}\n"
        )
    if client == "apple_en":
        return f"\nSent from my iPhone\n\n> On 24 Nov 2026, at 10:00, {sender} wrote:\n>\n{old}\n"
    if client == "thunderbird_nl":
        return f"\nOp 24-11-2026 om 10:00 schreef {sender}:\n{old}\n"
    if client == "thunderbird_en":
        return f"\nOn 24/11/2026 10:00, {sender} wrote:\n{old}\n"
    if client in _MORE:
        return _MORE[client](sender, subject, original["To"], body)
    raise ValueError(client)


def _q(body: str, prefix: str = "> ") -> str:
    return "\n".join(
        (prefix + line).rstrip() if line else prefix.rstrip() for line in body.splitlines()
    )


def _address(sender: str) -> str:
    return sender.rsplit("<", 1)[-1].strip(">") if "<" in sender else sender


def _name(sender: str) -> str:
    return sender.split("<")[0].strip().strip('"') if "<" in sender else sender


# German and French clients, and the quoting habits of issue 23: (sender, subject, to, body).
_MORE = {
    "gmail_de_wrapped": lambda s, subj, to, b: (
        f"\nAm Di., 24. Nov. 2026 um 10:00 Uhr schrieb {_name(s)} <\n{_address(s)}>:\n\n{_q(b)}\n"
    ),
    "gmail_fr_wrapped": lambda s, subj, to, b: (
        f"\nLe mar. 24 nov. 2026 à 10:00, {_name(s)} <\n{_address(s)}> a écrit :\n\n{_q(b)}\n"
    ),
    "outlook_de_run_together": lambda s, subj, to, b: (
        f"\n-----Ursprüngliche Nachricht-----Von: {s} Gesendet: Dienstag, 24. November 2026 10:00 "
        f"An: {to} Betreff: {subj}\n\n{b}\n"
    ),
    "outlook_fr": lambda s, subj, to, b: (
        f"\n________________________________\nDe : {s}\nEnvoyé : mardi 24 novembre 2026 10:00\n"
        f"À : {to}\nObjet : {subj}\n\n{b}\n"
    ),
    "apple_de": lambda s, subj, to, b: (
        f"\nVon meinem iPhone gesendet\n\n> Am 24.11.2026 um 10:00 schrieb {s}:\n>\n{_q(b)}\n"
    ),
    "apple_fr": lambda s, subj, to, b: (
        f"\nEnvoyé de mon iPhone\n\n> Le 24 nov. 2026 à 10:00, {s} a écrit :\n>\n{_q(b)}\n"
    ),
    "samsung_de": lambda s, subj, to, b: (
        "\n\n\nGesendet von meinem Samsung Galaxy Smartphone.\n\n"
        f"-------- Ursprüngliche Nachricht --------\nVon: {s}\nDatum: 24.11.26 10:00 (GMT+01:00)\n"
        f"An: {to}\nBetreff: {subj}\n\n{b}\n"
    ),
    "samsung_fr": lambda s, subj, to, b: (
        "\n\nEnvoyé depuis mon appareil Galaxy\n\n-------- Message d'origine --------\n"
        f"De : {s}\nDate : 24/11/2026 10:00 (GMT+01:00)\nÀ : {to}\nObjet : {subj}\n\n{b}\n"
    ),
    "gmx_de": lambda s, subj, to, b: (
        f"\nGesendet: Dienstag, 24. November 2026 um 10:00 Uhr\nVon: {s}\nAn: {to}\n"
        f"Betreff: {subj}\n\n{_q(b)}\n"
    ),
    "webde_unquoted": lambda s, subj, to, b: (
        f"\n \n \n\nGesendet: Dienstag, 24. November 2026 um 10:00 Uhr\nVon: {s}\nAn: {to}\n"
        f"Betreff: {subj}\n{b}\n"
    ),
    "orange_fr": lambda s, subj, to, b: (
        f"\n> Message du 24/11/26 10:00\n> De : {s}\n> A : {to}\n> Copie à :\n> Objet : {subj}\n>\n"
        f"{_q(b)}\n"
    ),
    "free_zimbra_fr": lambda s, subj, to, b: (
        f"\n----- Mail original -----\nDe: {s}\nÀ: {to}\nEnvoyé: Mardi 24 Novembre 2026 10:00:00\n"
        f"Objet: {subj}\n\n{_q(b)}\n"
    ),
    "k9_de": lambda s, subj, to, b: (
        "-- \nDiese Nachricht wurde von meinem Android-Gerät mit K-9 Mail gesendet.\n\n"
        f"Am 24. November 2026 10:00:00 MEZ schrieb {s}:\n{_q(b, '>')}\n"
    ),
    "bare_attribution_de": lambda s, subj, to, b: (
        f"\nAm 24.11.2026 um 10:00 schrieb {_name(s)}\n\n{_q(b)}\n"
    ),
    "pipe_quoted_fr": lambda s, subj, to, b: (
        f"\nLe 24/11/2026 à 10:00, {s} a écrit :\n{_q(b, '| ')}\n"
    ),
    "yahoo_fr_indented": lambda s, subj, to, b: (
        f"\n\n    Le mardi 24 novembre 2026 à 10:00:00 UTC+1, {s} a écrit :\n\n{_q(b, '  ')}\n"
    ),
    "lotus_notes_de": lambda s, subj, to, b: (
        f"\n\n\nVon:\t{s}\nAn:\t{to}\nDatum:\t24.11.2026 10:00\nBetreff:\t{subj}\n\n\n\n{b}\n"
    ),
    "no_header_unquoted": lambda s, subj, to, b: f"\n{b}\n",
}


CLIENTS = [
    "gmail",
    "outlook_nl",
    "outlook_en",
    "outlook_web",
    "apple_nl",
    "apple_en",
    "thunderbird_nl",
    "thunderbird_en",
    "html_outlook",
    *(client for client in _MORE if client != "no_header_unquoted"),
    "html_outlook_de_bold",
    "html_gmail_fr_blockquote",
    "html_apple_de_cite",
]
# A pasted copy with no header at all: only knowing our own text tells it from the reply.
OURS_ONLY = ["no_header_unquoted"]
# Where the new text goes below the quote (bottom posting); the client's signature stays on top.
BOTTOM = ["gmail_bottom", "apple_de_bottom", "outlook_fr_bottom"]


def reply(
    client: str,
    original: Message,
    sender: str,
    new_text: str,
    to: str | None = None,
    attachment: tuple[str, bytes] | None = None,
) -> bytes:
    """A reply to `original` from `sender`, with `new_text` on top, as `client` writes it."""
    body = original.get_body(("plain",)).get_content() if hasattr(original, "get_body") else ""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to or original.get("Reply-To") or original["From"]
    subject = original["Subject"]
    message["Subject"] = ("RE: " if client.startswith("outlook") else "Re: ") + subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=sender.split("@")[1].strip(">"))
    if not client.startswith("outlook") and client != "html_outlook":
        # Outlook desktop often sends only Thread-Index; the token must then come from elsewhere.
        message["In-Reply-To"] = original["Message-ID"]
        message["References"] = " ".join(
            filter(None, [original.get("References"), original["Message-ID"]])
        )
    else:
        message["In-Reply-To"] = original["Message-ID"]
        message["Thread-Topic"] = subject
    if client.startswith("html_"):
        message.set_content(_html_reply(client, original, new_text, body), subtype="html")
    elif client in BOTTOM:
        message.set_content(_bottom_reply(client, original, new_text, body))
    else:
        message.set_content(new_text + "\n" + _quoted_block(client, original, body))
    if attachment:
        message.add_attachment(
            attachment[1], maintype="application", subtype="pdf", filename=attachment[0]
        )
    return message.as_bytes()


def _html_reply(client: str, original: Message, new_text: str, body: str) -> str:
    """An HTML-only reply, as Outlook, Gmail and Apple Mail write them (read as text by us)."""
    new = "".join(f"<p>{escape(line)}</p>" for line in new_text.splitlines())
    old = escape(body).replace("\n", "<br>\n")
    sender, subject = escape(str(original["From"])), escape(str(original["Subject"]))
    if client == "html_outlook":
        return (
            f"<html><body>{new}<div><hr><p><b>Van:</b> {original['From']}<br>"
            f"<b>Verzonden:</b> dinsdag 24 november 2026 10:00<br><b>Onderwerp:</b> "
            f"{original['Subject']}</p><p>{body}</p></div></body></html>"
        )
    if client == "html_outlook_de_bold":
        return (
            f'<html><body><div class="WordSection1">{new}<div style="border-top:solid #E1E1E1 1pt">'
            f"<p><b>Von:</b> {sender}<br><b>Gesendet:</b> Dienstag, 24. November 2026 10:00<br>"
            f"<b>An:</b> {escape(str(original['To']))}<br><b>Betreff:</b> {subject}</p></div>"
            f"<p>{old}</p></div></body></html>"
        )
    if client == "html_gmail_fr_blockquote":
        return (
            f'<div dir="ltr">{new}</div><br><div class="gmail_quote"><div dir="ltr" '
            f'class="gmail_attr">Le mar. 24 nov. 2026 à 10:00, {sender} a écrit&nbsp;:<br></div>'
            f'<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">{old}</blockquote>'
            "</div>"
        )
    if client == "html_apple_de_cite":
        return (
            f"<html><body>{new}<div><br></div><div>Von meinem iPhone gesendet</div><div><br>"
            f'<blockquote type="cite">Am 24.11.2026 um 10:00 schrieb {sender}:<br><br></blockquote>'
            f'</div><blockquote type="cite"><div>{old}</div></blockquote></body></html>'
        )
    raise ValueError(client)


def _bottom_reply(client: str, original: Message, new_text: str, body: str) -> str:
    """The new text written below the quoted mail."""
    sender, subject = original["From"], original["Subject"]
    if client == "gmail_bottom":
        return f"On Tue, 24 Nov 2026 at 10:00, {sender} wrote:\n{_q(body)}\n\n{new_text}\n"
    if client == "apple_de_bottom":
        return (
            f"Von meinem iPhone gesendet\n\n> Am 24.11.2026 um 10:00 schrieb {sender}:\n>\n"
            f"{_q(body)}\n\n{new_text}\n"
        )
    if client == "outlook_fr_bottom":
        return (
            f"________________________________\nDe : {sender}\nEnvoyé : mardi 24 novembre 2026 10:00\n"
            f"À : {original['To']}\nObjet : {subject}\n\n{body}\n\n{new_text}\n"
        )
    raise ValueError(client)

"""Replies written the way real mail clients write them: new text on top, history quoted below."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.utils import format_datetime, make_msgid


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
    raise ValueError(client)


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
]


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
    if client == "html_outlook":
        html_new = "".join(f"<p>{line}</p>" for line in new_text.splitlines())
        html = (
            f"<html><body>{html_new}<div><hr><p><b>Van:</b> {original['From']}<br>"
            f"<b>Verzonden:</b> dinsdag 24 november 2026 10:00<br><b>Onderwerp:</b> {subject}</p>"
            f"<p>{body}</p></div></body></html>"
        )
        message.set_content(html, subtype="html")
    else:
        message.set_content(new_text + "\n" + _quoted_block(client, original, body))
    if attachment:
        message.add_attachment(
            attachment[1], maintype="application", subtype="pdf", filename=attachment[0]
        )
    return message.as_bytes()

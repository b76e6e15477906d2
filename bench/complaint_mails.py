"""Complaint mails as a shop's mailbox really holds them, for benchmarks that must not be fooled
by tiny mails: Dutch and English, 2-20 KB on the wire, about 45% text/plain, 30% text+HTML and
25% with a small photo (a real PNG made here) or a PDF, RFC 2047 subjects in several charsets,
some quoting an earlier mail or carrying a long disclaimer, from a few hundred senders.

Seeded and deterministic: `complaint_mails(count, to, seed)` gives the same bytes every time.
"""

from __future__ import annotations

import random
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.charset import BASE64, QP, Charset
from email.message import EmailMessage
from email.utils import format_datetime

MIN_BYTES, MAX_BYTES = 2_000, 20_000
# Shares of the three shapes; the rest (25%) carry an attachment.
PLAIN, ALTERNATIVE = 0.45, 0.30
DUTCH = 0.7

# fmt: off
FIRST_NL = [
    "Jan", "Piet", "Kees", "Sanne", "Anouk", "Bram", "Fleur", "Daan", "Eva", "Lotte", "Ruud",
    "Ingrid", "Mieke", "Joost", "Gert"
]
LAST_NL = [
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker"
]
FIRST_EN = [
    "John", "Mary", "Sarah", "David", "Emma", "James", "Olivia", "Peter", "Grace", "Tom", "Lucy",
    "Mark"
]
LAST_EN = [
    "Smith", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Wright", "Hughes", "Green", "Hall"
]
# fmt: on
DOMAINS = ["example.nl", "example.com", "example.org", "example.net", "mail.example.nl"]

SUBJECTS_NL = [
    "Klacht over mijn fiets",
    "Fiets na één week al kapot",
    "Probleem met bestelling {order} – dringend",
    "Schade aan frame bij levering — wat nu?",
    "Garantie: versnelling doet het niet meer",
    "Réparatie niet goed uitgevoerd",
    "Teleurgesteld over de service",
    "Re: Uw bestelling {order}",
    "Slot gaat niet open (sleutel afgebroken)",
    "Accu van mijn e-bike laadt niet op",
]
SUBJECTS_EN = [
    "Complaint about my bike",
    "Broken spoke after two weeks",
    "Order {order} arrived damaged – please help",
    "Service appointment missed — again",
    "Warranty claim: gears slipping",
    "Re: Your order {order}",
    "E-bike battery won’t charge",
]

PROBLEMS_NL = [
    "Mijn nieuwe fiets heeft na twee weken al een gebroken spaak in het achterwiel.",
    "De versnelling schakelt niet goed en maakt een tikkend geluid bij elke omwenteling.",
    "Het slot dat ik bij u kocht gaat niet meer open, ook niet met de reservesleutel.",
    "De monteur is niet op de afgesproken tijd gekomen voor het onderhoud.",
    "Bij de levering was het frame beschadigd; er zit een diepe kras in de lak.",
    "De accu van mijn elektrische fiets laadt niet meer verder op dan 60 procent.",
    "De remmen piepen sinds de laatste beurt en remmen veel minder goed dan eerst.",
    "Ik heb drie keer gebeld maar niemand heeft mij teruggebeld.",
    "Het achterlicht valt steeds uit als ik over een drempel rijd.",
    "De bagagedrager zit los en er ontbreekt een schroef.",
    "Ik heb de fiets vorige maand gekocht en nu al twee keer een lekke band gehad.",
    "Op de factuur staat een ander bedrag dan in de winkel is afgesproken.",
]
PROBLEMS_EN = [
    "The gears slip when I ride uphill and the chain makes a grinding noise.",
    "Nobody was there for my service appointment on Monday morning.",
    "The lock I bought from you does not open any more, not even with the spare key.",
    "The frame was scratched when the bike was delivered to my house.",
    "The battery of my e-bike stops charging at about sixty percent.",
    "The brakes have been squeaking since the last service and barely stop the bike.",
    "I have called three times and nobody called me back.",
    "The invoice shows a different amount than we agreed in the shop.",
]
WISHES_NL = [
    "Ik wil graag dat de fiets kosteloos wordt gerepareerd.",
    "Graag ontvang ik mijn geld terug.",
    "Kunt u mij laten weten wanneer ik de fiets kan brengen?",
    "Ik verwacht binnen een week een oplossing.",
]
WISHES_EN = [
    "I would like the bike to be repaired free of charge.",
    "Please refund my money.",
    "Could you let me know when I can bring the bike in?",
    "I expect a solution within a week.",
]
DISCLAIMER_NL = (
    "DISCLAIMER: Dit e-mailbericht is uitsluitend bestemd voor de geadresseerde(n) en kan "
    "vertrouwelijke informatie bevatten. Indien u niet de geadresseerde bent, wordt u verzocht "
    "de afzender onmiddellijk op de hoogte te stellen en het bericht te verwijderen. Het is "
    "niet toegestaan dit bericht of de inhoud daarvan te kopiëren, te verspreiden of op enige "
    "andere wijze te gebruiken. Aan dit bericht kunnen geen rechten worden ontleend. De "
    "afzender aanvaardt geen aansprakelijkheid voor schade die voortvloeit uit het gebruik van "
    "e-mail, waaronder virussen of onvolledige of vertraagde overbrenging. "
)
DISCLAIMER_EN = (
    "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended "
    "solely for the addressee. If you have received it in error, please notify the sender "
    "immediately and delete it from your system. Any use, disclosure, copying or distribution "
    "of this message by anyone other than the intended recipient is prohibited. The sender "
    "accepts no liability for damage caused by viruses or by incomplete or delayed delivery. "
)


@dataclass(frozen=True)
class Sender:
    name: str
    address: str
    dutch: bool
    street: str
    town: str
    phone: str


def senders(count: int, rng: random.Random) -> list[Sender]:
    """`count` distinct people: name, address, language, and what they put under a mail."""
    people, seen = [], set()
    while len(people) < count:
        dutch = rng.random() < DUTCH
        first = rng.choice(FIRST_NL if dutch else FIRST_EN)
        last = rng.choice(LAST_NL if dutch else LAST_EN)
        local = f"{first}.{last}".lower().replace(" ", "")
        address = f"{local}{len(people)}@{rng.choice(DOMAINS)}"
        if address in seen:
            continue
        seen.add(address)
        people.append(
            Sender(
                name=f"{first} {last}",
                address=address,
                dutch=dutch,
                street=f"{rng.choice(['Dorpsstraat', 'Kerkweg', 'Molenlaan', 'High Street'])} "
                f"{rng.randrange(1, 200)}",
                town=f"{rng.randrange(1000, 9999)} {rng.choice(['AB', 'KL', 'XZ'])} "
                f"{rng.choice(['Utrecht', 'Zwolle', 'Delft', 'Leiden', 'Assen'])}",
                phone=f"06-{rng.randrange(10_000_000, 99_999_999)}",
            )
        )
    return people


def sender_pool_size(count: int) -> int:
    """A few hundred senders for a thousand mails; more for larger runs, so that the per-sender
    brake on automatic replies (5 a day) does not decide how much the agent sends."""
    return max(300, count // 3)


def complaint_mails(count: int, to: str, seed: int = 25) -> Iterator[bytes]:
    """`count` complaint mails to `to`, the same bytes for the same arguments."""
    rng = random.Random(seed)
    people = senders(sender_pool_size(count), rng)
    for n in range(count):
        yield complaint_mail(n, to, rng.choice(people), rng)


def complaint_mail(n: int, to: str, sender: Sender, rng: random.Random) -> bytes:
    """One complaint of 2-20 KB on the wire; its shape, size and extras drawn from `rng` (a
    draw that comes out too long is drawn again)."""
    while True:
        raw = _draw(n, to, sender, rng)
        if MIN_BYTES <= len(raw) <= MAX_BYTES:
            return raw


def _draw(n: int, to: str, sender: Sender, rng: random.Random) -> bytes:
    dutch = sender.dutch
    order = f"#{rng.randrange(10_000, 99_999)}"
    subject = rng.choice(SUBJECTS_NL if dutch else SUBJECTS_EN).format(order=order)
    shape = rng.random()
    text = _body(sender, order, rng)
    with_quote = rng.random() < 0.3
    quote = _quote(sender, rng) if with_quote else ""
    disclaimer = (
        ("\n-- \n" + (DISCLAIMER_NL if dutch else DISCLAIMER_EN) * rng.randrange(2, 5))
        if rng.random() < 0.2
        else ""
    )
    message = EmailMessage()
    message["From"] = f"{sender.name} <{sender.address}>"
    message["To"] = to
    message["Date"] = format_datetime(
        datetime(2026, 11, 30, 7, 0, tzinfo=UTC) + timedelta(seconds=37 * n)
    )
    message["Message-ID"] = f"<{n}.{rng.randrange(1 << 40):010x}@{sender.address.split('@')[1]}>"
    message["MIME-Version"] = "1.0"
    plain = text + disclaimer + quote
    message.set_content(plain)
    if shape >= PLAIN:
        message.add_alternative(_html(text, disclaimer, quote, rng), subtype="html")
    if shape >= PLAIN + ALTERNATIVE:
        budget = MAX_BYTES - len(message.as_bytes()) - 1_500
        if rng.random() < 0.6:
            photo = photo_png(rng, max(1_000, min(rng.randrange(3_000, 9_000), budget * 3 // 4)))
            name = rng.choice(
                [f"IMG_{rng.randrange(9999):04d}.png", "foto fiets.png", "schade-één.png"]
            )
            message.add_attachment(photo, maintype="image", subtype="png", filename=name)
        else:
            pdf = invoice_pdf(
                n, sender, order, rng, max(800, min(rng.randrange(2_000, 7_000), budget * 3 // 4))
            )
            message.add_attachment(
                pdf, maintype="application", subtype="pdf", filename=f"factuur-{order[1:]}.pdf"
            )
    for part in message.walk():  # the generator would draw random boundaries
        if part.is_multipart():
            part.set_boundary(f"=_bench_{rng.randrange(1 << 48):012x}")
    return _encoded_subject(subject, rng) + message.as_bytes(
        policy=message.policy.clone(linesep="\r\n")
    )


def _body(sender: Sender, order: str, rng: random.Random) -> str:
    dutch = sender.dutch
    problems, wishes = (PROBLEMS_NL, WISHES_NL) if dutch else (PROBLEMS_EN, WISHES_EN)
    greeting = rng.choice(
        ["Goedendag,", "Beste meneer/mevrouw,", "Hallo,"]
        if dutch
        else ["Hello,", "Dear Sir or Madam,"]
    )
    paragraphs = []
    target = rng.randrange(1_600, 4_500)  # the text itself; quotes and HTML come on top
    while sum(map(len, paragraphs)) < target:
        paragraphs.append(" ".join(rng.sample(problems, rng.randrange(2, 5))))
    paragraphs.append(rng.choice(wishes))
    fields = (
        (
            f"Ordernummer: {order}\nMerk: {rng.choice(['Gazelle', 'Batavus', 'Sparta', 'Cortina'])}\n"
            f"Gekocht op: {rng.randrange(1, 28)}-{rng.randrange(1, 12)}-2026\n"
            if dutch
            else f"Order number: {order}\nBrand: {rng.choice(['Trek', 'Giant', 'Gazelle'])}\n"
        )
        if rng.random() < 0.6
        else ""
    )
    closing = "Met vriendelijke groet," if dutch else "Kind regards,"
    return (
        f"{greeting}\n\n" + "\n\n".join(paragraphs) + f"\n\n{fields}\n{closing}\n{sender.name}\n"
        f"{sender.street}\n{sender.town}\n{sender.phone}\n"
    )


def _quote(sender: Sender, rng: random.Random) -> str:
    """An earlier mail, quoted below the new text as mail programs do."""
    earlier = _body(sender, f"#{rng.randrange(10_000, 99_999)}", rng)
    when = f"{rng.randrange(1, 28)} nov. 2026 om {rng.randrange(8, 20)}:{rng.randrange(60):02d}"
    head = (
        f"Op {when} schreef {sender.name} <{sender.address}>:"
        if sender.dutch
        else f"On {rng.randrange(1, 28)} Nov 2026, at {rng.randrange(8, 20)}:00, {sender.name} wrote:"
    )
    return "\n\n" + head + "\n" + "".join(f"> {line}\n" for line in earlier.splitlines())


def _html(text: str, disclaimer: str, quote: str, rng: random.Random) -> str:
    style = rng.choice(
        [
            'style="font-family:Calibri,sans-serif;font-size:11pt"',
            'dir="ltr"',
            'class="gmail_default"',
        ]
    )
    paragraphs = "".join(
        f"<p {style}>" + _escape(p).replace("\n", "<br>\n") + "</p>\n" for p in text.split("\n\n")
    )
    quoted = (
        '<blockquote style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex">'
        + _escape(quote.replace("> ", "")).replace("\n", "<br>\n")
        + "</blockquote>"
        if quote
        else ""
    )
    small = f'<p style="font-size:8pt;color:#888">{_escape(disclaimer)}</p>' if disclaimer else ""
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f"</head><body><div {style}>\n{paragraphs}</div>{small}{quoted}</body></html>\n"
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _encoded_subject(subject: str, rng: random.Random) -> bytes:
    """The Subject line as mail programs write it: RFC 2047 words in UTF-8 (B or Q) or
    ISO-8859-1 (Q) when the text is not ASCII, and now and then for ASCII text too."""
    if subject.isascii() and rng.random() < 0.7:
        return f"Subject: {subject}\r\n".encode()
    name = "iso-8859-1" if rng.random() < 0.3 and _latin1(subject) else "utf-8"
    charset = Charset(name)
    charset.header_encoding = BASE64 if name == "utf-8" and rng.random() < 0.5 else QP
    words = []
    for start in range(0, len(subject), 24):  # folded as several encoded words
        words.append(charset.header_encode(subject[start : start + 24]))
    return ("Subject: " + "\r\n ".join(words) + "\r\n").encode()


def _latin1(text: str) -> bool:
    try:
        text.encode("iso-8859-1")
        return True
    except UnicodeEncodeError:
        return False


def photo_png(rng: random.Random, size: int) -> bytes:
    """A real PNG of about `size` bytes that looks like a photo to a decoder: a smooth colour
    field with grain, so that zlib cannot squeeze it to nothing."""
    side = 16
    while True:
        data = _png(side, rng.random(), random.Random(rng.random()))
        if len(data) >= size or side >= 256:
            return data
        side += 8


def _png(side: int, hue: float, grain: random.Random) -> bytes:
    noise = grain.randbytes(side * side * 3)
    shift = int(hue * 90)
    rows = []
    for y in range(side):
        row = bytearray([0])
        for x in range(side):
            base, i = 255 * (x + y) // (2 * side), 3 * (y * side + x)
            row += bytes(
                (
                    (base + shift + noise[i] % 24) % 256,
                    (base // 2 + noise[i + 1] % 24) % 256,
                    (255 - base + noise[i + 2] % 24) % 256,
                )
            )
        rows.append(bytes(row))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
        + chunk(b"IEND", b"")
    )


def invoice_pdf(n: int, sender: Sender, order: str, rng: random.Random, size: int) -> bytes:
    """A valid one-page PDF (an invoice, uncompressed text) of about `size` bytes."""
    lines = [f"Factuur {order}", sender.name, sender.street, sender.town, ""]
    while sum(len(line) + 20 for line in lines) < size - 600:
        lines.append(
            f"{rng.randrange(1, 5)} x artikel {rng.randrange(1000, 9999)}  "
            f"EUR {rng.randrange(5, 900)},{rng.randrange(100):02d}"
        )
    text = (
        "BT /F1 10 Tf 50 800 Td 12 TL "
        + " ".join(f"({line.encode('ascii', 'replace').decode()}) '" for line in lines)
        + " ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode()),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)

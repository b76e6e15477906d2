"""The benchmark's complaint mails (bench/complaint_mails.py) are what issue 25 asks for: the
CPU budget per complaint means nothing if the mails are tiny, plain or all alike."""

from __future__ import annotations

import random
import re
import struct
import sys
import zlib
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import complaint_mails as cm  # noqa: E402

from inbox_agent.mail.parsing import parse  # noqa: E402

COUNT = 160


@pytest.fixture(scope="module")
def mails() -> list[bytes]:
    return list(cm.complaint_mails(COUNT, "klachten@ketting.nl", seed=7))


def shape(raw: bytes) -> str:
    message = message_from_bytes(raw, policy=policy.default)
    if any(True for _ in message.iter_attachments()):  # type: ignore[attr-defined]
        return "attachment"
    return message.get_content_type()


def test_the_same_seed_gives_the_same_bytes(mails: list[bytes]) -> None:
    assert list(cm.complaint_mails(20, "klachten@ketting.nl", seed=7)) == mails[:20]
    assert list(cm.complaint_mails(20, "klachten@ketting.nl", seed=8)) != mails[:20]


def test_sizes_shapes_and_languages(mails: list[bytes]) -> None:
    sizes = [len(m) for m in mails]
    assert min(sizes) >= 2_000 and max(sizes) <= 20_000, (min(sizes), max(sizes))
    assert sorted(sizes)[COUNT // 2] > 5_000  # not a pile of minimal mails
    shapes = Counter(map(shape, mails))
    assert abs(shapes["text/plain"] / COUNT - 0.45) < 0.1, shapes
    assert abs(shapes["multipart/alternative"] / COUNT - 0.30) < 0.1, shapes
    assert abs(shapes["attachment"] / COUNT - 0.25) < 0.1, shapes
    parsed = [parse(m) for m in mails]
    dutch = sum("Met vriendelijke groet" in p.text for p in parsed)
    english = sum("Kind regards" in p.text for p in parsed)
    assert dutch + english == COUNT and 0.5 < dutch / COUNT < 0.9, (dutch, english)
    assert sum("\n> " in p.text for p in parsed) > COUNT // 10  # quoting an earlier mail
    assert sum("DISCLAIMER" in p.text or "CONFIDENTIALITY" in p.text for p in parsed) > COUNT // 10


def test_subjects_are_rfc2047_words_in_several_charsets_that_decode(mails: list[bytes]) -> None:
    lines = [re.match(rb"Subject: (.*?)\r\n(?! )", m, re.S) for m in mails]
    raw = [line.group(1).decode("ascii") for line in lines if line]
    assert len(raw) == COUNT
    for form in ("=?utf-8?b?", "=?utf-8?q?", "=?iso-8859-1?q?"):
        assert any(form in r.lower() for r in raw), form
    known = {
        re.sub(r"\{order\}", "#", s) for s in cm.SUBJECTS_NL + cm.SUBJECTS_EN
    }  # the order number varies
    for mail in mails:
        subject = re.sub(r"#\d+", "#", parse(mail).subject)
        assert subject in known, subject
        assert subject.isascii() or "=?" in mail.split(b"\r\n", 1)[0].decode()


def test_senders_are_a_few_hundred_distinct_people() -> None:
    people = cm.senders(cm.sender_pool_size(1000), random.Random(1))
    assert 200 <= len({p.address for p in people}) == len(people) <= 999
    assert cm.sender_pool_size(10_000) > cm.sender_pool_size(1000)


def test_the_attachments_are_a_real_png_and_a_real_pdf() -> None:
    rng = random.Random(3)
    png = cm.photo_png(rng, 4_000)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) >= 4_000
    position, idat, width = 8, b"", 0
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind, body = png[position + 4 : position + 8], png[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", png[position + 8 + length : position + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, kind
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        idat += body if kind == b"IDAT" else b""
        position += 12 + length
    assert len(zlib.decompress(idat)) == height * (1 + 3 * width)
    sender = cm.senders(1, rng)[0]
    pdf = cm.invoice_pdf(1, sender, "#12345", rng, 3_000)
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    xref = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[xref:].startswith(b"xref")
    offsets = [int(line[:10]) for line in pdf[xref:].split(b"\n")[3:8]]
    for number, offset in enumerate(offsets, 1):
        assert pdf[offset:].startswith(b"%d 0 obj" % number)

"""Only the words the writer added to a reply: quoted history, quote headers and signatures cut; pure.

A reply is read as lines. History that mail clients paste in without `>` marks (Outlook's header
block, "-----Original Message-----", Android's "-------- Original message --------", an
attribution line followed by plain text) ends the reply: everything from there on is cut, as
are the standard `-- ` signature, device signatures ("Sent from my iPhone", "Get Outlook for
iOS") and mailing-list footers. History marked with `>` is read by its shape:

- text only above the quote (top posting): the quote and its header are cut;
- text only below one quote that a header introduces (bottom posting): the quote is cut;
- text between quoted lines (an inline answer): each answer keeps the quoted paragraph right
  above it, with its `>` marks, because an answer like "Ja, zaterdag." means nothing to the
  customer without the question it answers, and the marks show whose words are whose, as in
  any mail conversation. Quoted paragraphs nobody answered are cut.

mail-parser-reply, which this module used before, cuts everything below the first quote header,
so it lost inline answers; the patterns (quote_patterns.py) cover Dutch, English, German and
French headers of Gmail, Outlook (desktop, web, iOS, Android), Apple Mail, Thunderbird, Samsung
and Zoho mail.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from inbox_agent.reading.ours import INVISIBLE, Ours, copies, words
from inbox_agent.reading.quote_patterns import (
    ATTRIBUTION,
    ATTRIBUTION_START,
    BANNER,
    CONFIDENTIAL,
    CONTACT,
    DATE,
    DECORATION,
    DEVICE,
    DISCLAIMER_START,
    DIVIDER,
    EMAIL,
    FIELD,
    FOOTER,
    FRENCH_BLOCK,
    FROM,
    LINK,
    LOOSE_ATTRIBUTION,
    MARKDOWN_LINK,
    OWN_END,
    OWN_START,
    QUOTED,
    QUOTED_BLANK,
    RULE,
    SIGNATURE,
    TIME,
    TRAILING_RULE,
)

# What stands for the header or attribution above a copy of our own text once it is recognised:
# a line the shape rules below read as an attribution, so they cut the copy as a quote.
OUR_ATTRIBUTION = "On our mail, we wrote:"
_ATTRIBUTION_WORDS = ("wrote", "schr", "écrit", "geschreven")
# An attribution without address or colon: it may be the first line of a longer one.
_BARE_ATTRIBUTION = re.compile(r"^[^:@]*$")
_PREFIX = re.compile(r"^\s*(?:[>|»]\s?)+|^\s+")


def strip_reply(text: str, ours: Sequence[str] = ()) -> str:
    """The writer's own text of a reply; "" only when nothing of theirs is left.

    `ours` are the texts of the mails we sent in this conversation: a copy of one of them is
    found by its words (reading/ours.py), whatever quotes it, and cut with the header or
    attribution above it. What is not ours (a forwarded mail, a signature) is cut by its shape.
    When that leaves nothing, the text below the quote is read (a bottom-posted answer under
    a first line that is a device signature) before giving up.
    """
    lines = _lines(text)
    lines = _without_banner(lines)
    known = Ours.of(ours)
    spans = [span for span in copies(lines, known) if _a_copy(lines, span, known)]
    if spans:
        lines = _quoted_as_ours(lines, spans)
    cut = _cut_all("\n".join(lines))
    if not cut:
        cut = _cut_all("\n".join(_without_leading_furniture(lines)))
    if not cut and spans:
        cut = _cut_all("\n".join(lines[spans[-1][1] :]))
    return cut


def _cut_all(text: str) -> str:
    """Cutting a quote can bring lines together that it kept apart (a rule and a header block,
    say), so the cut is repeated until nothing changes: relaying relayed text changes nothing."""
    for _ in range(4):
        cut = _cut_once(text)
        if cut == text:
            break
        text = cut
    return text


def _lines(text: str) -> list[str]:
    """The lines of a text without trailing spaces and invisible (tracking) characters."""
    text = INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return [line.rstrip() for line in text.split("\n")]


def _without_banner(lines: list[str]) -> list[str]:
    """A mail gateway's external-sender warning above the text ("[EXTERNAL]", "CAUTION: This
    email originated outside ...") is the gateway's, not the writer's: its paragraph goes."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not BANNER.match(lines[first]):
        return lines
    end = next((i for i in range(first, len(lines)) if not lines[i].strip()), len(lines))
    return lines[end:]


def _without_leading_furniture(lines: list[str]) -> list[str]:
    """The lines below device signatures, rules and blank lines that open a reply."""
    start = 0
    while start < len(lines) and (
        not lines[start].strip()
        or DEVICE.match(LINK.sub("", lines[start]))
        or SIGNATURE.match(lines[start])
        or TRAILING_RULE.match(lines[start])
    ):
        start += 1
    return lines[start:]


def _a_copy(lines: list[str], span: tuple[int, int], known: Ours) -> bool:
    """A stretch of our words is a copy of our mail when it is quoted, when a header stands above
    it, or when it is at least half of our mail: not when the writer pasted a sentence of it
    ("U schreef: ...") into their own text."""
    start, end = span
    texts = [line for line in lines[start:end] if words(line)]
    quoted = sum(bool(QUOTED.match(line) or _PREFIX.match(line)) for line in texts)
    if 2 * quoted >= len(texts):
        return True
    if 2 * sum(len(words(line)) for line in texts) >= known.shortest:
        return True
    return _header_above(lines, start, strict=True) < start


def _quoted_as_ours(lines: list[str], spans: list[tuple[int, int]]) -> list[str]:
    """Copies of our text marked with `>`, whatever quoted them, and the header block above the
    first replaced by one attribution line; lines typed into a copy stay the writer's."""
    out = list(lines)
    for start, end in spans:
        for index in range(start, end):
            rest = _PREFIX.sub("", lines[index], count=1)
            out[index] = f"> {rest}" if rest.strip() else ">"
    start = spans[0][0]
    head = _header_above(lines, start)
    return [*out[:head], OUR_ATTRIBUTION, *out[start:]]


def _header_above(lines: list[str], start: int, strict: bool = False) -> int:
    """Where the header or attribution right above line `start` begins (`start` if none);
    `strict`: a line's colon at its end is not enough to call it a header.

    Any form or language, directly above the copy (blank lines only between them or under a
    rule): a block of header fields ("Von:", "**De :**", "Message du") up to the rule or divider
    above it, or an attribution of one or two lines (wrapped) with an address, a time and date,
    or a colon at its end. A command or a sentence of the writer's above it is not part of it.
    """
    index = start
    while index > 0 and not words(lines[index - 1]) and not _rule(lines[index - 1]):
        index -= 1
    top = index
    fields = loose = 0
    while index > 0:
        line = lines[index - 1]
        if _rule(line):
            index -= 1
            break  # a rule or divider opens the header block
        if _field(line) and not loose:
            fields += 1
        elif _blank_under_rule(lines, index - 1) and fields:
            pass
        elif not fields and _attribution_part(lines, index - 1, loose):
            loose += 1
        else:
            break
        index -= 1
    if index == top:
        return start
    block = lines[index:top]
    strong = any(
        _rule(line)
        or EMAIL.search(line)
        or (_plain(line).endswith(":") and not strict)
        or _field(line)
        or ATTRIBUTION.match(_plain(line))
        or (TIME.search(line) and DATE.search(line))
        for line in block
    )
    return index if strong else start


def _attribution_part(lines: list[str], index: int, below: int) -> bool:
    """Line `index` is an attribution's (first) line: alone, or wrapped above its second line."""
    plain = _plain(lines[index])
    if not _headerish(lines[index]) or plain.startswith("#"):
        return False
    if below == 0:
        return True
    lower = _plain(lines[index + 1])
    return (
        below == 1
        and not ATTRIBUTION_START.match(lower)
        and not re.search(r"[.!?:]$", plain)
        and bool(
            ATTRIBUTION.match(f"{plain} {lower}") or LOOSE_ATTRIBUTION.match(f"{plain} {lower}")
        )
    )


def _blank_under_rule(lines: list[str], index: int) -> bool:
    return not lines[index].strip() and index > 0 and _rule(lines[index - 1])


def _plain(line: str) -> str:
    """A line as a header reads: entities decoded, quote marks and bold markup left out."""
    return _PREFIX.sub("", html.unescape(line)).replace("**", "").strip().strip("*").strip()


def _rule(line: str) -> bool:
    plain = _plain(line)
    return bool(RULE.match(plain) or DIVIDER.match(plain) or re.match(r"^(-{3,}|_{5,})", plain))


def _field(line: str) -> bool:
    plain = _plain(line)
    return bool(FROM.match(plain) or FIELD.match(plain) or FRENCH_BLOCK.match(plain))


def _headerish(line: str) -> bool:
    plain = _plain(line)
    if not plain or len(plain) > 300:
        return False
    return bool(
        _rule(line)
        or _field(line)
        or ATTRIBUTION.match(plain)
        or LOOSE_ATTRIBUTION.match(plain)
        or EMAIL.search(plain)
        or plain.endswith(":")
        or (TIME.search(plain) and DATE.search(plain))
    )


def _cut_once(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = _without_furniture(lines)
    lines = lines[: _history_start(lines)]
    return _tidy(_arrange(_blocks(lines)))


def _without_furniture(lines: list[str]) -> list[str]:
    """Our notification's own quoted lines emptied, so only the customer's words are context.

    The notification marks the customer's text with "--- bericht ---" and "--- einde bericht ---"
    (English: "message"); what is quoted around them is ours (status, address, how to reply) and
    must never reach the customer. The end mark stays: an answer below it answers nothing.
    """
    start = next((i for i, line in enumerate(lines) if OWN_START.match(line)), None)
    if start is None:
        return lines
    end = next((i for i in range(start, len(lines)) if OWN_END.match(lines[i])), len(lines))
    return [
        ">" if QUOTED.match(line) and (i <= start or i > end or OWN_START.match(line)) else line
        for i, line in enumerate(lines)
    ]


def _history_start(lines: list[str]) -> int:
    """Index of the first line of unmarked history, a signature or a footer; len(lines) if none."""
    for index, line in enumerate(lines):
        if QUOTED.match(line):
            continue
        device = DEVICE.match(LINK.sub("", MARKDOWN_LINK.sub(r"\1", line)))
        if SIGNATURE.match(line) or device or FOOTER.match(line):
            return index
        if DIVIDER.match(line) or FRENCH_BLOCK.match(line):
            return index
        if _disclaimer(lines, index):
            return index
        if (FROM.match(line) or RULE.match(line)) and _header_follows(lines, index):
            # Hotmail and others put Date or Subject above the From line.
            while index > 0 and FIELD.match(lines[index - 1]):
                index -= 1
            return index
        if RULE.match(line) and _footer_follows(lines, index):
            return index
        if DECORATION.match(line) and _contact_block_follows(lines, index):
            return index
        span = _attribution(lines, index)
        if span and not _next_is_quoted(lines, index + span):
            return index
    return len(lines)


def _disclaimer(lines: list[str], index: int) -> bool:
    """A paragraph that opens on the mail itself and says it is confidential: a legal footer."""
    if index == 0 or lines[index - 1].strip() or not DISCLAIMER_START.match(lines[index]):
        return False
    paragraph = " ".join(lines[index : index + 3])
    return bool(CONFIDENTIAL.search(paragraph[:300]))


def _header_follows(lines: list[str], index: int) -> bool:
    """A From line (or a rule above one) directly followed by another header line."""
    if RULE.match(lines[index]):
        # Outlook puts From first; Hotmail and others start with Date or Subject.
        ahead = [i for i in range(index + 1, len(lines)) if not QUOTED.match(lines[i])]
        ahead = [i for i in ahead[:3] if lines[i].strip()]
        first = lines[ahead[0]] if ahead else ""
        return bool(FROM.match(first) or FIELD.match(first)) and _header_follows(lines, ahead[0])
    for line in lines[index + 1 : index + 4]:
        if not line.strip() or QUOTED.match(line):
            return False
        if FIELD.match(line) or FROM.match(line):
            return True
    return False


def _footer_follows(lines: list[str], index: int) -> bool:
    ahead = " ".join(lines[index + 1 : index + 4]).lower()
    return "mailing list" in ahead or "listinfo" in ahead or "unsubscribe" in ahead


def _contact_block_follows(lines: list[str], index: int) -> bool:
    """A rule with a signature's contact block under it: a few short lines (company, street,
    postcode and town, telephone, web address), at least two of them contact details."""
    block: list[str] = []
    for line in lines[index + 1 :]:
        if not line.strip() or QUOTED.match(line):
            break
        block.append(line)
    return (
        2 <= len(block) <= 8
        and all(len(line.strip()) <= 70 and not re.search(r"[.!?]$", line) for line in block)
        and sum(bool(CONTACT.search(line)) for line in block) >= 2
    )


def _attribution(lines: list[str], index: int) -> int:
    """How many lines (1-3) an attribution starting here spans; 0 if none starts here."""
    if not lines[index].strip() or not _maybe_attribution(lines[index : index + 3]):
        return 0
    found = 0
    for size in (1, 2, 3):
        part = lines[index : index + size]
        if len(part) < size or not _wraps(part):
            break
        joined = " ".join(line.strip() for line in part)
        if len(joined) < 400 and ATTRIBUTION.match(joined):
            found = size
            if found > 1 or not _BARE_ATTRIBUTION.match(joined):
                break  # a bare one may go on below: "schrieb X" over "<x@y.de>:"
    return found


def _maybe_attribution(part: list[str]) -> bool:
    """Every attribution has a colon or one of a few words: most lines need no pattern at all."""
    window = " ".join(part)
    if ":" in window:
        return True
    lower = window.lower()
    return any(word in lower for word in _ATTRIBUTION_WORDS)


def _wraps(part: list[str]) -> bool:
    """Could these lines be one header line that a mail client wrapped?"""
    if len(part) == 1:
        return True
    first, rest = part[0], part[1:]
    return (
        (len(first.strip()) >= 30 or bool(ATTRIBUTION_START.match(first)))
        and not re.search(r"[.!?]$", first)
        and not QUOTED.match(first)
        and all(line.strip() and (not QUOTED.match(line) or line.strip() == ">:") for line in rest)
        and not any(ATTRIBUTION_START.match(line) for line in rest)
    )


def _lazy_continuation(lines: list[str], index: int) -> bool:
    """An unquoted line that is really the wrapped end of the long quoted line above it.

    Some clients wrap long quoted lines without repeating the `>`; such a line starts in lower
    case and sits between two quoted lines.
    """
    line = lines[index]
    if not (0 < index < len(lines) - 1 and line.strip()[:1].islower()):
        return False
    above, below = lines[index - 1], lines[index + 1]
    return bool(QUOTED.match(above) and QUOTED.match(below)) and len(above.strip()) > 50


def _loose_attribution(lines: list[str], index: int) -> int:
    """A header in any language right above a quote: a line with a time or address ending in ':'."""
    for size in (1, 2):
        part = lines[index : index + size]
        if not part[-1].rstrip().endswith(":"):
            continue  # it ends in a colon
        whole = len(part) == size and _wraps(part) and not re.search(r"[,;:]$", part[0])
        if whole and LOOSE_ATTRIBUTION.match(" ".join(line.strip() for line in part)):
            return size
        if size == 1 and LOOSE_ATTRIBUTION.match(part[0]):
            return 1
    return 0


def _next_is_quoted(lines: list[str], index: int) -> bool:
    following = next((line for line in lines[index:] if line.strip()), None)
    return following is None or bool(QUOTED.match(following))


@dataclass
class _Block:
    quoted: bool
    lines: list[str]
    headed: bool = False  # an attribution line introduced this quote


def _blocks(lines: list[str]) -> list[_Block]:
    """Runs of quoted and unquoted lines; quote headers removed and noted on their quote."""
    blocks: list[_Block] = []
    blank: list[str] = []  # blank lines belong to the block they lead into
    index = 0
    pending_header = False
    while index < len(lines):
        line = lines[index]
        index += 1
        quoted = bool(QUOTED.match(line)) or _lazy_continuation(lines, index - 1)
        if not quoted:
            span = _attribution(lines, index - 1) or _loose_attribution(lines, index - 1)
            if span and _next_is_quoted(lines, index - 1 + span):
                index += span - 1
                pending_header = True
                continue
        if QUOTED_BLANK.match(line):  # a ">" alone is a blank line too
            blank.append(line)
            continue
        if not quoted:
            blank = ["" for _ in blank]
        if blocks and blocks[-1].quoted == quoted:
            blocks[-1].lines += [*blank, line]
        else:
            blocks.append(_Block(quoted, [*blank, line], pending_header and quoted))
            pending_header = False
        blank = []
    for block in blocks:
        text = [line for line in block.lines if not QUOTED_BLANK.match(line)]
        if block.quoted and _attribution(text, 0):
            block.headed = True  # Apple Mail puts its header inside the quote
    return blocks


def _arrange(blocks: list[_Block]) -> list[str]:
    """Top, bottom or inline posting: which quoted lines stay as context for an answer."""
    first = next((i for i, b in enumerate(blocks) if b.quoted), len(blocks))
    kept = [line for b in blocks[:first] for line in b.lines]
    answers = [
        i for i in range(first, len(blocks)) if not blocks[i].quoted and _has_text(blocks[i])
    ]
    quotes = [i for i in range(first, len(blocks)) if blocks[i].quoted]
    bottom_post = len(quotes) == 1 and blocks[first].headed
    for i in answers:
        answer = blocks[i].lines
        if bottom_post:
            kept += ["", *answer]
            continue
        context = _context(blocks[i - 1])
        if not _has_text_lines(kept) and context:
            # Commands must stay at the top of the reply to count as commands.
            commands = _leading_commands(answer)
            kept += answer[:commands]
            answer = answer[commands:]
            if not _has_text_lines(answer):
                continue
        whole = [line for line in blocks[i - 1].lines if not QUOTED_BLANK.match(line)]
        if _has_text_lines(kept) and (context != whole or not blocks[i - 1].lines[0].strip()):
            kept.append("")  # lines above were cut: keep the owner's text apart from them
        kept += [*context, *answer]
    return kept


def _context(block: _Block) -> list[str]:
    """The quoted paragraph right above an answer: the lines it answers."""
    if any(OWN_END.match(line) for line in block.lines):
        return []
    lines = [line for line in block.lines if not OWN_START.match(line)]
    while lines and QUOTED_BLANK.match(lines[-1]):
        lines.pop()
    start = len(lines)
    while start > 0 and not QUOTED_BLANK.match(lines[start - 1]):
        start -= 1
    return [line for line in lines[start:] if not _attribution([line], 0)]


def _leading_commands(lines: list[str]) -> int:
    """How many lines at the top are `#` command lines (blank lines between them allowed)."""
    count = 0
    for index, line in enumerate(lines):
        if line.strip().startswith("#"):
            count = index + 1
        elif line.strip():
            break
    return count


def _has_text(block: _Block) -> bool:
    return _has_text_lines(block.lines)


def _has_text_lines(lines: list[str]) -> bool:
    return any(line.strip() and not TRAILING_RULE.match(line) for line in lines)


def _tidy(lines: list[str]) -> str:
    """Without trailing rules and runs of blank lines that the cuts left behind."""
    while lines and (not lines[-1].strip() or TRAILING_RULE.match(lines[-1])):
        lines.pop()
    tidy: list[str] = []
    for line in lines:
        if line.strip() or (tidy and tidy[-1].strip()):
            tidy.append(line if line.strip() else "")
    return "\n".join(tidy).strip()

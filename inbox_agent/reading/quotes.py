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

A copy of our own mail (`ours`: the notification the owner answers, our letter a customer
answers) is found first by its words (ours.py) and marked as a quote with one attribution line
for whatever header stood above it (our_copies.py), so the rules above cut it in any client's
form or language; what is not ours is cut by shape (signatures.py for what software adds).

mail-parser-reply, which this module used before, cuts everything below the first quote header,
so it lost inline answers; the patterns (quote_patterns.py) cover Dutch, English, German and
French headers of Gmail, Outlook (desktop, web, iOS, Android), Apple Mail, Thunderbird, Samsung
and Zoho mail.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from inbox_agent.reading import our_copies, signatures
from inbox_agent.reading.ours import INVISIBLE, Ours, copies
from inbox_agent.reading.quote_patterns import (
    ATTRIBUTION,
    ATTRIBUTION_START,
    DECORATION,
    DEVICE,
    DISCLAIMER_START,
    DIVIDER,
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
    TRAILING_RULE,
)

# One of these words is in every attribution without an address (as `word in text.lower()`).
_ATTRIBUTION_WORDS = re.compile("wrote|schr|écrit|geschreven")
# Every line rule of _history_start but the device line and the attribution, as one pattern: an
# alternation matches where one of its branches does, so a line this misses (most lines of
# prose) needs none of them. Ignoring case changes nothing for the rules of dashes and rules.
_LINE_RULES = re.compile(
    "|".join(
        f"(?:{rule.pattern})"
        for rule in (SIGNATURE, FOOTER, DIVIDER, FRENCH_BLOCK, FROM, RULE, DECORATION)
    )
    + f"|(?:{DISCLAIMER_START.pattern})",
    re.IGNORECASE,
)
# An attribution without address or colon: it may be the first line of a longer one.
_BARE_ATTRIBUTION = re.compile(r"^[^:@]*$")


def strip_reply(text: str, ours: Sequence[str] = ()) -> str:
    """The writer's own text of a reply; "" only when nothing of theirs is left.

    `ours` are the texts of the mails we sent in this conversation: a copy of one of them is
    found by its words (reading/ours.py), whatever quotes it, and cut with the header or
    attribution above it. What is not ours (a forwarded mail, a signature) is cut by its shape.
    When that leaves nothing, the text below the quote is read (a bottom-posted answer under
    a first line that is a device signature) before giving up.
    """
    return _strip_reply(text, tuple(ours))


# The registration readers, the dossier record and the owner's notification each want the own
# words of the same complaint: the text is cut once, not four times.
@lru_cache(maxsize=8)
def _strip_reply(text: str, ours: tuple[str, ...]) -> str:
    lines = _lines(text)
    lines = signatures.without_banner(lines)
    known = Ours.of(ours)
    spans = [span for span in copies(lines, known) if our_copies.is_copy(lines, span, known)]
    if spans:
        lines = our_copies.marked(lines, spans)
    cut = _cut_all("\n".join(lines))
    if not cut:
        cut = _cut_all("\n".join(signatures.without_leading_furniture(lines)))
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
        if not line or QUOTED.match(line):
            continue  # lines are right-stripped: an empty one matches none of the rules below
        device = DEVICE.match(_without_links(line))
        if not device and not _LINE_RULES.match(line):
            span = _attribution(lines, index)
            if span and not _next_is_quoted(lines, index + span):
                return index
            continue
        if SIGNATURE.match(line) or device or FOOTER.match(line):
            return index
        if DIVIDER.match(line) or FRENCH_BLOCK.match(line):
            return index
        if signatures.disclaimer(lines, index):
            return index
        if (FROM.match(line) or RULE.match(line)) and _header_follows(lines, index):
            # Hotmail and others put Date or Subject above the From line.
            while index > 0 and FIELD.match(lines[index - 1]):
                index -= 1
            return index
        if RULE.match(line) and signatures.footer_follows(lines, index):
            return index
        if DECORATION.match(line) and signatures.contact_block_follows(lines, index):
            return index
        span = _attribution(lines, index)
        if span and not _next_is_quoted(lines, index + span):
            return index
    return len(lines)


def _without_links(line: str) -> str:
    """The line without Markdown links and web addresses; the literal tests skip two
    substitutions on the many lines that hold neither."""
    if "](" in line:
        line = MARKDOWN_LINK.sub(r"\1", line)
    return LINK.sub("", line) if "http" in line else line


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
    """Every attribution has one of a few words, or an address and a colon: most lines need no
    pattern at all. Outside ASCII a colon alone lets the pattern decide, since its ignoring of
    case also matches letters such as the long s that `lower()` leaves alone."""
    window = " ".join(part)
    if ":" in window and ("@" in window or not window.isascii()):
        return True
    return bool(_ATTRIBUTION_WORDS.search(window.lower()))


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

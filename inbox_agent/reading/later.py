"""A customer's mail after their complaint was answered: a failure, a question, a thank-you, or
unclear; pure.

The dossier's next step depends on it (SPEC §2 step 7). A mail that says the solution failed
or asks something needs a person, so the dossier reopens; a short thank-you is filed; anything
else is unclear and goes to the owner. The reading leans away from closing: a thank-you needs
to be short and carry nothing else, and a mail with a problem or a question in it is never
read as a thank-you, whatever else it says.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from inbox_agent.reading.evaluation import own_text
from inbox_agent.reading.quotes import strip_reply

__all__ = ["Later", "LaterMail", "read_later_mail"]

# A thank-you is short: longer mail says something more, and a person reads it.
_THANKS_WORDS = 30


class Later(enum.StrEnum):
    FAILURE = "failure"  # the solution failed, or a new problem
    QUESTION = "question"  # the customer asks something, or asks to hear from us
    THANKS = "thanks"  # a short thank-you and nothing more
    UNCLEAR = "unclear"  # none of these with confidence: the owner reads it


@dataclass(frozen=True)
class LaterMail:
    """What the customer's later mail is, the words that say so, and whether it thanks us."""

    kind: Later
    evidence: tuple[str, ...]
    thankful: bool  # thanks or "all good" words anywhere in it (an unclear thank-you?)

    @property
    def needs_person(self) -> bool:
        """A failure or a question: someone must answer, so the dossier reopens."""
        return self.kind in (Later.FAILURE, Later.QUESTION)


def _words(*alternatives: str) -> str:
    return "|".join(alternatives)


# Phrases that look like trouble and say the opposite: "geen problemen meer", "kraakt niet
# meer", "nothing wrong". They are taken out before trouble is looked for.
_BENIGN = re.compile(
    r"\b(geen|no|zonder|without|not a single|not one|nul)\s+(\w+\s+)?"
    r"(probleem|problemen|problem|problems|issue|issues|klacht|klachten|complaints?|"
    r"gekraak|gepiep|lekkage)\b"
    r"|\b(kraakt|piept|rammelt|lekt|hapert|is|was)\s+(nu\s+|echt\s+)?niet\s+meer\b\s*(kapot|stuk)?"
    r"|\bno longer\s+\w+|\b(niets|nothing|niks)\s+(meer\s+)?(mis|wrong|aan de hand)\b"
    r"|\b(does ?n[o']t|do ?n[o']t|won'?t)\s+(creak|squeak|rattle|leak)\s+any\s*more\b"
    r"|\bgeen dank\b|\bno worries\b"
    r"|\b(probleem|problem|issue)\s+(is\s+|was\s+|has been\s+)?(nu\s+|now\s+)?"
    r"(opgelost|verholpen|weg|solved|fixed|resolved|gone)\b"
    # "Thanks for fixing the broken bell": what they thank for, up to a "but".
    r"|\b(bedankt|dank( je| u)?( wel)?|thanks|thank you)\s+(voor|for)\b.*?"
    r"(?=\b(but|maar|however|echter|helaas|alleen|only)\b|[.!?;\n]|$)",
)

# Trouble on its own: something is broken, not fixed, not working, not received.
_TROUBLE = re.compile(
    r"\b("
    + _words(
        r"kapot",
        r"defect",
        r"lekt",
        r"lek",
        r"(is|weer|nog|alweer|opnieuw)\s+stuk",
        r"werkt(\s+\w+){0,3}\s+niet",
        r"doet(\s+\w+){0,3}\s+(het\s+)?niet",
        r"niet\s+(goed\s+)?(opgelost|gerepareerd|gemaakt|verholpen|ontvangen|aangekomen)",
        r"nog\s+(steeds\s+)?(niet|geen|niets|niks)",
        r"(hetzelfde|zelfde|nieuw|ander|nog een)\s+probleem",
        r"probleem\s+is\s+(er\s+)?(weer|terug|nog)",
        r"(heb|hebben|heeft)\s+(\w+\s+){0,2}(een\s+)?probleem",
        r"(nieuwe|nog een|andere)\s+klacht",
        r"wil\s+(\w+\s+){0,2}klagen",
        r"teleurgesteld",
        r"ontevreden",
        r"broken",
        r"broke",
        r"faulty",
        r"leaks",
        r"leaking",
        r"(does ?n[o']t|does not|did ?n[o']t|is ?n[o']t|not)\s+(work|working|fixed|solved|"
        r"resolved|repaired|arrived|received)",
        r"stopped\s+working",
        r"still\s+(not|no|nothing|broken|waiting)",
        r"(same|new|another)\s+(problem|issue|fault)",
        r"(problem|issue)\s+is\s+back",
        r"(have|has|having)\s+(\w+\s+){0,2}(a\s+)?(problem|issue)",
        r"(new|another)\s+complaint",
        r"want\s+to\s+complain",
        r"disappointed",
        r"unhappy",
        r"dissatisfied",
    )
    + r")\b"
)

# Trouble that needs company: "weer" or "still" with a noise or a "niet" in the same sentence.
_AGAIN = re.compile(r"\b(weer|opnieuw|alweer|wederom|nog steeds|nog altijd|again|still)\b")
_SYMPTOM = re.compile(
    r"\b(kraakt|piept|rammelt|hapert|tikt|slipt|lekt|niet|geen|niets|niks|probleem|creaks|"
    r"squeaks|rattles|slips|leaks|not|no|nothing|never|won'?t|can'?t|problem|issue)\b"
)

# A question: a question mark in the customer's own words, or a sentence that asks for an answer.
_ASKS = re.compile(
    r"^\s*("
    + _words(
        r"wanneer",
        r"waarom",
        r"hoe\s*lang",
        r"hoe\s+(zit|staat|gaat)",
        r"kunt u",
        r"kunnen jullie",
        r"kan ik",
        r"mag ik",
        r"is het mogelijk",
        r"heeft u",
        r"hebben jullie",
        r"komt er",
        r"when",
        r"why",
        r"how long",
        r"what (is|are|about)",
        r"can (you|i)",
        r"could you",
        r"will (you|i)",
        r"would you",
        r"may i",
        r"is it possible",
        r"have you",
        r"did you",
        r"is there",
    )
    + r")\b"
    r"|\b(laat (me|mij|ons) (even )?weten|ik hoor (graag|het graag)|graag (een )?(reactie|antwoord)|"
    r"let me know|please (advise|respond|reply|get back)|i would like to know|i'd like to know|"
    r"ik wil (graag )?weten|i look forward to (your|hearing))\b",
    re.MULTILINE,
)
_URL = re.compile(r"\b(?:https?://|www\.|mailto:)\S+")

# Thanks, and the words of a customer for whom all is well.
_THANKFUL = re.compile(
    r"\b("
    + _words(
        r"bedankt",
        r"dank",
        r"dankjewel",
        r"dankuwel",
        r"thanks",
        r"thank",
        r"thx",
        r"ty",
        r"cheers",
        r"merci",
        r"top",
        r"toppie",
        r"prima",
        r"super",
        r"perfect",
        r"geweldig",
        r"great",
        r"fine",
        r"fijn",
        r"mooi",
        r"all good",
        r"alles (is )?(weer )?(goed|in orde|prima)",
        r"ok",
        r"oké",
        r"oke",
        r"okay",
        r"werkt (weer )?(prima|perfect|goed|uitstekend)",
        r"(werkt|rijdt|loopt) (nu )?weer",
        r"doet het (nu )?weer",
        r"works (again|fine|perfectly|great)",
        r"opgelost",
        r"solved",
        r"fixed",
    )
    + r")\b"
    r"|👍|🙏|😊|🙂|❤"
)
# "Bedankt, maar ...": a thank-you with a reservation is not just a thank-you.
_BUT = re.compile(r"\b(maar|alleen|echter|wel jammer|helaas|but|however|only|unfortunately)\b")


def _lowered(text: str) -> str:
    return _URL.sub(" ", text.lower().replace("\u2019", "'").replace("\ufe0f", ""))


def _plain(text: str) -> str:
    return _BENIGN.sub(" ", _lowered(text))


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[.!?;\n]+", text) if s.strip()]


def read_later_mail(text: str) -> LaterMail:
    """Read what a customer wrote after the resolution (only their new text counts)."""
    reply = strip_reply(text)
    own = _plain(own_text(text))
    trouble = _TROUBLE.search(own)
    if trouble is None:
        trouble = next(
            (
                again
                for sentence in _sentences(own)
                if (again := _AGAIN.search(sentence)) and _SYMPTOM.search(sentence)
            ),
            None,
        )
    thanks = _THANKFUL.search(_lowered(reply))
    thankful = thanks is not None
    if trouble is not None:
        return LaterMail(Later.FAILURE, (trouble.group(0).strip(),), thankful)
    asked = _ASKS.search(own)
    if "?" in own or asked is not None:
        where = own.index("?") if "?" in own and asked is None else asked.start() if asked else 0
        return LaterMail(Later.QUESTION, (_around(own, where),), thankful)
    words = len(own.split())
    if thanks is not None and words <= _THANKS_WORDS and not _BUT.search(own):
        return LaterMail(Later.THANKS, (thanks.group(0),), True)
    return LaterMail(Later.UNCLEAR, (), thankful)


def _around(text: str, index: int) -> str:
    """The sentence that holds `index`, for the owner to see what was read as a question."""
    start = max(text.rfind(mark, 0, index) for mark in ".!\n") + 1
    end = text.find("?", index)
    return text[start : (end + 1 if end >= 0 else start + 80)].strip()

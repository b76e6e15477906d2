"""The words an evaluation answer is read by, in every language, and how a typo still finds them.

The words are data in `vocabulary/<code>.py` (`EVALUATION`, `NUMBER_WORDS`); this module gives
them their meaning, apart from the reading rules in `evaluation`. A strong word is a verdict on its own
("tevreden", "valt tegen", "super"); a weak one is a remark ("snel", "bedankt", "duurde lang")
that needs company before it decides anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inbox_agent.vocabulary.terms import LANGUAGES

Reading = tuple[int, bool]  # (polarity +1/-1, strong)

STRONG_PLUS: Reading = (1, True)
WEAK_PLUS: Reading = (1, False)
STRONG_MINUS: Reading = (-1, True)
WEAK_MINUS: Reading = (-1, False)


@dataclass(frozen=True)
class Sense:
    plain: Reading
    negated: Reading  # after "niet", "not", "geen", "never", ...


def _praise() -> Sense:  # "goed" / "niet goed"
    return Sense(STRONG_PLUS, STRONG_MINUS)


def _remark_plus() -> Sense:  # "snel" / "niet snel"
    return Sense(WEAK_PLUS, WEAK_MINUS)


def _outcome() -> Sense:  # "opgelost" / "niet opgelost": the problem is still there
    return Sense(WEAK_PLUS, STRONG_MINUS)


def _blame() -> Sense:  # "slecht" / "niet slecht"
    return Sense(STRONG_MINUS, WEAK_PLUS)


def _remark_minus() -> Sense:  # "traag" / "niet traag"
    return Sense(WEAK_MINUS, WEAK_PLUS)


def _thanks() -> Sense:  # "bedankt" / "niet bedankt" (a weak, rare thing to negate)
    return Sense(WEAK_PLUS, WEAK_MINUS)


def _firm_plus() -> Sense:  # "geen klachten" / "keine Beschwerden": praise either way
    return Sense(STRONG_PLUS, STRONG_PLUS)


def _mild_plus() -> Sense:  # "geen probleem"
    return Sense(WEAK_PLUS, WEAK_PLUS)


def _weak_minus() -> Sense:  # "niet meer"
    return Sense(WEAK_MINUS, WEAK_MINUS)


def _lukewarm() -> Sense:  # "ok" is a remark, "niet ok" a verdict
    return Sense(WEAK_PLUS, STRONG_MINUS)


def _complaint_verb() -> Sense:  # "ik ga klagen" / "kann mich nicht beklagen"
    return Sense(STRONG_MINUS, STRONG_PLUS)


def _nothing() -> Sense:  # "noch nicht", "pas encore": says nothing either way
    return Sense((0, False), (0, False))


# Each group of the vocabulary's EVALUATION tables, and what its words mean.
_SENSES = {
    "praise": _praise,
    "remark_plus": _remark_plus,
    "outcome": _outcome,
    "thanks": _thanks,
    "blame": _blame,
    "remark_minus": _remark_minus,
    "lukewarm": _lukewarm,
    "complaint_verb": _complaint_verb,
    "firm_plus": _firm_plus,
    "mild_plus": _mild_plus,
    "weak_minus": _weak_minus,
    "nothing": _nothing,
}
# "Redelijk", "ok" and "voldoende" are lukewarm: a remark, never enough to close on their own.
# The words are data, one table per language (`vocabulary/<code>.py`, `EVALUATION`); every
# language's words are read in every answer, as customers mix them ("Top, merci!").
_TABLES = [words.EVALUATION for words in LANGUAGES.values()]


def _all(key: str) -> frozenset[str]:
    return frozenset(w for table in _TABLES for w in table.get(key, "").split())


WORDS: dict[str, Sense] = {}
PHRASES: dict[tuple[str, ...], Sense] = {}
for _table in _TABLES:
    for _group, _make in _SENSES.items():
        for _word in _table.get(_group, "").split():
            WORDS.setdefault(_word, _make())
        for _phrase in _table.get(f"phrases_{_group}", "").split("|"):
            if _phrase.strip():
                PHRASES.setdefault(tuple(_phrase.split()), _make())

SIGN_OFFS = [table["sign_offs"] for table in _TABLES if table.get("sign_offs")]
GREETINGS = [table["greetings"] for table in _TABLES if table.get("greetings")]
NEGATORS = _all("negators")
# Words that put the negation after what they negate: "het beviel niet", "zufrieden bin ich nicht".
POST_NEGATORS = _all("post_negators")
# Words that may stand between a negation and what it negates, or make a bare "no".
INTENSIFIERS = _all("intensifiers")
# Words that make the praise after them lukewarm: "redelijk tevreden" is for a person to read.
HEDGES = _all("hedges")
# "Far from", "verre van": a negation said with force ("far from satisfied", "far from a 5").
FAR_FROM: frozenset[tuple[str, ...]] = frozenset(
    tuple(phrase.split())
    for table in _TABLES
    for phrase in table.get("far_from", "").split("|")
    if phrase.strip()
)
FAR_WORDS = _all("far_words")
# Words that may stand between a negation and the mark it negates: "not even close to a 5",
# "ik kan jullie geen 5 sterren geven", "een 5/5 is het niet". "More", "than", "meer", "dan" are
# not among them: "no more than 2 stars" gives a 2.
MARK_FILLERS = INTENSIFIERS | _all("mark_fillers")
EVEN = _all("even")
NEARLY = _all("nearly")
# A mark in a clause with these is wished for, not given: "would have been 5 stars if ...".
HYPOTHETICAL = _all("hypothetical")
PERFECT_AUX = _all("perfect_aux")
PERFECT_PARTICIPLES = _all("perfect_participles")
# A later mark after these replaces the earlier ones: "eerst een 4, nu een 2".
CORRECTIONS = _all("corrections")
ANSWER_YES = _all("yes")
ANSWER_NO = _all("no")
CLAUSE_END = frozenset(".!?;:,\n")
CONTRAST = _all("contrast")
# Words that make a remark a verdict: "super behulpzaam" says more than "behulpzaam".
BOOSTERS = _all("boosters")
EMOJI: dict[str, Reading] = {
    **{e: STRONG_PLUS for e in "👍👌🥳🎉😍🤩💯🙌👏"},
    **{e: WEAK_PLUS for e in "🙂😊😀😃😄😁❤💚💙♥☺🌟✨✅"},
    **{e: STRONG_MINUS for e in "👎😡🤬😠"},
    **{e: WEAK_MINUS for e in "🙁☹😞😢😭😕😒😤"},
}
SMILEYS = {":-)": "🙂", ":)": "🙂", ":-(": "🙁", ":(": "🙁", ";-)": "🙂", ";)": "🙂", ":D": "😀"}

NUMBER_WORDS = {w: n for words in LANGUAGES.values() for w, n in words.NUMBER_WORDS.items()}
# After these a number is a count, not a score: "10 dagen", "3 weeks", "2 keer", "45 euro".
UNITS = sorted(_all("units"), key=len, reverse=True)

_RUNS = re.compile(r"(.)\1+")


def _skeleton(word: str) -> str:
    return _RUNS.sub(r"\1", word)


_SKELETONS: dict[str, Sense] = {}
for _word, _sense in WORDS.items():
    _SKELETONS.setdefault(_skeleton(_word), _sense)
_LONG = [w for w in WORDS if len(w) >= 7]


def _one_edit(a: str, b: str) -> bool:
    """True when one letter added, dropped, changed or swapped with the next turns a into b
    ("tevrede", "satisfid", "satisfiat")."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if a[i + (len(a) == len(b)) :] == b[i + 1 :]:
        return True
    # Two letters swapped ("satisfiat", "zufireden") count as one slip of the keyboard.
    swapped = len(a) == len(b) and i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
    return swapped and a[i + 2 :] == b[i + 2 :]


def lookup(word: str) -> Sense | None:
    """The word's sense, also when stretched ("tevreeeden", "toppp") or one typo off (7+ letters)."""
    if word in WORDS:
        return WORDS[word]
    if word.endswith("e") and word[:-1] in WORDS:  # Dutch inflection: "fantastische service"
        return WORDS[word[:-1]]
    if _skeleton(word) != word and _skeleton(word) in _SKELETONS:
        return _SKELETONS[_skeleton(word)]
    if len(word) >= 7:
        near = {WORDS[w] for w in _LONG if _one_edit(word, w)}
        if len(near) == 1:
            return near.pop()
    return None

"""Scores in an evaluation answer, out of 5 or 10, in digits, words or stars, on the 1-5 scale; pure.

A number is a score only in a form that says so ("4/5", "een 8", "cijfer 4", "5 sterren", an
answer that is only the number); "10 dagen", "3 weeks", "14-11" and "€ 45" are counts and dates.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from inbox_agent.reading.evaluation_words import NUMBER_WORDS, UNITS

_NUM = r"(\d{1,2}(?:[.,]\d)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_ALONE = r"(?<![\w.,:/-])"
_UNIT_AFTER = r"(?!\s*(?:" + "|".join(UNITS) + r")\b)(?!\s*[%€])"
_DONE = r"(?![\w:]|[.,/-]\d)"
# Two marks side by side ("4 or 2", "3 of 4 sterren", "tussen 3 en 5"): whole marks only, and not
# a scale ("van 1-5", "scale of 1-5").
_MARK = r"(10|[1-9]|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
_OTHER_MARK = _MARK.replace("(", "(?:", 1)
_OR = r"(?![.,]\d)(?:\s+(?:or|of|oder|ou)\s+|\s*[-–]\s*)"
_NOT_A_SCALE = r"(?<!van )(?<!from )(?<!of )(?<!schaal )(?<!scale )(?<!von )(?<!de )"
_AND = r"\s+(?:en|and|und|et)\s+(?:(?:een|a)\s+)?"
_BETWEEN = r"\b(?:tussen|between|zwischen|entre)\s+(?:(?:de|een|a|the)\s+)?"
# Each form: the regex (group 1 the number, group 2 the scale or unit) and how to read group 2.
_SCORE_FORMS: list[tuple[re.Pattern[str], str]] = [
    # "4/5", "8 / 10", "4 van de 5", "acht uit tien", "4 out of 5", "9 op 10", "4 von 5",
    # "18/20", "4 sur 5"
    (
        re.compile(
            _ALONE
            + _NUM
            + r"\s*(?:/|van de|van|uit|op|out of|von|sur)\s*"
            + r"(5|10|20|vijf|tien|five|ten|fünf|zehn|cinq|dix|vingt)"
            + _DONE
        ),
        "scale",
    ),
    # "5 sterren", "4 stars", "8 punten", "5 Sterne", "5 étoiles"
    (
        re.compile(
            _ALONE + _NUM + r"\s*(sterren|ster|stars?|punten|points?|sterne[n]?|stern|punkte?|"
            r"étoiles?|etoiles?)\b"
        ),
        "unit",
    ),
    # "één ster", "one star", "ein Stern", "une étoile": one, in words that are also articles
    (
        re.compile(r"\b(één|eén|een|one|a|eine?n?|une?)\s+(ster|star|stern|étoile|etoile)\b"),
        "one star",
    ),
    # A German school grade, 1 is best: "Schulnote 2", "eine glatte Eins", "eine 1 mit Sternchen"
    (
        re.compile(
            r"\b(?:schulnote\s*:?\s*(?:eine?\s+)?"
            r"|eine?\s+(?:(?:glatte|klare|dicke|satte|reine|gute|starke)\s+)(?=\d|eins|zwei)"
            r"|eine?\s+(?=(?:eins|zwei|drei|vier|fünf|sechs)\b))"
            r"(\d|eins|zwei|drei|vier|fünf|sechs)" + _DONE
        ),
        "school",
    ),
    # "Note 2": a school grade to a German reader, a mark out of 5 to a French one; see _pick.
    (
        re.compile(
            r"\bnote\s*(?:ist|est|:|=)?\s*(?:eine?\s|de\s)?\s*" + _NUM + _DONE + _UNIT_AFTER
        ),
        "note",
    ),
    # "cijfer 8", "score: 4", "rating 4", "mijn cijfer is een 8"
    (
        re.compile(
            r"\b(?:cijfer|score|rating|grade|mark|beoordeling)\s*(?:is|:|=)?\s*(?:een\s|a\s)?\s*"
            + _NUM
            + _DONE
            + _UNIT_AFTER
        ),
        "plain",
    ),
    # "een 8", "een dikke 8": a Dutch school grade, so "een 5" may be out of 10 (see _pick).
    (
        re.compile(
            r"\been\s+(?:(?:dikke|ruime|mooie|vette|magere|krappe)\s+)?"
            + _NUM
            + _DONE
            + _UNIT_AFTER
        ),
        "grade",
    ),
    # "eine 2": a German school grade (1 is best) or 2 of the 5 we asked for (see _pick).
    (re.compile(r"\beine\s+(\d)" + _DONE + _UNIT_AFTER), "note"),
    # "a 4", "ik geef jullie een negen", "I'd give you 4", "I rate it 4"
    (
        re.compile(
            r"\b(?:a|an|geef\w*|give\w*|rate\w*)\s+(?:(?:jullie|u|je|you|it|het|them|"
            r"solid|strong|clear|big|een|a)\s+){0,2}" + _NUM + _DONE + _UNIT_AFTER
        ),
        "plain",
    ),
    # The answer opens with the number ("4, snel geholpen") or a line holds only it ("8!").
    (re.compile(r"\A\W*" + _NUM + _DONE + _UNIT_AFTER + r"(?=[\s,.;:!)\-–]|\Z)"), "plain"),
    (re.compile(r"^[^\w\n]*" + _NUM + r"[^\w\n]*$", re.MULTILINE), "plain"),
    # Or closes with it: "niet zo tevreden, 3".
    (re.compile(r"(?<!\d)[,;:\-–]\s*" + _NUM + r"[^\w]*\Z"), "plain"),
]
# Either of two marks ("4 or 2", "3 of 4 sterren", "tussen 3 en 5", "between 2 and 4"), and a
# mark for one thing at the start of a clause ("5 voor de service, 2 voor het product").
_EITHER_FORMS = [
    _ALONE + _NOT_A_SCALE + _MARK + r"(?=" + _OR + _OTHER_MARK + _DONE + _UNIT_AFTER + ")",
    _ALONE + _NOT_A_SCALE + _OTHER_MARK + _OR + _MARK + _DONE + _UNIT_AFTER,
    _BETWEEN + _MARK + r"(?=" + _AND + _OTHER_MARK + _DONE + _UNIT_AFTER + ")",
    _BETWEEN + _OTHER_MARK + _AND + _MARK + _DONE + _UNIT_AFTER,
    r"(?:\A|[,;.\n]|\b(?:en|and|maar|but)\b)\s*" + _MARK + r"\s+(?:voor|for)\s",
]
_SCORE_FORMS += [(re.compile(form), "either") for form in _EITHER_FORMS]
_STARS = re.compile(r"([★⭐]{1,5})")


def _number(text: str) -> float | None:
    text = text.replace(",", ".")
    if text in NUMBER_WORDS:
        return float(NUMBER_WORDS[text])
    try:
        return float(text)
    except ValueError:
        return None


def _on_five(value: float, scale: float | None) -> float | None:
    """The value on the 1-5 scale; a missing scale is 5 (what we ask) unless the number is over 5."""
    if scale is None:
        if value != int(value) and value <= 5:
            return None  # "4,5" alone: four and a half, or four or five? A person asks.
        scale = 5 if value <= 5 else 10
    if value < 0 or value > scale:
        return None
    if scale in (10, 20):
        return 1 + max(value - 1, 0) * 4 / (scale - 1)
    return max(value, 1)


_SCHOOL_WORDS = {"eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6}


def _school(text: str) -> float | None:
    """A German school grade (1 is best, 6 worst) on the 1-5 scale: 1 → 5, 2 → 4, 5 and 6 → 1."""
    grade = _SCHOOL_WORDS.get(text) or (int(text) if text.isdigit() else 0)
    return float(max(1, 6 - grade)) if 1 <= grade <= 6 else None


def _scale(kind: str, text: str) -> float | None:
    if kind == "scale":
        return _number(text)
    if kind == "unit" and text.startswith(("ster", "star")):
        return 5.0
    return None


@dataclass(frozen=True)
class Score:
    at: int
    value: float  # on the 1-5 scale, read as out of 5 when no scale is given
    words: str
    # The other reading of an ambiguous mark: "een 4" may be a grade out of 10 (2 on our scale),
    # "Note 2" a German school grade (4 on our scale).
    out_of_ten: float | None = None
    end: int = 0  # where the mark's words end in the text
    on_ten: bool = False  # written out of 10 ("8/10", "een 8")
    school: bool = False  # its other reading is a German school grade ("Note 2", "eine 2")

    @property
    def polarity(self) -> int:
        return polarity_of(self.value)

    @property
    def ambiguous(self) -> bool:
        return self.out_of_ten is not None and polarity_of(self.out_of_ten) != self.polarity


def polarity_of(value: float) -> int:
    return 1 if value >= 3.5 else -1 if value <= 2.5 else 0


def find_scores(text: str) -> list[Score]:
    """Every score the text gives, left to right, on the 1-5 scale."""
    found: dict[int, Score] = {}
    taken: list[range] = []
    for form, kind in _SCORE_FORMS:
        for match in form.finditer(text):
            if any(match.start(1) in other for other in taken):
                continue
            if re.search(r"[€$£]\s?\Z", text[: match.start(1)]):
                continue  # "€5 korting" is money
            value = 1.0 if kind == "one star" else _number(match.group(1))
            scale = _scale(kind, match.group(2) if kind in ("scale", "unit") else "")
            score = None if value is None else _on_five(value, scale)
            if kind == "school":
                score = value = _school(match.group(1))
            if score is None or value is None:
                continue
            taken.append(range(match.start(1), match.end(1)))
            if kind == "scale":  # the 5 of "4 van de 5 sterren" is the scale, not a mark
                taken.append(range(match.start(2), match.end(2)))
            grade = _on_five(value, 10) if kind == "grade" and value <= 5 else None
            if kind == "note":
                grade = _school(match.group(1))
            # Beside another mark, only the customer's own words for this one are evidence.
            words = match.group(0) if kind != "either" else text[match.start(1) : match.end(0)]
            words, end = words.strip(), match.end(0)
            on_ten = scale == 10 or (scale is None and value > 5)
            found[match.start(1)] = Score(
                match.start(1), score, words, grade, end, on_ten, school=kind == "note"
            )
    for match in _STARS.finditer(text):
        stars = float(len(match.group(1)))
        found[match.start()] = Score(match.start(), stars, match.group(1), None, match.end())
    return _one_scale([found[at] for at in sorted(found)])


def _one_scale(scores: list[Score]) -> list[Score]:
    """ "De service een 8, het product een 4": beside a mark out of 10, "een 4" is out of 10 too."""
    if not any(s.on_ten and not s.ambiguous for s in scores):
        return scores
    return [
        Score(s.at, s.out_of_ten, s.words, None, s.end, True)
        if s.ambiguous and s.out_of_ten is not None and not s.school
        else s
        for s in scores
    ]


def rounded(score: float) -> int:
    return min(5, max(1, math.floor(score + 0.5)))


def parse_score(text: str) -> int | None:
    """A score the owner or a subject line gives ("4", "4/5", "8/10", "vier"), on the 1-5 scale."""
    scores = find_scores(text.strip().lower())
    return rounded(scores[-1].value) if scores else None

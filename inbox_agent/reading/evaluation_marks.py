"""Which of the marks in an evaluation answer the customer gives, and what the others say; pure.

A mark that is negated ("not 5 stars", "5 sterren verdienen jullie niet"), asked back ("Vijf
sterren? Echt niet.") or only wished for ("would have been 5 stars if ...") is not given, and a
mark the customer corrects ("first a 4, now a 2") gives way to the later one. A mark that is not
given still says something: "not 5 stars" falls short of satisfied, "not even 1 star" and "far
from 5 stars" are unhappy. Each rule looks at one mark and says why it is not given, or nothing;
the order is data, as in `evaluation`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from inbox_agent.reading.evaluation_scores import Score, polarity_of
from inbox_agent.reading.evaluation_words import (
    CLAUSE_END,
    CONTRAST,
    CORRECTIONS,
    EVEN,
    FAR_FROM,
    FAR_WORDS,
    HYPOTHETICAL,
    MARK_FILLERS,
    NEARLY,
    NEGATORS,
    PERFECT_AUX,
    PERFECT_PARTICIPLES,
)

Tokens = list[tuple[int, str]]  # (character position, word or punctuation), lower case

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+|[.!?;:,\n]|[^\w\s]", re.UNICODE)
# How many filler words may stand between a negation and its mark: "not even close to a 5".
_MARK_REACH = 5


def tokenize(text: str) -> Tokens:
    """The words, numbers and punctuation of `text`, each with its position."""
    return [(m.start(), m.group(0).replace("’", "'")) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Withheld:
    """A mark the customer does not give, what it still says, and why it is not given."""

    score: Score
    words: str  # the customer's words: "not 5 stars"
    polarity: int  # -1 short of or below the mark, 0 nothing either way
    strong: bool  # "not even 1 star", "far from 5 stars": a verdict on its own
    why: str  # "negated mark", "mark asked back", "hypothetical mark", "corrected mark"


@dataclass(frozen=True)
class _Mark:
    """One mark with the tokens around it: its clause, and where in it the mark stands."""

    score: Score
    text: str
    tokens: Tokens
    first: int  # index of the mark's number (or first star)
    after: int  # index of the first token after the mark's words
    clause_start: int
    clause_end: int  # index of the token that ends the clause, or len(tokens)

    def word(self, index: int) -> str:
        return self.tokens[index][1]


def _span(mark: _Mark, start: int, end: int) -> str:
    """The customer's words from token `start` up to `end`, or the mark's own when empty."""
    if start >= end:
        return mark.score.words
    last_at, last = mark.tokens[end - 1]
    return mark.text[mark.tokens[start][0] : max(last_at + len(last), mark.score.end)].strip()


def _ends_clause(word: str) -> bool:
    return word in CLAUSE_END or word in CONTRAST


def _mark(text: str, tokens: Tokens, score: Score) -> _Mark | None:
    starts = [i for i, (at, _) in enumerate(tokens) if at >= score.at]
    if not starts:
        return None
    first = starts[0]
    after = next((i for i, (at, _) in enumerate(tokens) if at >= score.end), len(tokens))
    after = max(after, first + 1)
    clause_start = first
    while clause_start > 0 and not _ends_clause(tokens[clause_start - 1][1]):
        clause_start -= 1
    clause_end = after
    while clause_end < len(tokens) and not _ends_clause(tokens[clause_end][1]):
        clause_end += 1
    return _Mark(score, text, tokens, first, after, clause_start, clause_end)


# -- the rules -------------------------------------------------------------------------------


def _asked_back(mark: _Mark) -> Withheld | None:
    """ "Vijf sterren? Echt niet.": a mark in a question is the customer asking, not giving."""
    if mark.clause_end < len(mark.tokens) and mark.word(mark.clause_end) == "?":
        return Withheld(mark.score, mark.score.words, 0, False, "mark asked back")
    return None


def _hypothetical(mark: _Mark) -> Withheld | None:
    """ "Would have been 5 stars if it had lasted", "had graag 5 sterren gegeven": not given,
    and the condition that was not met is a remark against."""
    clause = {w for _, w in mark.tokens[mark.clause_start : mark.clause_end]}
    # "If" counts after the mark only: "als klant geef ik een 8" is "as", not "if".
    condition = {w for _, w in mark.tokens[mark.after : mark.clause_end]} & HYPOTHETICAL
    wished = bool(condition) or bool(clause & PERFECT_AUX and clause & PERFECT_PARTICIPLES)
    if not wished:
        return None
    return Withheld(
        mark.score, _span(mark, mark.clause_start, mark.clause_end), -1, False, "hypothetical mark"
    )


def _far_phrase_ending_at(mark: _Mark, index: int) -> int | None:
    """The start of a "far from" phrase ending at `index` ("far from", "bij lange na"), or None."""
    for phrase in FAR_FROM:
        start = index - len(phrase) + 1
        if (
            start >= mark.clause_start
            and tuple(w for _, w in mark.tokens[start : index + 1]) == phrase
        ):
            return start
    return None


def _negated_before(mark: _Mark) -> Withheld | None:
    """ "Not 5 stars", "geen 5 sterren", "I would not give 5/5", "far from a 5": the customer
    gives less than that mark. Only filler words may stand between: "no more than 2 stars" and
    "can't fault them, 5/5" give their mark."""
    even = near = False
    index = mark.first - 1
    while index >= max(mark.clause_start, mark.first - _MARK_REACH - 1):
        word = mark.word(index)
        far = _far_phrase_ending_at(mark, index)
        if far is not None or word in FAR_WORDS:
            return _below(mark, far if far is not None else index, even, True)
        if word in NEGATORS or word.endswith("n't"):
            before = _far_phrase_ending_at(mark, index - 1) if index > 0 else None
            start = before if before is not None else index
            return _below(mark, start, even, near or before is not None)
        if word not in MARK_FILLERS:
            return None
        even, near = even or word in EVEN, near or word in NEARLY
        index -= 1
    return None


def _below(mark: _Mark, start: int, even: bool, far: bool) -> Withheld:
    """What a negated mark still says: "far from 5" and "not even 2" are unhappy on their own,
    "not 5 stars" is short of satisfied, and "far from a 1" says nothing we can use."""
    value = mark.score.value
    words = _span(mark, start, mark.after)
    if far:
        polarity, strong = (-1, True) if value >= 3.5 else (0, False)
    elif even and polarity_of(value) <= 0:
        polarity, strong = -1, True
    else:
        polarity, strong = -1, False
    return Withheld(mark.score, words, polarity, strong, "negated mark")


def _negated_after(mark: _Mark) -> Withheld | None:
    """ "5 sterren verdienen jullie niet", "een 5 geef ik niet": Dutch puts "niet" at the end."""
    index = mark.after
    while index < mark.clause_end and index - mark.after <= _MARK_REACH:
        word = mark.word(index)
        if word in NEGATORS:
            rest = [w for _, w in mark.tokens[index + 1 : mark.clause_end]]
            if all(w in MARK_FILLERS for w in rest):
                words = _span(mark, mark.first, mark.clause_end)
                return Withheld(mark.score, words, -1, False, "negated mark")
            return None
        if word not in MARK_FILLERS:
            return None
        index += 1
    return None


_RULES: tuple[Callable[[_Mark], Withheld | None], ...] = (
    _asked_back,
    _hypothetical,
    _negated_before,
    _negated_after,
)


def _corrects(mark: _Mark) -> bool:
    """ "First a 4, now a 2", "eerst een 4, nu een 2": this mark replaces the ones before it."""
    lead = [w for _, w in mark.tokens[max(mark.clause_start, mark.first - 3) : mark.first]]
    return bool(set(lead) & CORRECTIONS)


def sort_marks(text: str, scores: list[Score]) -> tuple[list[Score], list[Withheld]]:
    """The marks in `text` the customer gives, and those they do not, with what those still say."""
    tokens = tokenize(text)
    given: list[Score] = []
    withheld: list[Withheld] = []
    for score in scores:
        mark = _mark(text, tokens, score)
        if mark is None:
            given.append(score)
            continue
        reason = next((w for rule in _RULES if (w := rule(mark)) is not None), None)
        if reason is not None:
            withheld.append(reason)
            continue
        if given and _corrects(mark):
            withheld += [Withheld(s, s.words, 0, False, "corrected mark") for s in given]
            given = []
        given.append(score)
    return given, withheld

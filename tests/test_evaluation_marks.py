"""Marks a customer does not give, two marks at once and far-from phrases, read as a person reads them.

A negated mark ("not 5 stars", "geen 5 sterren") is never read as that mark, two different marks
("4 or 2", "5 voor de service, 2 voor het product") are for a person to read, and "far from
satisfied" is not satisfied (issue 20, part 3). Written before the reader was changed; run
`.venv/bin/pytest tests/test_evaluation_marks.py -q` to see how many it reads right.
"""

from __future__ import annotations

import pytest
from evaluation_holdout import HOLDOUT
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from inbox_agent.reading.evaluation import Satisfaction, read_answer
from inbox_agent.reading.evaluation_marks import sort_marks
from inbox_agent.reading.evaluation_scores import find_scores

OK = Satisfaction.SATISFIED
NO = Satisfaction.UNHAPPY
UNCLEAR = Satisfaction.UNCLEAR

# (answer as written, expected verdict, expected score on 1-5)
MARKS: list[tuple[str, Satisfaction, int | None]] = [
    # A negated mark, in English: less than that mark, never that mark.
    ("not 5 stars", UNCLEAR, None),
    ("Definitely not 5 stars.", UNCLEAR, None),
    ("I would not give 5/5", UNCLEAR, None),
    ("I wouldn't give you 5 stars, the bell still rattles", NO, None),
    ("You don't deserve 5 stars", UNCLEAR, None),
    ("Not a 5, more like a 2", NO, 2),
    ("Not 4/5, more like 2/5", NO, 2),
    ("Not even 1 star", NO, None),
    ("Five stars? Not really.", NO, None),
    ("Would have been 5 stars if it had lasted more than a week", UNCLEAR, None),
    ("Not a 5, but a solid 4", OK, 4),
    ("No more than 2 stars", NO, 2),
    # The same in Dutch, where "niet" may also come after the mark.
    ("geen 5 sterren", UNCLEAR, None),
    ("Ik zou geen 4 geven", UNCLEAR, None),
    ("Zeker geen 5 sterren, de fiets kraakt nog steeds", NO, None),
    ("5 sterren verdienen jullie niet", UNCLEAR, None),
    ("Een 5/5 is het niet", UNCLEAR, None),
    ("Niet eens 1 ster", NO, None),
    ("Geen 5, eerder een 2", NO, 2),
    ("Geen 10, wel een 8", OK, 4),
    ("Vijf sterren? Echt niet.", NO, None),
    ("Ik kan jullie geen 5 sterren geven, het probleem is niet opgelost", NO, None),
    ("Had jullie graag 5 sterren gegeven, maar de accu is weer leeg", UNCLEAR, None),
    # Far from: a negation said with force.
    ("far from satisfied", NO, None),
    ("Far from happy with the repair", NO, None),
    ("Anything but satisfied", NO, None),
    ("Far from it.", NO, None),
    ("Nowhere near 5 stars", NO, None),
    ("Not even close to a 5", NO, None),
    ("Far from a 5-star experience", NO, None),
    ("verre van tevreden", NO, None),
    ("allesbehalve tevreden", NO, None),
    ("Tevreden? Verre van.", NO, None),
    ("Bij lange na geen 5 sterren", NO, None),
    ("Allesbehalve een 5", NO, None),
    ("Verre van ideaal", NO, None),
    # Two different marks: which one goes in the register is for a person to say.
    ("4 or 2", UNCLEAR, None),
    ("4 or 5", UNCLEAR, None),
    ("4 of 2", UNCLEAR, None),
    ("3 or 4 stars", UNCLEAR, None),
    ("Tussen 3 en 5", UNCLEAR, None),
    ("Somewhere between 2 and 4 stars", UNCLEAR, None),
    ("5 voor de service, 2 voor het product", UNCLEAR, None),
    ("5 for the service, 2 for the product", UNCLEAR, None),
    ("De service een 8, het product een 4", UNCLEAR, None),
    ("Een 3 of een 4, ik weet het niet", UNCLEAR, None),
    # Unless the customer says the later one replaces the first.
    ("First a 4, now a 2", NO, 2),
]


@pytest.mark.parametrize(("text", "verdict", "score"), MARKS)
def test_mark_is_read_as_a_person_reads_it(
    text: str, verdict: Satisfaction, score: int | None
) -> None:
    answer = read_answer(text)
    assert (verdict, score) == (answer.verdict, answer.score), answer.reason


def test_no_negated_or_doubled_mark_closes_a_dossier() -> None:
    """At least 30 cases; none that is unhappy or unclear is read as satisfied."""
    assert len(MARKS) >= 30
    wrongly_closed = [
        text for text, verdict, _ in MARKS if verdict is not OK and read_answer(text).satisfied
    ]
    assert [] == wrongly_closed


def test_held_out_answers_never_close_an_unhappy_or_unclear_one() -> None:
    """The held-out set was scored once on the finished reader (17 of 20 read right, none wrongly
    closed); from now on it guards the rule that matters most, SPEC §4."""
    wrongly_closed = [
        text for text, verdict, _ in HOLDOUT if verdict is not OK and read_answer(text).satisfied
    ]
    assert [] == wrongly_closed
    right = sum((read_answer(t).verdict, read_answer(t).score) == (v, s) for t, v, s in HOLDOUT)
    print(f"\nheld-out evaluation answers read right: {right}/{len(HOLDOUT)}")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("not 5 stars", "negated mark"),
        ("een 5 geef ik niet", "negated mark"),
        ("vijf sterren? echt niet.", "mark asked back"),
        ("would have been 5 stars if it had lasted", "hypothetical mark"),
        ("first a 4, now a 2", "corrected mark"),
    ],
)
def test_each_mark_not_given_says_why(text: str, why: str) -> None:
    """The rule that withholds a mark names itself."""
    _, withheld = sort_marks(text, find_scores(text))
    assert [why] == [w.why for w in withheld]


@pytest.mark.parametrize(
    "text", ["5 sterren", "no more than 2 stars", "can't fault them, 5/5", "een 4 is niet slecht"]
)
def test_a_mark_beside_a_negation_of_something_else_is_given(text: str) -> None:
    given_marks, withheld = sort_marks(text, find_scores(text))
    assert (1, []) == (len(given_marks), withheld)


NEGATIONS = [
    "not",
    "geen",
    "niet",
    "definitely not",
    "I would not give",
    "ik zou jullie geen",
    "far from",
    "verre van",
    "nowhere near",
    "bij lange na geen",
    "allesbehalve",
    "not even close to",
]
MARK_FORMS = ["{n}", "{n} stars", "{n}/5", "a {n}", "{n} sterren", "een {n}", "{n} van de 5"]
TAILS = [", maar", " tevreden", " eigenlijk", "!", ".", " want het duurde lang", " but thanks"]


@given(
    st.sampled_from(NEGATIONS),
    st.sampled_from(MARK_FORMS),
    st.integers(1, 5),
    st.lists(st.sampled_from(TAILS), max_size=3),
)
@settings(max_examples=200, deadline=None)
def test_a_negated_mark_is_never_read_as_that_mark(
    negation: str, form: str, mark: int, tail: list[str]
) -> None:
    answer = read_answer(f"{negation} {form.format(n=mark)}{''.join(tail)}")
    assert mark != answer.score, answer.reason


@given(
    st.sampled_from(
        [
            "{a} or {b}",
            "{a} of {b}",
            "{a}-{b}",
            "{a} or {b} stars",
            "tussen {a} en {b}",
            "between {a} and {b}",
            "{a} voor de service, {b} voor het product",
            "{a} for the service, {b} for the product",
        ]
    ),
    st.integers(1, 5),
    st.integers(1, 5),
)
@settings(max_examples=150, deadline=None)
def test_two_different_marks_are_unclear(form: str, first: int, second: int) -> None:
    assume(first != second)
    answer = read_answer(form.format(a=first, b=second))
    assert (UNCLEAR, None) == (answer.verdict, answer.score), answer.reason

"""A customer's mail after the resolution read as a person would: failure, question, thank-you
or unclear; pure. Only a short thank-you with nothing else in it is filed without a person."""

from __future__ import annotations

import pytest

from inbox_agent.reading.later import Later, read_later_mail

F, Q, T, U = Later.FAILURE, Later.QUESTION, Later.THANKS, Later.UNCLEAR

CASES = [
    # The solution failed, or there is a new problem.
    ("Het is weer kapot.", F),
    ("De trapas werkt weer niet.", F),
    ("Hij kraakt weer, net als eerst.", F),
    ("Het probleem is terug.", F),
    ("Nog steeds geen terugbetaling ontvangen.", F),
    ("Het is niet opgelost, de bel rammelt nog steeds.", F),
    ("Bedankt voor de reparatie, maar hij lekt alweer.", F),
    ("Ik heb weer hetzelfde probleem met de versnelling.", F),
    ("Mijn band is weer lek.", F),
    ("It broke again.", F),
    ("Still not fixed.", F),
    ("The bell still rattles after the repair.", F),
    ("Thanks for the repair, but it doesn't work.", F),
    ("I have another problem with the lock now.", F),
    ("The refund never arrived, still waiting.", F),
    # A question, or asking to hear from us.
    ("Wanneer hoor ik iets van jullie?", Q),
    ("Wanneer komt de monteur", Q),
    ("Kunt u mij de factuur nog sturen?", Q),
    ("When will I hear from you?", Q),
    ("Could you send me the invoice", Q),
    ("Thanks! Is the warranty extended now?", Q),
    ("Laat me even weten of de onderdelen binnen zijn.", Q),
    # A short thank-you and nothing more.
    ("Bedankt!", T),
    ("Hartelijk dank, de fiets rijdt weer als nieuw.", T),
    ("Thanks, all good.", T),
    ("Dank u wel voor de snelle hulp. Geen problemen meer!", T),
    ("Super, het probleem is opgelost. Groet, Piet", T),
    ("Thank you for fixing my broken bell!", T),
    ("Top, werkt weer prima 👍", T),
    ("Hij kraakt niet meer, bedankt.", T),
    ("Ok, thanks", T),
    ("Hij doet het weer.", T),
    ("De fiets rijdt weer", T),
    # Unclear: a person reads it.
    ("Bedankt, alleen de rekening klopt volgens mij niet helemaal met wat we afspraken.", U),
    ("Ik kom hem zaterdag ophalen.", U),
    ("", U),
]


@pytest.mark.parametrize(("text", "kind"), CASES)
def test_a_later_mail_is_read_as_a_person_would(text: str, kind: Later) -> None:
    assert kind == read_later_mail(text).kind


def test_only_the_customers_new_text_counts_not_the_quoted_history() -> None:
    text = "Bedankt!\n\nOp 1 december schreef Fietsenwinkel:\n> Uw ketting was kapot?\n"
    assert Later.THANKS == read_later_mail(text).kind


def test_a_long_thank_you_is_not_taken_for_just_a_thank_you() -> None:
    text = "Bedankt. " + " ".join(["Ik wil nog iets vertellen over mijn ervaring."] * 5)
    later = read_later_mail(text)
    assert (Later.UNCLEAR, True) == (later.kind, later.thankful)


def test_a_failure_or_a_question_needs_a_person_and_a_thank_you_does_not() -> None:
    assert [True, True, False, False] == [
        read_later_mail(t).needs_person
        for t in ("Het is weer kapot.", "Wanneer hoor ik iets?", "Bedankt!", "Tja.")
    ]

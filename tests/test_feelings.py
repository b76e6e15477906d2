"""The feelings reader on real-form customer openings, Dutch and English, labelled by hand.

The table is scored as a whole (a reader of moods is never perfect, and the score is what we
report): 47 of 50 at its first run, 49 of 50 after three general fixes ("belachelijke", "third
time" at a sentence's start, "need it back by tomorrow"); a held-out set it was never tuned on
scores 10 of 12. The cases the issue names, negations and quoted history must each be read right.
"""

from __future__ import annotations

import pytest

from inbox_agent.reading.feelings import ANGRY, DISAPPOINTED, URGENT, read_feelings

A, D, U = ANGRY, DISAPPOINTED, URGENT

# (the opening of a customer's first mail, the feelings a careful reader sees in it)
TABLE: list[tuple[str, set[str]]] = [
    # English
    ("I am really angry about this!", {A}),
    ("Hello, I bought a kettle from you last week and it leaks at the bottom.", set()),
    ("This is absolutely unacceptable. Third time the same fault.", {A, D}),
    ("I'm very disappointed with the bike I bought from you.", {D}),
    ("Dear sir, the parcel still has not arrived. I need it urgently for a birthday.", {U}),
    ("To whom it may concern, I am writing about order 4411. The lid is cracked.", set()),
    ("Frankly I expected better from a shop like yours.", {D}),
    ("I'm not angry, just want to let you know the light stopped working.", set()),
    ("Please reply as soon as possible, I use this phone for work.", {U}),
    ("Your salesman was rude to my wife and I am furious.", {A}),
    ("Hi, no rush, but the bell on my new bike rattles.", set()),
    ("I have never been so disappointed in a purchase.", {D}),
    ("Once again the delivery is late. Ridiculous!", {A, D}),
    ("Good morning, my invoice shows the wrong amount. Could you check it?", set()),
    ("We are fed up with waiting. Please sort this out immediately.", {A, U}),
    ("The repair was not done properly, sadly the noise is back.", {D}),
    ("Not urgent: the manual is missing from the box.", set()),
    ("I am quite unhappy with how I was treated at the counter.", {D}),
    ("This is an emergency, my wheelchair battery will not charge.", {U}),
    ("Thank you for the quick delivery, but one of the cups was broken.", set()),
    ("How dare your staff laugh at me in front of other customers.", {A}),
    ("I need the bike back by tomorrow, my daughter has an exam.", {U}),
    ("It's a pity, the colour was not what the website showed.", {D}),
    ("I wasn't disappointed by the service, but the product is faulty.", set()),
    ("Dear team, my coffee machine has stopped working after two weeks.", set()),
    # Nederlands
    ("Ik ben echt boos over hoe dit gegaan is!", {A}),
    ("Goedemiddag, de fiets die ik vorige week kocht heeft een lekke band.", set()),
    ("Ik ben erg teleurgesteld in jullie service.", {D}),
    ("Dit is werkelijk schandalig. Al drie weken wacht ik op mijn bestelling.", {A}),
    ("Graag zo snel mogelijk contact, ik heb de auto nodig voor mijn werk.", {U}),
    ("Ik ben niet boos, maar wel teleurgesteld.", {D}),
    ("Geen haast hoor, maar de standaard zit los.", set()),
    ("Beste, het is haast onmogelijk om de accu op te laden.", set()),
    ("De verkoper was onbeschoft en ik ben daar nog steeds kwaad over.", {A}),
    ("Voor de derde keer is dezelfde scheur terug. Ik baal ervan.", {D}),
    ("Het is dringend: de koelkast koelt niet meer en er ligt eten in.", {U}),
    ("Ik ben het zat, dit is onacceptabel!", {A}),
    ("Hallo, mijn rekening klopt niet, er staat een bedrag te veel op.", set()),
    ("Het viel me erg tegen hoe ik aan de balie behandeld werd.", {D}),
    ("Ik heb hem morgen nodig, kan het vandaag nog gerepareerd worden?", {U}),
    ("Wat een belachelijke gang van zaken. Ik wil per direct mijn geld terug.", {A, U}),
    ("Jammer genoeg is het scherm na een week al gebarsten.", {D}),
    ("Ik ben nog nooit zo boos geweest op een winkel.", {A}),
    ("Het zat vast toen ik het uit de doos haalde, de klep is nu gebroken.", set()),
    ("Geachte heer, mevrouw, het product is beschadigd aangekomen.", set()),
    ("Niet dringend, maar de handleiding ontbreekt.", set()),
    ("Ik ben ontevreden over de reparatie, het piept weer.", {D}),
    ("Ik ben woedend en wil dat dit onmiddellijk wordt opgelost!", {A, U}),
    ("Dank voor de snelle levering. Helaas werkt de afstandsbediening niet.", set()),
    ("Ik had beter verwacht van zo'n dure fiets.", {D}),
]

# Written after the reader was tuned on TABLE and never tuned on: what it scores on new text.
# First and only run: 10 of 12. Missed: "look at it today? I leave tomorrow" (a hurry said
# without a hurry word) and "not at all happy" ("at all" puts "not" out of the phrase's reach).
HOLDOUT: list[tuple[str, set[str]]] = [
    ("I'm so frustrated, nobody at your shop seems to care.", {A}),
    ("Sadly the replacement has the same fault as the first one.", {D}),
    ("Could you please look at it today? I leave for holiday tomorrow.", {U}),
    ("Hi there, the zip on the jacket came off. Can I bring it in?", set()),
    ("I am not at all happy with the way your mechanic spoke to me.", {D}),
    ("This is the umpteenth time I have to write to you. Disgraceful.", {A, D}),
    ("Ik vind het echt te gek voor woorden dat niemand terugbelt.", {A}),
    ("Helaas is de bel na twee dagen al afgebroken, jammer.", {D}),
    ("Wilt u mij zo spoedig mogelijk terugbellen? Ik zit zonder auto.", {U}),
    ("Beste mensen, de verlichting doet het niet. Graag een oplossing.", set()),
    ("Ik ben niet teleurgesteld in de fiets, maar de levering was laat.", set()),
    ("Wat een ergernis weer met jullie bezorging, ik ben er klaar mee!", {A}),
]


def test_the_table_is_large_enough_and_labelled_in_both_languages() -> None:
    """At least 40 openings, a fair share of them without any feeling (a plain complaint)."""
    assert len(TABLE) >= 40
    assert sum(1 for _, want in TABLE if not want) >= 12


def test_the_reader_scores_at_least_nine_in_ten_on_the_table() -> None:
    """The share of openings whose feelings are read exactly right; reported, and held."""
    wrong = [(text, want, set(read_feelings(text))) for text, want in TABLE]
    wrong = [row for row in wrong if row[1] != row[2]]
    score = 1 - len(wrong) / len(TABLE)
    print(f"feelings table: {len(TABLE) - len(wrong)}/{len(TABLE)} right ({score:.0%})")
    assert score >= 0.9, wrong


def test_the_reader_scores_at_least_three_in_four_on_text_it_was_not_tuned_on() -> None:
    wrong = [(text, want, set(read_feelings(text))) for text, want in HOLDOUT]
    wrong = [row for row in wrong if row[1] != row[2]]
    score = 1 - len(wrong) / len(HOLDOUT)
    print(f"feelings holdout: {len(HOLDOUT) - len(wrong)}/{len(HOLDOUT)} right ({score:.0%})")
    assert score >= 0.75, wrong


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I am really angry about this!", (A,)),
        ("Ik ben niet boos, maar wel teleurgesteld.", (D,)),
        ("I'm not angry at all.", ()),
        ("Geen haast.", ()),
        ("It is not urgent.", ()),
        ("I have never been so angry.", (A,)),
        ("Ik ben nog nooit zo teleurgesteld geweest.", (D,)),
    ],
)
def test_negations_turn_a_feeling_around_and_intensifiers_do_not(
    text: str, expected: tuple[str, ...]
) -> None:
    assert expected == read_feelings(text)


def test_quoted_history_is_not_read_as_the_customers_feeling() -> None:
    """Only the new words count: an angry mail quoted below a calm one is history."""
    text = (
        "Thanks, the new part fits.\n\n"
        "On Mon, 2 Nov 2026 at 10:00, Jan <jan@example.nl> wrote:\n"
        "> I am furious, this is unacceptable and I need it urgently!\n"
    )
    assert () == read_feelings(text)
    assert (A, U) == read_feelings("I am furious and need it urgently!\n> Thanks")


def test_the_subject_counts_as_the_customers_words() -> None:
    assert (A,) == read_feelings("De bel rammelt.", subject="Boos over mijn nieuwe fiets")

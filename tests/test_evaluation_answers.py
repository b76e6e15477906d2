"""Evaluation answers as customers write them, read as a person reads them: a table in both languages.

Rerun: `.venv/bin/pytest tests/test_evaluation_answers.py -q`; the share read right is printed by
`.venv/bin/pytest tests/test_evaluation_answers.py -q -s -k table_is_large`. Three batches of 40
were written blind and run once before their fixes (see the comments in the table): 37, 33 and
36 of 40 right at first.
"""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from clients import CLIENTS, reply
from hypothesis import given, settings
from hypothesis import strategies as st

from inbox_agent.config import config_from_dict
from inbox_agent.letters.compose import Composer
from inbox_agent.mail.parsing import parse
from inbox_agent.reading.evaluation import (
    Satisfaction,
    one_click_links,
    one_click_score,
    read_answer,
)
from inbox_agent.reading.evaluation_scores import parse_score

OK = Satisfaction.SATISFIED
NO = Satisfaction.UNHAPPY
UNCLEAR = Satisfaction.UNCLEAR

GMAIL_QUOTE = (
    "\n\nOn Tue, 24 Nov 2026 at 10:00, Fietsenwinkel De Ketting <klachten@ketting.nl> wrote:\n"
    "> Wilt u op deze mail antwoorden met een cijfer van 1 (zeer ontevreden) tot\n"
    "> 5 (zeer tevreden), en eventueel een toelichting?\n"
)
OUTLOOK_QUOTE = (
    "\n\n-----Oorspronkelijk bericht-----\nVan: Fietsenwinkel De Ketting <klachten@ketting.nl>\n"
    "Verzonden: dinsdag 24 november 2026 10:00\nOnderwerp: Hoe tevreden bent u?\n\n"
    "Wilt u op deze mail antwoorden met een cijfer van 1 (zeer ontevreden) tot\n"
    "5 (zeer tevreden)?\n"
)
APPLE_QUOTE = (
    "\n\nVerstuurd vanaf mijn iPhone\n\n> Op 24 nov. 2026 om 10:00 heeft Fietsenwinkel De Ketting"
    " het volgende geschreven:\n>\n> Could you reply with a score from 1 (very dissatisfied) to 5"
    " (very satisfied)?\n"
)
SIGNATURE = "\n\nMet vriendelijke groet,\n\nPiet Jansen\nDorpsstraat 4\n06-12345678\n"
SIGNATURE_EN = "\n\nKind regards,\nJohn Smith\n12 High Street, flat 3\n"

# (answer as written, expected verdict, expected score on 1-5)
ANSWERS: list[tuple[str, Satisfaction, int | None]] = [
    # Scores out of 5 and out of 10, in digits and words.
    ("4", OK, 4),
    ("4, netjes opgelost", OK, 4),
    ("3.", UNCLEAR, 3),
    ("tevreden", OK, None),
    ("5", OK, 5),
    ("4/5", OK, 4),
    ("4 / 5", OK, 4),
    ("Ik geef een 4 van de 5", OK, 4),
    ("een 8", OK, 4),
    ("Een dikke 8!", OK, 4),
    ("8/10", OK, 4),
    ("10/10", OK, 5),
    ("9 uit 10", OK, 5),
    ("vier", OK, 4),
    ("Vijf.", OK, 5),
    ("acht", OK, 4),
    ("5 sterren", OK, 5),
    ("⭐⭐⭐⭐", OK, 4),
    ("Cijfer: 5", OK, 5),
    ("Mijn cijfer is een 9", OK, 5),
    ("I'd give you a 4", OK, 4),
    ("4 out of 5", OK, 4),
    ("four", OK, 4),
    ("Score: 5/5", OK, 5),
    ("2", NO, 2),
    ("1/5 slecht", NO, 1),
    ("een 4 van de 10", NO, 2),
    ("3/10", NO, 2),
    ("twee", NO, 2),
    ("een 2, echt slecht", NO, 2),
    ("1 star", NO, 1),
    ("3", UNCLEAR, 3),
    ("een 6", UNCLEAR, 3),
    ("3 van de 5, prima", OK, 3),
    ("4,5", UNCLEAR, None),
    ("op 14-11 gekocht", UNCLEAR, None),
    # Negation, in both languages.
    ("niet echt top", NO, None),
    ("niet echt goed", NO, None),
    ("Niet tevreden.", NO, None),
    ("Ik ben niet zo tevreden, 3", NO, 3),
    ("not good at all", NO, None),
    ("Not really.", NO, None),
    ("nee, helaas", NO, None),
    ("Nee. Het kraakt nog steeds.", NO, None),
    ("valt tegen", NO, None),
    ("Het viel me eerlijk gezegd tegen.", NO, None),
    ("onvoldoende", NO, None),
    ("not satisfied at all", NO, None),
    ("I'm not happy with how this went", NO, None),
    ("De fiets werkt nog steeds niet", NO, None),
    ("Het probleem is niet opgelost", NO, None),
    ("Helemaal niet!", NO, None),
    ("Tevreden? Niet echt.", NO, None),
    ("Not satisfied, the problem came back after a week", NO, None),
    ("niet super tevreden eigenlijk", NO, None),
    ("ontevreden", NO, None),
    ("Zeer teleurgesteld in jullie service", NO, None),
    ("Disappointed. Nobody called me back.", NO, None),
    ("It still doesn't work", NO, None),
    ("Slecht geregeld, ik heb drie keer moeten bellen", NO, None),
    ("Niet slecht", UNCLEAR, None),
    # Enthusiasm without a score.
    ("super!", OK, None),
    ("Top geregeld", OK, None),
    ("perfect", OK, None),
    ("Helemaal blij!", OK, None),
    ("great job", OK, None),
    ("thanks, all sorted", OK, None),
    ("Prima geholpen, een goede service", OK, None),
    ("Heel erg tevreden, bedankt!", OK, None),
    ("Very satisfied!", OK, None),
    ("Excellent service, thank you", OK, None),
    ("Keurig opgelost, dank jullie wel", OK, None),
    ("Geen klachten meer, dank u.", OK, None),
    ("👍", OK, None),
    ("Snel opgelost, bedankt :)", OK, None),
    ("Alles werkt weer, dank!", OK, None),
    ("All good now, cheers", OK, None),
    # Mixed answers: the verdict wins over an incidental number.
    ("pas na 10 dagen antwoord, maar nu opgelost: tevreden", OK, None),
    ("took 3 weeks but I'm happy now", OK, None),
    ("Het duurde 2 weken, maar ik ben tevreden", OK, None),
    ("Na 3 mails eindelijk geholpen, tevreden", OK, None),
    ("Na 2 keer bellen goed geholpen. Een 8.", OK, 4),
    ("3 weken gewacht en nog steeds kapot", NO, None),
    ("Snel geholpen, maar niet tevreden met de oplossing", NO, None),
    ("Tevreden, maar de fiets kraakt nog steeds", UNCLEAR, None),
    ("Goed geholpen, maar het probleem is niet opgelost", UNCLEAR, None),
    ("Eerst een 4, nu een 2", NO, 2),
    ("5 maar niet tevreden", UNCLEAR, 5),
    ("Tevreden, alleen jammer dat het zo lang duurde", UNCLEAR, None),
    ("4, but it broke again", UNCLEAR, 4),
    # Emphasis, caps, typos and emoji.
    ("tevreeeden", OK, None),
    ("zeer tevrede", OK, None),
    ("satisfid", OK, None),
    ("SUPER TEVREDEN 👍", OK, None),
    ("TOPPPP", OK, None),
    ("ontevrede", NO, None),
    ("Heeeel slecht 😡", NO, None),
    ("👎", NO, None),
    ("Goooood", OK, None),
    # Quoted history, signatures and greetings below or around the answer.
    ("4" + GMAIL_QUOTE, OK, 4),
    ("Niet tevreden, het kraakt weer." + GMAIL_QUOTE, NO, None),
    ("Cijfer: 5\n\n> Geef een cijfer van 1 tot 5", OK, 5),
    ("Prima!" + OUTLOOK_QUOTE, OK, None),
    ("Tevreden" + SIGNATURE, OK, None),
    ("Hallo,\n\nIk geef jullie een 7." + SIGNATURE + OUTLOOK_QUOTE, OK, 4),
    ("Beste mensen,\n\nNee, helaas. De trapas kraakt weer." + SIGNATURE, NO, None),
    ("Happy with the result" + SIGNATURE_EN + APPLE_QUOTE, OK, None),
    ("Hi,\nnot good enough, sorry." + SIGNATURE_EN, NO, None),
    ("" + GMAIL_QUOTE, UNCLEAR, None),
    # Nothing recognisable, or too little.
    ("bedankt", UNCLEAR, None),
    ("Ik bel u morgen even.", UNCLEAR, None),
    ("Wanneer komt de monteur?", UNCLEAR, None),
    ("Ja", UNCLEAR, None),
    ("ok", UNCLEAR, None),
    ("redelijk tevreden", UNCLEAR, None),
    ("See attachment", UNCLEAR, None),
    ("Een 5!", UNCLEAR, None),  # 5 of the 5 we asked, or a poor Dutch school grade?
    ("Een 4, prima geholpen", OK, 4),
    ("een 4, slecht geholpen", NO, 2),
    # Written without running the reader, then run once: 37 of these 40 were read right at
    # first ("Een 5." after "Ik had meer verwacht" was read as satisfied, which led to the
    # school-grade rule; "niet zo best" and "not impressed" were unknown).
    ("Dank u, ik ben er heel blij mee.", OK, None),
    ("Geweldig geholpen door Kees, echt een aanrader!", OK, None),
    ("Netjes afgehandeld. 4 sterren.", OK, 4),
    ("Ik geef jullie een 9, top service", OK, 5),
    ("Eindelijk werkt alles weer zoals het hoort. Tevreden!", OK, None),
    ("Dikke prima", OK, None),
    ("Je kunt het beter niet vragen... slecht.", NO, None),
    ("Ik had meer verwacht. Een 5.", NO, 3),
    ("Het heeft veel te lang geduurd en de fiets rammelt weer.", NO, None),
    ("Eerlijk gezegd niet zo best", NO, None),
    ("Matig", UNCLEAR, None),
    ("Jullie zijn geweldig!!!", OK, None),
    ("tevreeden hoor 🙂", OK, None),
    ("2/5 - ik heb drie keer moeten mailen", NO, 2),
    ("Zeven", OK, 4),
    ("Helaas is mijn probleem nog niet opgelost", NO, None),
    ("Wat mij betreft mag het dossier dicht. Dank!", UNCLEAR, None),
    ("Ik ben nog steeds boos over hoe ik behandeld ben", NO, None),
    ("prima hoor", OK, None),
    ("Nee", NO, None),
    ("Very happy with the replacement, thank you!", OK, None),
    ("Terrible experience, never again.", NO, None),
    ("5/5 would recommend", OK, 5),
    ("It's fine I guess", UNCLEAR, None),
    ("Not bad", UNCLEAR, None),
    ("The new one works perfectly, thanks", OK, None),
    ("Still waiting for my refund.", UNCLEAR, None),
    ("Could have been faster, but all in all satisfied", OK, None),
    ("I gave up on you. 1 star.", NO, 1),
    ("Honestly? Disappointing.", NO, None),
    ("8 out of 10", OK, 4),
    ("Took ages. Not impressed.", NO, None),
    ("Yes, happy", OK, None),
    ("No, not really satisfied", NO, None),
    ("👍👍", OK, None),
    ("Amazing service!! 😍", OK, None),
    ("Meh", UNCLEAR, None),
    ("The repair lasted two days, then it broke again", NO, None),
    ("Good, thanks", OK, None),
    ("i am very satisfid with the help", OK, None),
    # A second batch written blind after the rules above settled: 33 of 40 read right at first,
    # none wrongly closed ("kon beter", "maar niks", "could be better" unknown; "€5" read as a
    # score; "⭐️" with a variation selector; "niet goed, niet slecht"; "nog niet opgehaald").
    (
        "Beste,\n\nIk ben zeer tevreden over hoe snel jullie de nieuwe ketting hebben gestuurd.\n\nGroet,\nMarieke",
        OK,
        None,
    ),
    (
        "Geachte heer/mevrouw,\n\nHelaas moet ik melden dat ik niet tevreden ben. "
        "De reparatie hield twee dagen.\n\nMet vriendelijke groet,\nH. de Boer",
        NO,
        None,
    ),
    ("Prima afgehandeld hoor. Order 123456 is binnen.", OK, None),
    ("Ja hoor, helemaal goed!", OK, None),
    ("Nou, het kon beter.", NO, None),
    ("Het is goed zo.", OK, None),
    ("Jullie hebben je best gedaan, dank daarvoor", UNCLEAR, None),
    ("9", OK, 5),
    ("Cijfer 7", OK, 4),
    ("€5 korting gekregen, prima", OK, None),
    ("Een 7,5", OK, 4),
    ("Ik vond het maar niks", NO, None),
    ("Niet goed, niet slecht", UNCLEAR, None),
    ("Klantvriendelijk en snel, echt top 👌", OK, None),
    ("ik ben ontevreeden", NO, None),
    ("Mwah", UNCLEAR, None),
    ("De monteur was vriendelijk maar de fiets kraakt nog steeds.", NO, None),
    ("Geen idee, ik heb de fiets nog niet opgehaald", UNCLEAR, None),
    ("ZEER ONTEVREDEN!!!", NO, None),
    ("⭐️⭐️⭐️⭐️⭐️", OK, 5),
    ("Thank you so much, everything works again!", OK, None),
    ("Quite satisfied overall", OK, None),
    ("Not happy. The replacement is also faulty.", NO, None),
    ("3/5", UNCLEAR, 3),
    ("It was okay", UNCLEAR, None),
    ("Brilliant, thanks a lot", OK, None),
    ("Poor communication, nobody told me anything", NO, None),
    ("Rating: 4", OK, 4),
    ("I'm satisfied but the delivery took 2 weeks", OK, None),
    ("My order number is 4. Still waiting.", UNCLEAR, None),
    ("Absolutely fantastic service!", OK, None),
    ("Not impressed at all", NO, None),
    ("yes", UNCLEAR, None),
    ("no", NO, None),
    ("Could be better", NO, None),
    ("Fine, thanks", OK, None),
    ("Really unhappy with how long this took", NO, None),
    ("Happy with the refund, ta", OK, None),
    ("satisfied :)", OK, None),
    ("Sorry for the late reply - all good, thanks!", OK, None),
    # A third blind batch, after the second's fixes: 36 of 40 right at first; one wrongly
    # closed ("excellent but the product is still faulty": "faulty" and "still" were unknown),
    # "waardeloze" (inflected), "super behulpzaam" (a remark said with force); and "een 8,5"
    # was expected as 5 where 4 (4.3 on the 1-5 scale) is right.
    (
        "Hoi,\n\nAlles is netjes opgelost en de fiets rijdt weer als een zonnetje. Bedankt!\n\nGr. Sanne",
        OK,
        None,
    ),
    ("Ik ben tevreden, al had het wel wat sneller gekund.", OK, None),
    ("Ik geef jullie een 8,5", OK, 4),
    ("4 van de 5", OK, 4),
    ("Cijfer: 2. De monteur kwam twee keer niet opdagen.", NO, 2),
    ("Eerlijk is eerlijk: uitstekend geholpen.", OK, None),
    ("Het antwoord kwam pas na 3 weken. Niet oké.", NO, None),
    ("Ben er niet blij mee.", NO, None),
    ("Opgelost, maar ik ben er niet gerust op.", UNCLEAR, None),
    ("Heel fijn, dankjewel 😊", OK, None),
    ("Tevreden: 5", OK, 5),
    ("Nee hoor, niet tevreden.", NO, None),
    ("Waardeloze service.", NO, None),
    ("Ik heb nog steeds geen nieuwe accu ontvangen!", UNCLEAR, None),
    ("Jullie zijn echt super behulpzaam geweest", OK, None),
    ("Ontevreden. Ik stap naar de geschillencommissie.", NO, None),
    ("Dank voor de snelle reactie en de goede oplossing.", OK, None),
    ("Redelijk", UNCLEAR, None),
    ("zes", UNCLEAR, 3),
    ("Matig tot slecht", NO, None),
    ("Great, thanks for sorting it out so quickly!", OK, None),
    ("I am satisfied.", OK, None),
    ("Not satisfied. Three weeks and no working bike.", NO, None),
    ("7/10", OK, 4),
    ("Was ok, took a while", UNCLEAR, None),
    ("Very disappointing, I expected better from you.", NO, None),
    ("All fixed, cheers mate", OK, None),
    ("Happy enough", OK, None),
    ("I'm not unhappy", UNCLEAR, None),
    ("Awful. Just awful.", NO, None),
    ("Yes thanks, perfect", OK, None),
    ("Can you call me please? 0612345678", UNCLEAR, None),
    ("Service was excellent but the product is still faulty", UNCLEAR, None),
    ("Superb!", OK, None),
    ("2 out of 5", NO, 2),
    ("The staff were rude.", NO, None),
    ("Lovely people, great help", OK, None),
    ("Five stars", OK, 5),
    ("Good", OK, None),
    ("Bad", NO, None),
]


@pytest.mark.parametrize(("text", "verdict", "score"), ANSWERS)
def test_answer_is_read_as_a_person_reads_it(
    text: str, verdict: Satisfaction, score: int | None
) -> None:
    answer = read_answer(text)
    assert (verdict, score) == (answer.verdict, answer.score), answer.reason


def test_the_table_is_large_and_never_closes_an_unclear_answer() -> None:
    """At least 80 answers; whatever else, nothing unhappy or unclear is read as satisfied."""
    assert len(ANSWERS) >= 80
    wrongly_closed = [
        text for text, verdict, _ in ANSWERS if verdict is not OK and read_answer(text).satisfied
    ]
    assert [] == wrongly_closed
    right = sum((read_answer(t).verdict, read_answer(t).score) == (v, s) for t, v, s in ANSWERS)
    print(f"\nevaluation answers read right: {right}/{len(ANSWERS)}")


@pytest.mark.parametrize(
    ("subject", "body", "verdict", "score"),
    [
        ("[K-2026-0001] score 4", "", OK, 4),
        ("[K-2026-0001] score 5", "\n\nVerstuurd vanaf mijn iPhone", OK, 5),
        ("[K-2026-0001] score 1", "", NO, 1),
        ("[K-2026-0001] score 3", "", UNCLEAR, 3),
        ("[K-2026-0001] score 5", "Heel snel geholpen, dank!", OK, 5),
        ("[K-2026-0001] score 5", "Niet tevreden eigenlijk", UNCLEAR, 5),
        ("[K-2026-0001] score 2", "toch wel tevreden", UNCLEAR, 2),
        # A plain reply's subject is ours and says "tevreden": it is never read.
        ("Re: Hoe tevreden bent u? [K-2026-0001]", "", UNCLEAR, None),
        ("Re: Hoe tevreden bent u? [K-2026-0001]", "een 8", OK, 4),
    ],
)
def test_one_click_answer_carries_its_score_in_the_subject(
    subject: str, body: str, verdict: Satisfaction, score: int | None
) -> None:
    answer = read_answer(body, subject)
    assert (verdict, score) == (answer.verdict, answer.score), answer.reason


def test_one_click_subject_counts_only_with_the_mails_code() -> None:
    links = one_click_links("klachten@ketting.nl", "K-2026-0001", "1a2b3c4d")
    assert links[4].endswith("?subject=%5BK-2026-0001%5D%20score%204%20code%201a2b3c4d")
    assert 4 == one_click_score("[K-2026-0001] score 4 code 1a2b3c4d", "1a2b3c4d")
    assert None is one_click_score("[K-2026-0001] score 4 code 00000000", "1a2b3c4d")
    assert None is one_click_score("[K-2026-0001] score 4", "1a2b3c4d")
    forged = read_answer("", "[K-2026-0001] score 5", code="1a2b3c4d")
    assert (UNCLEAR, None) == (forged.verdict, forged.score)


def test_one_click_links_are_percent_encoded_mailto_to_the_shop() -> None:
    links = one_click_links("klachten+shop@ketting.nl", "K-2026-0001")
    assert "mailto:a%25b@x.nl?" in one_click_links("a%b@x.nl", "K-2026-0001")[5]
    assert [5, 4, 3, 2, 1] == list(links)
    assert "mailto:klachten+shop@ketting.nl?subject=%5BK-2026-0001%5D%20score%204" == links[4]
    for score, link in links.items():
        assert " " not in link
        subject = link.split("subject=")[1].replace("%5B", "[").replace("%5D", "]")
        assert score == one_click_score(subject.replace("%20", " "))


@pytest.mark.parametrize(
    ("text", "score"),
    [("4", 4), ("4/5", 4), ("8/10", 4), ("vier", 4), ("10/10", 5), ("1", 1), ("x", None)],
)
def test_owner_score_argument(text: str, score: int | None) -> None:
    assert score == parse_score(text)


@given(st.text(max_size=300))
@settings(max_examples=150, deadline=None)
def test_any_text_is_read_without_error_and_scores_stay_on_the_scale(text: str) -> None:
    answer = read_answer(text, text[:60])
    assert answer.verdict in Satisfaction
    assert answer.score is None or 1 <= answer.score <= 5


@given(st.text(alphabet=st.characters(categories=("L", "N", "P", "Zs")), max_size=200))
@settings(max_examples=150, deadline=None)
def test_an_answer_that_opens_unhappy_is_never_read_as_satisfied(rest: str) -> None:
    """Whatever follows "Niet tevreden.", the dossier is never closed on it."""
    assert read_answer("Niet tevreden. " + rest).satisfied is not True


def test_unclear_mail_to_the_handler_explains_the_doubt_in_the_shop_language(tmp_path) -> None:
    """The handler reads why, the customer's words and the one-line commands, in Dutch here."""
    config = config_from_dict(
        {
            "shop": {"name": "De Ketting", "email": "klachten@ketting.nl", "language": "nl"},
            "owner": {"handler": "jan@ketting.nl"},
            "imap": {
                "host": "127.0.0.1",
                "port": 1,
                "security": "none",
                "username": "k",
                "password": "p",
            },
            "smtp": {"host": "127.0.0.1", "port": 1, "security": "none"},
            "storage": {"path": str(tmp_path)},
        }
    )
    dossier = {
        "reference": "K-2026-0007",
        "subject": "Trapas",
        "customer": {"name": "Piet", "email": "piet@klant.nl"},
    }
    answer = read_answer("Een vier, denk ik")
    subject, text = Composer(config).render(
        "evaluation_unclear", dossier=dossier, answer=answer, text=answer.comment
    )
    assert "[K-2026-0007] Beoordeling niet duidelijk: Trapas" == subject
    assert '"een vier" kan 4 van de 5 zijn' in text
    assert "Een vier, denk ik" in text and "#tevreden\n" in text and "#ontevreden" in text


def _evaluation_mail() -> EmailMessage:
    """Our evaluation mail, whose quoted words ("zeer tevreden", the links) must not count."""
    message = EmailMessage()
    message["From"] = "Fietsenwinkel De Ketting <klachten@ketting.nl>"
    message["To"] = "piet@klant.nl"
    message["Subject"] = "Re: Trapas kraakt [K-2026-0001]"
    message["Message-ID"] = "<K-2026-0001.evaluation.5.x@ketting.nl>"
    links = one_click_links("klachten@ketting.nl", "K-2026-0001")
    message.set_content(
        "Beste Piet,\n\nWilt u antwoorden met een cijfer van 1 (zeer ontevreden) tot\n"
        "5 (zeer tevreden)?\n\n"
        + "".join(f"{score}, zeer tevreden: <{link}>\n" for score, link in links.items())
        + "\nMet vriendelijke groet,\n\nFietsenwinkel De Ketting\n"
    )
    return message


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize(
    ("text", "verdict", "score"),
    [("een 8", OK, 4), ("Niet echt goed", NO, None), ("Tja", UNCLEAR, None)],
)
def test_each_client_reply_is_read_from_its_new_text_only(
    client: str, text: str, verdict: Satisfaction, score: int | None
) -> None:
    mail = parse(reply(client, _evaluation_mail(), "piet@klant.nl", text))
    answer = read_answer(mail.text, mail.subject)
    assert (verdict, score, text) == (answer.verdict, answer.score, answer.comment)

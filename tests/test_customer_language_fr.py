"""French: a French customer of a Dutch shop reads French, and a French shop works in French.

On real (loopback) servers a customer writing French to a Dutch shop gets every letter
(acknowledgement, the owner's relayed reply, the resolution, the evaluation, the closure) in
French, the owner gets Dutch, and the owner's own words reach the customer as written. Beside
it, every template of `templates/fr` is rendered through the render test's paths (the same
`render_all` and `problems`, with French samples) and must read as a careful French letter:
the project's detector reads it as French, and no frame word of another language is in it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
import test_templates_render as render
from clients import reply
from conftest import YEAR, complaint, make_config
from test_evaluation_flow import Clock
from test_owner_loop import dossier, mailbox, text_of
from test_timeline import SECONDS

from inbox_agent.commands import command, parse, table
from inbox_agent.commands.help import help_lines
from inbox_agent.config import Config
from inbox_agent.letters.compose import Composer
from inbox_agent.letters.mailmaker import MailMaker
from inbox_agent.reading.evaluation import read_answer
from inbox_agent.reading.language import detect_language
from inbox_agent.run.cycle import run_once
from inbox_agent.testing.servers import ImapServer, SmtpServer

NBSP = "\u00a0"
# The frame words of the other languages: none may stand in a French letter.
FOREIGN_FRAME = (
    "Geachte",
    "Beste",
    "Met vriendelijke groet",
    "Dossiernummer",
    "Hallo",
    "Dear",
    "Kind regards",
    "Reference",
    "Hello",
    "Sir or Madam",
    "Sehr geehrte",
    "Mit freundlichen Grüßen",
    "Vorgangsnummer",
    "Guten Tag",
)

JEAN = (
    "Bonjour,\n\nJ'ai acheté un vélo chez vous il y a trois semaines et le moteur ne "
    "fonctionne plus depuis hier.\n\nMarque : Gazelle\nModèle : Ultimate C380\n"
    "Numéro de série : GZ-88213\nDate d'achat : 3 mars 2026\n\nCordialement,\nJean Dupont"
)
# A Dutch owner writes to a French customer in French; the agent's frame follows the customer.
OWNER_WORDS = "Nous avons commandé un nouveau moteur ; il arrive jeudi."
RESOLUTION_WORDS = "Le moteur est remplacé gratuitement, le vélo est prêt."


def _is_french(text: str, subject: str = "") -> None:
    assert "fr" == detect_language(text, default="?", subject=subject), text
    for word in FOREIGN_FRAME:
        assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text), (word, text)


def test_a_french_customer_of_a_dutch_shop_reads_french_from_start_to_close(
    tmp_path: Any, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, **SECONDS)
    assert "nl" == config.shop.language
    clock = Clock()
    jean = f"jean.{config.shop.email.split('@')[0]}@client.fr"
    imap_server.deliver(
        config.shop.email,
        complaint(jean, config.shop.email, "Moteur en panne", JEAN, "Jean Dupont"),
    )
    run_once(config, now=clock.at(0))

    state = dossier(config)
    assert "fr" == state["language"]
    assert {"brand": "Gazelle", "model": "Ultimate C380", "serial_number": "GZ-88213"}.items() <= (
        state["fields"].items()
    )
    (acknowledgement,) = mailbox(imap_server, jean)
    text = text_of(acknowledgement)
    assert "fr" == acknowledgement["Content-Language"]
    assert text.startswith("Bonjour Jean Dupont,\n\nMerci pour votre message.\n")
    assert f"Marque{NBSP}: Gazelle" in text and "au plus tard le " in text
    assert text.rstrip().endswith(f"Référence du dossier{NBSP}: K-{YEAR}-0001")
    _is_french(text, acknowledgement["Subject"])
    (notification,) = mailbox(imap_server, config.owner.handler)
    assert "nl" == notification["Content-Language"]
    assert "Nieuwe klacht" in notification["Subject"] and "Beantwoord" in text_of(notification)

    # The owner answers in French: relayed as written, in a French frame.
    imap_server.deliver(
        config.shop.email,
        reply("gmail", notification, f"Jan <{config.owner.handler}>", OWNER_WORDS),
    )
    run_once(config, now=clock.at(0.5))
    relayed = mailbox(imap_server, jean)[-1]
    text = text_of(relayed)
    assert "fr" == relayed["Content-Language"]
    assert text.startswith(f"Bonjour Jean Dupont,\n\n{OWNER_WORDS}\n\n")
    assert "Bien cordialement," in text and f"K-{YEAR}-0001" in relayed["Subject"]
    _is_french(text)

    # `#oplossen` in Dutch, the words for the customer in French: the summary is French.
    imap_server.deliver(
        config.shop.email,
        reply(
            "gmail",
            notification,
            f"Jan <{config.owner.handler}>",
            f"#oplossen vervanging\n{RESOLUTION_WORDS}",
        ),
    )
    run_once(config, now=clock.at(1))
    assert "resolved" == dossier(config)["status"]
    resolution = mailbox(imap_server, jean)[-1]
    text = text_of(resolution)
    assert "fr" == resolution["Content-Language"]
    assert RESOLUTION_WORDS in text
    assert f"La solution que nous vous proposons{NBSP}: un remplacement." in text
    _is_french(text)

    # The evaluation (text and buttons) in French; a French "very satisfied" closes in French.
    run_once(config, now=clock.at(4))
    evaluation = mailbox(imap_server, jean)[-1]
    assert "evaluating" == dossier(config)["status"]
    text = text_of(evaluation)
    assert "fr" == evaluation["Content-Language"]
    assert "5 – très satisfait" in text
    _is_french(text)
    html = evaluation.get_body(("html",)).get_content()
    assert '<html lang="fr">' in html and "très satisfait" in html and "Dear" not in html
    imap_server.deliver(
        config.shop.email,
        reply("gmail", evaluation, jean, "Très satisfait, merci beaucoup !"),
    )
    run_once(config, now=clock.at(5))
    assert "closed" == dossier(config)["status"]
    closure = mailbox(imap_server, jean)[-1]
    text = text_of(closure)
    assert "fr" == closure["Content-Language"]
    assert "clôturé" in text and f"réclamation{NBSP}: un remplacement." in text
    assert f"«{NBSP}Très satisfait, merci beaucoup !{NBSP}»" in text  # their words, as written
    _is_french(text)

    # Everything the owner got is Dutch.
    owner_mail = mailbox(imap_server, config.owner.handler)
    assert owner_mail and all("nl" == m["Content-Language"] for m in owner_mail)
    assert all("Bonjour" not in text_of(m).splitlines()[0] for m in owner_mail)


def test_a_french_shop_works_in_french_with_its_owner(
    tmp_path: Any, imap_server: ImapServer, smtp_server: SmtpServer
) -> None:
    config = make_config(tmp_path, imap_server, smtp_server, shop__language="fr")
    marie = f"marie.{config.shop.email.split('@')[0]}@client.be"
    body = "Bonjour,\n\nLa chaîne de mon vélo a cassé après une semaine.\n\nMarie Leroy"
    imap_server.deliver(
        config.shop.email, complaint(marie, config.shop.email, "Chaîne cassée", body, "Marie Leroy")
    )
    run_once(config)

    (notification,) = mailbox(imap_server, config.owner.handler)
    text = text_of(notification)
    assert "fr" == notification["Content-Language"]
    assert "Nouvelle réclamation" in notification["Subject"]
    assert text.startswith("Bonjour")
    assert text.rstrip().endswith("La boîte e-mail des réclamations de Fietsenwinkel De Ketting")
    _is_french(text)
    (acknowledgement,) = mailbox(imap_server, marie)
    assert "fr" == acknowledgement["Content-Language"]
    _is_french(text_of(acknowledgement))

    # The French owner answers with a French command from the notification.
    imap_server.deliver(
        config.shop.email,
        reply(
            "gmail",
            notification,
            f"Jeanne <{config.owner.handler}>",
            "#résoudre remplacement\nNous vous envoyons une chaîne neuve dès demain.",
        ),
    )
    run_once(config)
    assert "resolved" == dossier(config)["status"]
    resolution = mailbox(imap_server, marie)[-1]
    text = text_of(resolution)
    assert "Nous vous envoyons une chaîne neuve dès demain." in text
    assert f"La solution que nous vous proposons{NBSP}: un remplacement." in text
    _is_french(text)


# -- Every French template, rendered through the render test's paths --------------------------
# `tests/test_templates_render.py` renders every path in every language folder and checks each
# mail (greeting, signature, detector, frame words, past dates, phone width); its French samples
# live there. Here: what is particular to French.

# The owner's whole letters: they open with their own greeting.
WHOLE_LETTERS = (
    "reply with own greeting and sign-off",
    "#resolve and a whole letter",
    "#reject with a whole letter",
)


@pytest.fixture(scope="module")
def french() -> list[render.Case]:
    """Every French case of the render test, both with and without a shop signature."""
    return [case for signed in (False, True) for case in render.render_all("fr", signed)[0]]


def test_the_render_test_covers_french(french: list[render.Case]) -> None:
    assert "fr" in render.LANGUAGES and len(french) > 300
    assert {"agenda", "deputy agenda", "#reject without a reason"} <= {c.label for c in french}


def test_the_detector_reads_every_french_mail_as_french(french: list[render.Case]) -> None:
    misread = {
        c.label: detect_language(c.text, default="?", subject=c.subject)
        for c in french
        if detect_language(c.text, default="?", subject=c.subject) != "fr"
    }
    assert {} == misread
    for case in french:
        for word in FOREIGN_FRAME:
            assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", case.text), (word, case.label)


def test_french_customer_letters_greet_and_sign_in_french(french: list[render.Case]) -> None:
    customer = [c for c in french if c.audience == "customer" and c.label not in WHOLE_LETTERS]
    assert len(customer) > 100
    for case in customer:
        first = case.text.splitlines()[0]
        assert first in ("Madame, Monsieur,", "Bonjour Piet Jansen,"), first
        assert "Bien cordialement," in case.text, case.label
        assert case.text.rstrip().endswith(f"Référence du dossier{NBSP}: K-2026-0007")
    shop = [c for c in french if c.audience == "shop"]
    signature = "La boîte e-mail des réclamations de Fietsenwinkel De Ketting"
    assert shop and all(c.text.rstrip().endswith(signature) for c in shop)
    assert all(c.text.startswith("Bonjour") for c in shop)


def test_the_command_help_mail_is_french_throughout(french: list[render.Case]) -> None:
    """The refusal and the list of commands are made in code, from the table's French data."""
    (refused, *_) = [c for c in french if c.label == "#reject without a reason"]
    assert "#refuser a besoin de la raison" in refused.text
    assert "#résoudre TYPE [texte]" in refused.text and "#aide" not in refused.text
    assert "Sans texte, #résoudre, #échéance et #accord" in " ".join(refused.text.split())
    assert "#resolve" not in refused.text and "YYYY" not in refused.text


def test_the_same_templates_in_french_as_in_english() -> None:
    folder = render.builtin_templates_dir()
    names = {
        lang: sorted(str(p.relative_to(folder / lang)) for p in (folder / lang).rglob("*.j2"))
        for lang in ("en", "fr")
    }
    assert names["en"] == names["fr"]


def test_french_typography_is_one_way_everywhere() -> None:
    """A no-break space before : ; ? ! and inside « », in every French template."""
    folder = render.builtin_templates_dir() / "fr"
    for path in folder.rglob("*.j2"):
        source = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        for number, line in enumerate(source.splitlines(), 1):
            prose = re.sub(r"\{[{%].*?[}%]\}|<[^>]*>|&\w+;", "", line)
            assert not re.search(r" [:;?!](?!=)|« | »", prose), f"{path.name}:{number}: {line}"
            assert not re.search(r"\w[;?!]|\w:(?!//|\d)", prose.replace("Subject:", "")), (
                f"{path.name}:{number}: {line}"
            )


def test_a_french_owner_writes_french_commands() -> None:
    assert "fr" in command.LANGUAGES
    resolve = parse.parse_command("#résoudre réparation nouveau rayon")
    assert ("resolve", "repair", "nouveau rayon") == (resolve.name, resolve.arg, resolve.text)
    assert "agree" == parse.parse_command("#accord 2026-12-04 vélo prêt").name
    assert "done" == parse.parse_command("#Fait").name
    assert "de" == parse.parse_command("#langue allemand").arg
    assert "closed" == parse.parse_command("#statut clôturé").arg
    with pytest.raises(command.CommandError) as refused:
        parse.parse_command("#échéance demain")
    assert "#échéance a besoin d'une date au format AAAA-MM-JJ" in refused.value.in_language("fr")


def test_the_french_command_words_and_help_are_complete() -> None:
    seen: dict[str, str] = {}
    for entry in table.COMMANDS:
        assert entry.words.get("fr"), entry.name
        assert "fr" in entry.help, entry.name
        for language in command.LANGUAGES:
            for word in entry.words.get(language, ()):
                assert seen.setdefault(word, entry.name) == entry.name, word
        assert all(NBSP in line or " :" not in line for line in help_lines(entry, "fr"))
    assert "aide" in table.HELP_WORDS
    assert parse.plain_answer("Oui, c'est fait.") is True
    assert parse.plain_answer("Non, pas encore") is False


def test_french_evaluation_answers_close_only_when_happy() -> None:
    """The evaluation letter's own scale words, answered back, read the way they say."""
    assert read_answer("5 – très satisfait").satisfied is True
    assert read_answer("Très satisfait, merci beaucoup !").satisfied is True
    assert read_answer("2 – insatisfait").satisfied is not True
    assert read_answer("1 – très insatisfait").satisfied is not True


def test_a_french_shop_writes_its_owner_help_in_french() -> None:
    config: Config = render.config("fr", signed=True)
    maker = MailMaker(config, Composer(config), b"k" * 32)
    out = maker.owner_help(mail=render.customer_mail("fr", "Piet Jansen"), reason="no token")
    assert out.subject.startswith("Non exécuté :")  # a header's spaces are plain ones
    assert out.text.startswith("Bonjour")
    _is_french(out.text)

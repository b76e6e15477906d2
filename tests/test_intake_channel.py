"""The intake channel: mail by default, or what the owner names on `#new` for a forwarded complaint."""

from __future__ import annotations

import pytest

from inbox_agent.commands.command import CommandError
from inbox_agent.commands.parse import parse_command, parse_instructions
from inbox_agent.vocabulary.terms import word


@pytest.mark.parametrize(
    "line,channel",
    [
        ("#new klant@x.nl", "mail"),
        ("#new klant@x.nl telefoon", "phone"),
        ("#nieuw klant@x.nl Telefonisch", "phone"),
        ("#new klant@x.nl balie", "counter"),
        ("#new klant@x.nl winkel", "counter"),
        ("#new klant@x.nl brief", "letter"),
        ("#new klant@x.nl webformulier", "web_form"),
        ("#new klant@x.nl mail", "mail"),
        ("#new klant@x.nl e-mail", "mail"),
        ("#new <klant@x.nl> phone", "phone"),
        ("#new klant@x.nl counter", "counter"),
        ("#new klant@x.nl letter", "letter"),
        ("#new klant@x.nl web form", "web_form"),
        ("#new klant@x.nl email", "mail"),
        ("#new klant@x.nl Balie.", "counter"),
    ],
)
def test_new_takes_the_channel_after_the_address(line: str, channel: str) -> None:
    command = parse_command(line)
    assert ("new", "klant@x.nl", channel) == (command.name, command.arg, command.text)


def test_an_unknown_channel_is_refused_naming_the_choices() -> None:
    with pytest.raises(CommandError) as caught:
        parse_command("#new klant@x.nl postduif")
    assert "'postduif'" in str(caught.value) and "telefoon" in str(caught.value)


def test_the_forwarded_text_below_new_is_the_complaint() -> None:
    instructions = parse_instructions("#new klant@x.nl balie\n\nKlant kwam langs: bel kapot.")
    assert "counter" == instructions.commands[0].text
    assert "Klant kwam langs: bel kapot." == instructions.body


@pytest.mark.parametrize(
    "code,nl,en",
    [
        ("mail", "e-mail", "email"),
        ("phone", "telefoon", "phone"),
        ("counter", "balie", "counter"),
        ("letter", "brief", "letter"),
        ("web_form", "webformulier", "web form"),
    ],
)
def test_every_channel_has_a_word_in_both_languages(code: str, nl: str, en: str) -> None:
    assert (nl, en) == (word("channel", code, "nl"), word("channel", code, "en"))

"""The evaluation mail: plain words and numbers in the text part, `mailto:` buttons only in the
HTML part, which is rendered with autoescaping (issue 20, part 3); pure."""

from __future__ import annotations

import email
import email.policy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from test_promises import START, maker_at, opened
from test_schedule import shop_config

from inbox_agent.config import Config
from inbox_agent.letters.compose import Composer, builtin_templates_dir, to_bytes
from inbox_agent.mail.parsing import parse
from inbox_agent.models import OutgoingMail
from inbox_agent.shipped import template_languages

NASTY = '<b>Piet</b> & "Co"'


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [value or "" for name, value in attrs if name == "href"]


def evaluation(config: Config, language: str = "nl", **customer: str) -> OutgoingMail:
    dossier: dict[str, Any] = opened(config)
    dossier["language"] = language
    dossier["customer"].update(customer)
    return maker_at(config, START).evaluation(dossier)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return shop_config(tmp_path)


@pytest.mark.parametrize(("language", "words"), [("nl", "5 – zeer tevreden"), ("en", "5 – very")])
def test_the_text_part_names_the_answers_in_plain_words_without_links(
    config: Config, language: str, words: str
) -> None:
    mail = evaluation(config, language)
    assert words in mail.text and "1 – " in mail.text
    assert "%" not in mail.text and "mailto:" not in mail.text and "http" not in mail.text


@pytest.mark.parametrize("language", template_languages())
def test_the_html_part_has_one_mailto_button_per_score(config: Config, language: str) -> None:
    parser = Links()
    parser.feed(evaluation(config, language).html)
    assert 5 == len(parser.hrefs)
    assert all(h.startswith("mailto:klachten@ketting.nl?subject=") for h in parser.hrefs)
    assert [f"score%20{n}" in h for n, h in zip(range(5, 0, -1), parser.hrefs, strict=True)] == [
        True
    ] * 5


def test_a_customers_name_and_subject_never_become_markup(config: Config) -> None:
    dossier: dict[str, Any] = opened(config)
    dossier["customer"]["name"] = NASTY
    dossier["subject"] = "<script>alert(1)</script> & co"
    html = maker_at(config, START).evaluation(dossier).html
    parser = Links()
    parser.feed(html)
    assert "b" not in parser.tags and "script" not in parser.tags
    assert "&lt;b&gt;Piet&lt;/b&gt; &amp; Co" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_every_html_part_is_rendered_with_autoescaping(config: Config) -> None:
    composer = Composer(config)
    names = sorted({p.name for p in builtin_templates_dir().glob("*/*.html.j2")})
    assert ["evaluation.html.j2"] == names
    assert all(env.autoescape for env in composer.html_envs.values())
    assert not any(env.autoescape for env in composer.envs.values())  # plain text stays plain


def test_the_mail_is_sent_as_text_and_html_alternatives_and_read_back_as_its_text(
    config: Config,
) -> None:
    mail = evaluation(config, name=NASTY)
    raw = to_bytes(config, mail, START)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert "multipart/alternative" == message.get_content_type()
    assert ["text/plain", "text/html"] == [p.get_content_type() for p in message.iter_parts()]
    assert "Beste <b>Piet</b> & Co," in message.get_body(("plain",)).get_content()
    assert mail.text.strip() == parse(raw).text.strip()

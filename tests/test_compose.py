"""Templates and the wire form of the mail we send."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_corpus import corpus_config

from inbox_agent.config import config_from_dict
from inbox_agent.letters.compose import Composer, TemplateError, reply_subject, text_part, to_bytes
from inbox_agent.mail.tokens import make_message_id, verify_message_id
from inbox_agent.models import OutgoingMail
from inbox_agent.shipped import template_languages

NOW = datetime(2026, 11, 27, 14, 0, tzinfo=UTC)
DOSSIER = {
    "reference": "K-2026-0007",
    "status": "acknowledged",
    "subject": "Fiets",
    "deadline": "2026-12-11",
    "received_at": "2026-11-27T15:00:00+01:00",
    "missing": ["address"],
    "customer": {"name": "Zoë", "email": "zoe@klant.nl", "phone": "", "address": ""},
}


def config_for(tmp_path: Path, language: str, templates_dir: Path | None = None):  # type: ignore[no-untyped-def]
    data = {
        "shop": {
            "name": "Fietsenwinkel De Ketting",
            "email": "klachten@ketting.nl",
            "language": language,
        },
        "owner": {"handler": "jan@ketting.nl"},
        "imap": {"host": "127.0.0.1", "security": "none", "username": "k", "password": "p"},
        "smtp": {"host": "127.0.0.1", "security": "none"},
        "storage": {"path": str(tmp_path)},
    }
    if templates_dir:
        data["storage"]["templates_dir"] = str(templates_dir)
    return config_from_dict(data)


@pytest.mark.parametrize(
    "language,greeting,date",
    [
        ("nl", "Beste Zoë", "vrijdag 11 december 2026"),
        ("en", "Dear Zoë", "Friday 11 December 2026"),
    ],
)
def test_acknowledgement_renders_in_each_language(
    tmp_path: Path, language: str, greeting: str, date: str
) -> None:
    composer = Composer(config_for(tmp_path, language))
    subject, body = composer.render(
        "acknowledgement",
        dossier=DOSSIER,
        registered=[("Naam", "Zoë"), ("Probleem", "Band lek")],
        received=datetime(2026, 11, 27, 10, 5, tzinfo=UTC),
        missing=["address"],
        subject="Re: Fiets [K-2026-0007]",
    )
    assert "Re: Fiets [K-2026-0007]" == subject
    assert greeting in body and date in body and "K-2026-0007" in body and "Band lek" in body


@pytest.mark.parametrize("language", template_languages())
@pytest.mark.parametrize("event", ["new", "followup", "reopened", "unhappy", "internal"])
def test_notification_renders(tmp_path: Path, language: str, event: str) -> None:
    composer = Composer(config_for(tmp_path, language))
    subject, body = composer.render(
        "notification",
        dossier=DOSSIER,
        event=event,
        text="Hallo",
        supplied=["phone"],
        acknowledgement_withheld="",
        standing="klachten+abc@ketting.nl",
    )
    assert subject.startswith("[K-2026-0007]") and "Hallo" in body


def test_shop_templates_override_builtin(tmp_path: Path) -> None:
    own = tmp_path / "own" / "nl"
    own.mkdir(parents=True)
    (own / "acknowledgement.txt.j2").write_text(
        "Subject: Ontvangen {{ dossier.reference }}\n\nEigen tekst.\n"
    )
    composer = Composer(config_for(tmp_path, "nl", tmp_path / "own"))
    assert ("Ontvangen K-2026-0007", "Eigen tekst.\n") == composer.render(
        "acknowledgement", dossier=DOSSIER
    )
    (own / "acknowledgement.txt.j2").write_text("Geen onderwerp {{ missing_variable }}\n")
    # Each cycle makes a new Composer, so an edited template counts from the next cycle on.
    composer = Composer(config_for(tmp_path, "nl", tmp_path / "own"))
    with pytest.raises(TemplateError, match="acknowledgement.txt.j2"):
        composer.render("acknowledgement", dossier=DOSSIER)


@pytest.mark.parametrize(
    "subject,expected",
    [
        ("Fiets", "Re: Fiets [K-2026-0007]"),
        ("Re: RE: Fiets [K-2026-0007]", "Re: Fiets [K-2026-0007]"),
        ("Antw: Fiets", "Re: Fiets [K-2026-0007]"),
    ],
)
def test_reply_subject_does_not_stack(subject: str, expected: str) -> None:
    assert expected == reply_subject(subject, "K-2026-0007")


def test_wire_form_has_threading_headers_and_encoded_words(tmp_path: Path) -> None:
    config = corpus_config(tmp_path)
    mail = OutgoingMail(
        kind="acknowledgement",
        reference="K-2026-0007",
        to=("zoe@klant.nl",),
        subject="Re: Fiets met één kapotte spaak\r\nBcc: x@y.z [K-2026-0007]",
        text="Beste Zoë,\n\nDank u.\n",
        message_id="<K-2026-0007.acknowledgement.1.abc@ketting.nl>",
        in_reply_to="<m1@klant.nl>",
        references=("<m0@klant.nl>", "<m1@klant.nl>"),
        auto_submitted="auto-replied",
    )
    raw = to_bytes(config, mail, NOW)
    assert all(b < 128 for b in raw.split(b"\r\n\r\n")[0])  # headers are 7-bit, encoded words
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert "Re: Fiets met één kapotte spaak Bcc: x@y.z [K-2026-0007]" == parsed["Subject"]
    assert parsed["Bcc"] is None
    assert "<m1@klant.nl>" == parsed["In-Reply-To"]
    assert "<m0@klant.nl> <m1@klant.nl>" == parsed["References"]
    assert "Fri, 27 Nov 2026 15:00:00 +0100" == parsed["Date"]
    assert "Beste Zoë" in parsed.get_content()


def test_notification_token_verifies_and_resists_forgery() -> None:
    key, other = b"k" * 32, b"x" * 32
    mid = make_message_id(key, "K-2026-0007.notification.1", "ketting.nl")
    assert "K-2026-0007.notification.1" == verify_message_id(key, mid, "ketting.nl")
    assert verify_message_id(other, mid, "ketting.nl") is None
    forged = mid.replace("notification.1", "notification.2")
    assert verify_message_id(key, forged, "ketting.nl") is None
    assert verify_message_id(key, mid, "evil.example") is None


_WIRE = email.policy.compat32.clone(linesep="\r\n", max_line_length=78)


@given(
    st.text(
        alphabet=st.sampled_from("ab é€😀 \t\n\r=.-") | st.characters(exclude_categories=("Cs",)),
        max_size=300,
    )
)
def test_the_direct_text_part_is_what_the_email_package_writes(text: str) -> None:
    from email.charset import QP, Charset
    from email.mime.text import MIMEText

    charset = Charset("utf-8")
    charset.body_encoding = QP
    assert MIMEText(text, "plain", charset).as_bytes(policy=_WIRE) == text_part(text)


@settings(max_examples=2000, deadline=None)
@given(
    st.sampled_from(["Subject", "To", "X-A-Rather-Long-Header-Name"]),
    st.text(
        alphabet=st.sampled_from("ab é€😀 =?_.-[]") | st.characters(exclude_categories=("Cs",)),
        min_size=1,
        max_size=400,
    ),
)
def test_encoded_words_are_what_the_email_package_writes(name: str, value: str) -> None:
    """The one-pass split of a non-ASCII header into encoded words, against the stdlib's."""
    from email.header import Header

    from inbox_agent.letters.compose import _UTF8_WORDS

    expected = Header(value, "utf-8", maxlinelen=76, header_name=name).encode(linesep="\r\n")
    assert (
        Header(value, _UTF8_WORDS, maxlinelen=76, header_name=name).encode(linesep="\r\n")
        == expected
    )


@settings(max_examples=4000, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab-é ’.\t\n\u00a0"), max_size=120)
    | st.lists(st.sampled_from(["word", "x" * 30, " ", "  ", "\n", "é.", "-"]), max_size=60).map(
        "".join
    ),
    st.sampled_from([1, 10, 72, 78]),
    st.booleans(),
    st.sampled_from([None, "\n    ", "\n  "]),
)
def test_wordwrap_is_jinjas(
    text: str, width: int, break_long: bool, wrapstring: str | None
) -> None:
    """The wordwrap filter that skips textwrap for text that fits, against Jinja's own."""
    import jinja2
    from jinja2.filters import do_wordwrap

    from inbox_agent.letters.compose import _wordwrap

    env = jinja2.Environment()
    expected = do_wordwrap(env, text, width, break_long, wrapstring)
    assert _wordwrap(env, text, width, break_long, wrapstring) == expected


@given(st.text(alphabet=st.sampled_from("ab é\t\r\n\x0b\x1c\x85\u00a0\u2028\x7f\x00")))
def test_a_clean_header_line_is_what_one_line_makes(value: str) -> None:
    from inbox_agent.letters.compose import _one_line
    from inbox_agent.mail.parsing import one_line

    assert _one_line(value) == one_line(value)

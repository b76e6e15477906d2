"""HTML-only mail bodies become the text a reader would see (inbox_agent.mail.htmltext)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inbox_agent.mail.htmltext import html_to_text


def test_paragraphs_and_line_breaks_become_lines_without_markup() -> None:
    html = (
        "<html><head><title>x</title><style>p{color:red}</style></head><body>"
        "<p>Hallo,</p><p>Mijn fiets is <b>kapot</b>.</p><div>Groet,<br>Piet</div></body></html>"
    )
    assert "Hallo,\nMijn fiets is kapot.\nGroet,\nPiet" == html_to_text(html)


def test_blockquote_lines_are_marked_as_quotes() -> None:
    html = "<div>Prima</div><blockquote>Uw reparatie<br>is klaar</blockquote><p>Jan</p>"
    assert "Prima\n> Uw reparatie\n> is klaar\n\nJan" == html_to_text(html)


def test_outlook_nbsp_paragraph_is_a_blank_line() -> None:
    html = '<p class="MsoNormal">Beste,</p><p class="MsoNormal">&nbsp;</p><p>Het slot klemt.</p>'
    assert "Beste,\n\nHet slot klemt." == html_to_text(html)


def test_lists_get_markers_and_numbers() -> None:
    html = "<ul><li>zadel</li><li>bel</li></ul><ol><li>eerst</li><li>dan</li></ol>"
    assert "- zadel\n- bel\n1. eerst\n2. dan" == html_to_text(html)


def test_link_address_follows_its_text_once() -> None:
    html = (
        '<p><a href="https://x.nl/a">onze site</a> of <a href="https://y.nl">https://y.nl</a></p>'
    )
    assert "onze site (https://x.nl/a) of https://y.nl" == html_to_text(html)


def test_table_cells_stay_on_their_row() -> None:
    html = "<table><tr><td>Merk</td><td>Gazelle</td></tr><tr><td>Type</td><td>Orange</td></tr>"
    assert "Merk | Gazelle\nType | Orange" == html_to_text(html)


def test_entities_are_decoded_and_scripts_dropped() -> None:
    html = "Tom &amp; Jerry &euro;&#8364; <script>alert(1)</script><img src=x alt=plaatje>"
    assert "Tom & Jerry €€" == html_to_text(html)


def test_pre_keeps_its_spacing() -> None:
    assert "a\n   b" == html_to_text("<pre>a\n   b</pre>")


@given(st.text(alphabet=list("<>/&;#=\"' abpdivlqureftx\n\xa0")) | st.text())
def test_any_text_gives_text_without_raising(html: str) -> None:
    assert isinstance(html_to_text(html), str)

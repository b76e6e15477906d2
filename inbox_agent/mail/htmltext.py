"""HTML mail bodies → plain text, with the standard library's HTMLParser; pure and total.

Only used for mail that has no text/plain part. The text is what a person reading the mail
would see: one line per paragraph, list items with a marker, quoted parts (`<blockquote>`)
with "> " before every line (so the quote and evaluation readers can skip them), a link's
address after its text. Scripts, styles and images are left out. Written here rather than
taken from html2text, which is GPL-licensed, and because its Markdown output is not mail text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = frozenset({"script", "style", "title", "template", "noscript", "xml"})
_BLOCK = frozenset(
    {
        "address", "article", "aside", "center", "dd", "div", "dl", "dt", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "main", "nav", "ol", "p", "section", "table", "tbody", "thead", "tfoot", "tr", "ul",
    }
)  # fmt: skip
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """The readable text of an HTML body; never raises (a parser failure gives the bare text)."""
    writer = _TextWriter()
    try:
        writer.feed(html)
        writer.close()
    except Exception:  # HTMLParser is lenient, but hostile input must never stop a mail.
        return _SPACE.sub(" ", re.sub(r"<[^>]*>", " ", html)).strip()
    return writer.text()


class _TextWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.skip = 0  # inside <script>, <style>, …
        self.pre = 0  # inside <pre>: whitespace is kept
        self.quote = 0  # <blockquote> depth
        self.lists: list[int | None] = []  # per open list: next number, None for bullets
        self.row_cells = 0  # cells already written in the current table row
        self.link: tuple[str, int] | None = None  # href and where its text began
        self.blank = False  # the current block held only (non-breaking) spaces

    # Structure.

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.end_line(keep_empty=True)
        elif tag == "blockquote":
            self.end_line()
            self.quote += 1
        elif tag == "pre":
            self.end_line()
            self.pre += 1
        elif tag in ("ul", "ol"):
            self.end_line()
            self.lists.append(1 if tag == "ol" else None)
        elif tag == "li":
            self.end_line()
            self.list_marker()
        elif tag in ("td", "th"):
            if self.row_cells:
                self.line.append(" | ")
            self.row_cells += 1
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.link = (href, len("".join(self.line)))
        elif tag in _BLOCK:
            self.end_line()
            if tag == "tr":
                self.row_cells = 0

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "blockquote":
            self.end_line()
            self.quote = max(0, self.quote - 1)
            # A blank line between the quote and what answers it, as mail clients write it.
            self.end_line(keep_empty=True)
        elif tag == "pre":
            self.end_line()
            self.pre = max(0, self.pre - 1)
        elif tag in ("ul", "ol"):
            self.end_line()
            if self.lists:
                self.lists.pop()
        elif tag == "a":
            self.end_link()
        elif tag in _BLOCK or tag == "li":
            self.end_line()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.pre:
            first, *rest = data.split("\n")
            self.line.append(first)
            for piece in rest:
                self.end_line(keep_empty=True)
                self.line.append(piece)
            return
        text = _SPACE.sub(" ", data)
        if not "".join(self.line).strip():
            text = text.lstrip(" ")
            if text and not text.replace("\xa0", "").strip(" "):
                # Outlook writes a blank line as a paragraph holding one &nbsp;.
                self.blank = True
                return
        self.line.append(text.replace("\xa0", " "))

    # Output.

    def list_marker(self) -> None:
        if not self.lists:
            self.line.append("- ")
            return
        indent = "  " * (len(self.lists) - 1)
        number = self.lists[-1]
        if number is None:
            self.line.append(f"{indent}- ")
        else:
            self.line.append(f"{indent}{number}. ")
            self.lists[-1] = number + 1

    def end_link(self) -> None:
        if self.link is None:
            return
        href, start = self.link
        self.link = None
        label = "".join(self.line)[start:].strip()
        if href.lower().startswith(("http://", "https://")) and label and href not in label:
            self.line.append(f" ({href})")

    def end_line(self, keep_empty: bool = False) -> None:
        """Finish the current line; an empty one only counts for <br> and &nbsp; paragraphs."""
        text = "".join(self.line).rstrip() if not self.pre else "".join(self.line)
        self.line = []
        if not text.strip() and not keep_empty and not self.blank:
            return
        self.blank = False
        self.lines.append("> " * self.quote + text if text.strip() else ">" * self.quote)

    def text(self) -> str:
        self.end_link()
        self.end_line()
        joined = "\n".join(line.rstrip() for line in self.lines)
        return _BLANK_RUNS.sub("\n\n", joined).strip("\n").strip()

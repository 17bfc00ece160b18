"""``nolan protocol``: read, search, compare and load the councils' protocols.

nolan protocol show tower-hamlets 7.19
nolan protocol show islington 3.3.2 --heading "Personal familiarity"
nolan protocol search haringey "need to know"
nolan protocol compare enquiries.response_time
nolan protocol load our-protocol.docx --council Camden
"""

from __future__ import annotations

import html
import re
import sys
import textwrap

from django.core.management.base import BaseCommand, CommandError

from nolan.protocols import comparison
from nolan.protocols import search as protocol_search
from nolan.protocols.documents import DocumentError, load_document
from nolan.protocols.paragraphs import Paragraph, ProtocolText
from nolan.protocols.texts import UnknownProtocol, available, load_text

WIDTH = 100


class Command(BaseCommand):
    help = "Read, search, compare and load the councils' protocols on Member/officer relations."
    requires_system_checks: list[str] = []  # reads text files only: no database, URLs or templates

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

        show = actions.add_parser("show", help="print one paragraph, e.g. 'show tower-hamlets 7.19'")
        show.add_argument("profile", help=f"the council: {', '.join(available())}")
        show.add_argument("paragraph", help="the paragraph number as cited, e.g. 7.19 or 9.16(b)")
        show.add_argument("--heading", default="", help="for a repeated number, the heading it sits under")

        search = actions.add_parser("search", help="the paragraphs that best answer a question")
        search.add_argument("profile", help=f"the council: {', '.join(available())}")
        search.add_argument("words", nargs="+", help='what to look for, e.g. "need to know"')
        search.add_argument("--limit", type=int, default=10, help="at most this many (default 10)")

        compare = actions.add_parser("compare", help="one profile parameter across every council")
        compare.add_argument("parameter", nargs="?", default="", help="e.g. enquiries.response_time")

        load = actions.add_parser("load", help="load a council's own protocol (.txt, .md or .docx)")
        load.add_argument("file", help="the protocol document")
        load.add_argument("--council", required=True, help="the council's name, e.g. 'Camden'")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "show":
            self.show(options["profile"], options["paragraph"], options["heading"])
        elif action == "search":
            self.search(options["profile"], " ".join(options["words"]), options["limit"])
        elif action == "compare":
            self.compare(options["parameter"])
        elif action == "load":
            self.load(options["file"], options["council"])

    # show

    def _text(self, profile: str) -> ProtocolText:
        try:
            return load_text(profile)
        except UnknownProtocol as error:
            raise CommandError(str(error)) from None

    def show(self, profile: str, number: str, heading: str) -> None:
        text = self._text(profile)
        found = text.all(number)
        if heading:
            match = text.find(number, heading)
            found = [match] if match else []
            if not found and text.all(number):
                headings = "; ".join(f"'{p.heading}'" for p in text.all(number))
                raise CommandError(
                    f"{text.council} {number} is not under a heading like '{heading}'. "
                    f"Its headings: {headings}."
                )
        if not found:
            near = text.suggest(number)
            hint = f" Nearest: {', '.join(near)}." if near else ""
            raise CommandError(f"{text.council} has no paragraph {number}.{hint}")
        if len(found) > 1:
            self.stdout.write(
                f"{text.council} {found[0].id} appears {len(found)} times in this text; "
                "cite it with its heading (--heading).\n"
            )
        for index, paragraph in enumerate(found):
            if index:
                self.stdout.write("")
            self._print_paragraph(text, paragraph)

    def _print_paragraph(self, text: ProtocolText, paragraph: Paragraph) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(str(text.citation(paragraph))))
        parts = [paragraph.section]
        if paragraph.heading and paragraph.heading not in paragraph.section:
            parts.append(paragraph.heading)
        place = " > ".join(part for part in parts if part)
        if place:
            self.stdout.write(place)
        if paragraph.aliases:
            self.stdout.write(f"(numbered {', '.join(paragraph.aliases)} in the text as written)")
        self.stdout.write("")
        for block in paragraph.text.split("\n") if paragraph.text else []:
            self.stdout.write(_wrap(block, ""))
        for item in text.sub_items(paragraph):
            depth = item.id.count("(") - paragraph.id.count("(")
            label = item.id[len(paragraph.id) :]
            indent = "  " * depth
            lines = item.text.split("\n")
            self.stdout.write(_wrap(f"{label} {lines[0]}", indent, indent + "    "))
            for line in lines[1:]:
                self.stdout.write(_wrap(line, indent + "    "))
        notes = [*paragraph.footnotes, *(n for item in text.sub_items(paragraph) for n in item.footnotes)]
        if notes:
            self.stdout.write("\nFootnotes:")
            for note in notes:
                self.stdout.write(_wrap(note, "  ", "    "))

    # search

    def search(self, profile: str, words: str, limit: int) -> None:
        text = self._text(profile)
        if not re.search(r"\w", words):
            raise CommandError('Give some words to search for, e.g. "need to know".')
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        hits = protocol_search.search(text, words, limit=limit)
        if not hits:
            self.stdout.write(f'No paragraph of the {text.council} protocol matches "{words}".')
            return
        plural = "s" if len(hits) != 1 else ""
        self.stdout.write(f'{text.council}: {len(hits)} paragraph{plural} for "{words}"\n')
        bold = self.stdout.isatty() if hasattr(self.stdout, "isatty") else sys.stdout.isatty()
        for rank, hit in enumerate(hits, start=1):
            cited = text.citation(hit.paragraph)
            heading = hit.paragraph.heading
            self.stdout.write(f"{rank:>2}. {cited.paragraph}  {heading}  (score {hit.score:.2f})")
            self.stdout.write(_wrap(_terminal(hit.snippet_html, bold), "    "))

    # compare

    def compare(self, key: str) -> None:
        if not key:
            self.stdout.write(comparison.format_parameter_list())
            return
        try:
            self.stdout.write(comparison.format_comparison(key))
        except KeyError as error:
            message = str(error)
            if message.startswith("'"):  # a bare KeyError
                message = f"There is no protocol parameter {key!r}."
            raise CommandError(message) from None

    # load

    def load(self, file: str, council: str) -> None:
        try:
            loaded = load_document(file, council)
        except DocumentError as error:
            raise CommandError(str(error)) from None
        text = loaded.text
        numbered = [p for p in text.paragraphs if p.parent is None]
        items = len(text.paragraphs) - len(numbered)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the {loaded.council} protocol: {len(numbered)} numbered paragraphs and {items} "
                f"sub-items, kept in {loaded.path}."
            )
        )
        if loaded.replaces_shipped:
            self.stdout.write(f"It replaces the {loaded.council} text shipped with Nolan.")
        self.stdout.write("\nParagraphs found:")
        self.stdout.write(_wrap(", ".join(text.ids()), "  "))
        repeated = sorted({p.id for p in text.paragraphs if text.is_repeated(p.id)}, key=text.ids().index)
        if repeated:
            listed = ", ".join(repeated)
            self.stdout.write(f"\nNumbers used more than once (cite them with their heading): {listed}")
        if text.unnumbered:
            self.stdout.write(f"\nCould not number {len(text.unnumbered)} block(s); they cannot be cited:")
            for block in text.unnumbered:
                first = block.replace("\n", " / ")
                self.stdout.write(_wrap(first if len(first) <= 300 else first[:297] + "...", "  - ", "    "))
        else:
            self.stdout.write("\nEvery block of text was numbered.")


def _wrap(text: str, indent: str, subsequent: str | None = None) -> str:
    return (
        textwrap.fill(
            text, WIDTH, initial_indent=indent, subsequent_indent=indent if subsequent is None else subsequent
        )
        or indent.rstrip()
    )


def _terminal(snippet_html: str, bold: bool) -> str:
    """A snippet for the terminal: marked words in bold on a terminal, else in [brackets]."""
    opening, closing = ("\033[1m", "\033[0m") if bold else ("[", "]")
    return html.unescape(snippet_html.replace("<mark>", opening).replace("</mark>", closing))

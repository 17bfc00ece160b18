"""The protocol's pages: a council's protocol paragraph by paragraph, with each rule Nolan applies
beside the paragraph it comes from; search across a protocol; one parameter compared across the
councils, with citations.

Who may see them: whoever may read the council directory (the navigation offers "Protocol" to the
same people). The texts are public documents, but Nolan is for signed-in people.

Parsing and search indexing are cached by ``nolan.protocols.texts`` and ``search``; what these pages
work out from a text and its profile (anchors, which paragraph each rule sits beside, the text split
into paragraphs and lists) is cached here too, per text and profile object, so a page costs one
look-up and a render. ``paragraph_url(citation)`` gives any page in Nolan the link for a citation.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache, wraps

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from nolan.core.citations import Citation
from nolan.directory import selectors
from nolan.govuk.pagination import page_of
from nolan.protocols import texts
from nolan.protocols.comparison import compare as compare_councils
from nolan.protocols.paragraphs import Paragraph, ProtocolText
from nolan.protocols.parameters import PARAMETERS, SECTIONS, UnknownParameter, parameter
from nolan.protocols.profiles import Profile, ProfileError, Setting, load_profile
from nolan.protocols.search import search as search_text

RESULTS_PER_PAGE = 20
LONGEST_QUESTION = 200


# Who may see ----------------------------------------------------------------------------------------


def readers_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not selectors.can_read_directory(request.user):
            raise PermissionDenied("Only people with a place in the council can read the protocol pages.")
        return view(request, *args, **kwargs)

    return wrapped


def own_slug() -> str:
    """The protocol Nolan applies here: the Council row's profile, else NOLAN_PROTOCOL_PROFILE."""
    council = selectors.the_council()
    slug = council.protocol_profile if council is not None else ""
    return slug or settings.NOLAN_PROTOCOL_PROFILE


# What the pages show of a protocol ---------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One setting of the council's profile, as shown beside the paragraph it cites."""

    key: str
    label: str
    value: str  # "10 working days", "the Leader"
    gloss: str
    note: str


@dataclass(frozen=True)
class Block:
    """A run of a paragraph's text: a paragraph of words, or a bulleted list."""

    words: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One paragraph as the protocol pages show it."""

    paragraph: Paragraph
    anchor: str  # "p-7.19"; "p-3.3.2-2" for the second paragraph a draft numbers 3.3.2
    depth: int  # 0 for a numbered paragraph, 1 for (a), 2 for (a)(i)
    marker: str  # what the number column shows: "7.19", "(b)", "(i)"
    marker_context: str  # the rest of the id, for screen readers: "9.16" before "(b)"
    blocks: tuple[Block, ...]
    rules: tuple[Rule, ...]  # the rules that cite this paragraph
    applied_with: str  # the id of the cited paragraph this is a sub-item of, if any
    section_title: str  # set on the first paragraph of a section
    section_anchor: str
    heading_title: str  # set where a heading other than the section's begins

    @property
    def id(self) -> str:
        return self.paragraph.id

    @property
    def fragment(self) -> str:
        """What a link to the paragraph's page adds to pick it out where its number is repeated."""
        return "" if self.anchor == f"p-{self.paragraph.id}" else f"#{self.anchor}"

    @property
    def is_empty(self) -> bool:
        return not self.blocks and not self.rules


@dataclass(frozen=True)
class Reading:
    """A council's protocol ready for its pages: every paragraph with its anchor and the rules
    Nolan applies beside it."""

    text: ProtocolText
    profile: Profile | None
    entries: tuple[Entry, ...]
    contents: tuple[tuple[str, str], ...]  # (section title, anchor)
    by_position: dict[int, Entry]

    @property
    def slug(self) -> str:
        return self.text.slug

    @property
    def council(self) -> str:
        return self.text.council

    @property
    def rule_count(self) -> int:
        return sum(len(entry.rules) for entry in self.entries)

    @property
    def applied_paragraph_count(self) -> int:
        return sum(1 for entry in self.entries if entry.rules)

    def entry(self, paragraph: Paragraph) -> Entry:
        return self.by_position[paragraph.position]


class NoProtocol(Http404):
    """A council Nolan holds no protocol text for."""


def reading(slug: str) -> Reading:
    """The council's protocol and its profile, worked out for the pages (cached until either file
    changes). Raises NoProtocol for a council with no text. A loaded text with no profile of its own
    is shown with no rules beside it."""
    try:
        text = texts.load_text(slug)
    except texts.UnknownProtocol as error:
        raise NoProtocol(str(error)) from None
    try:
        profile = load_profile(text.slug)
    except ProfileError:
        profile = None
    return _reading(text, profile)


_ENUMERATOR = re.compile(r"^\s*(?:[0-9]+(?:\.[0-9]+)*|[A-Z])[.)]?\s+")
_BULLET = re.compile(r"^\s*(?:[-•*–]|\u2022)\s+")


def _plain(title: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", _ENUMERATOR.sub("", title).casefold()))


def _blocks(text: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    items: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if _BULLET.match(line):
            items.append(_BULLET.sub("", line))
            continue
        if items:
            blocks.append(Block(items=tuple(items)))
            items = []
        blocks.append(Block(words=line))
    if items:
        blocks.append(Block(items=tuple(items)))
    return tuple(blocks)


def _rule(setting: Setting) -> Rule:
    param = setting.parameter
    return Rule(setting.key, param.label, setting.describe(), setting.why, setting.note)


def anchor_of(text: ProtocolText, paragraph: Paragraph) -> str:
    """The paragraph's id on the pages: "p-7.19"; a repeated number's later paragraphs get "-2", "-3"."""
    same = text.all(paragraph.id)
    if len(same) > 1:
        for count, other in enumerate(same, start=1):
            if other.position == paragraph.position and count > 1:
                return f"p-{paragraph.id}-{count}"
    return f"p-{paragraph.id}"


@lru_cache(maxsize=16)
def _reading(text: ProtocolText, profile: Profile | None) -> Reading:
    cited: dict[int, list[Setting]] = {}
    if profile is not None:
        for setting in profile.settings.values():
            for citation in setting.citations:
                paragraph = text.find(citation.paragraph, citation.heading)
                if paragraph is not None:
                    bucket = cited.setdefault(paragraph.position, [])
                    if setting not in bucket:
                        bucket.append(setting)

    entries: list[Entry] = []
    contents: list[tuple[str, str]] = []
    section, heading = None, None
    applied_ids: list[str] = []  # the cited paragraphs the current one may be a sub-item of
    for paragraph in text.paragraphs:
        section_title = section_anchor = heading_title = ""
        if paragraph.section != section:
            section = paragraph.section
            heading = None
            if section:
                section_anchor = f"section-{len(contents) + 1}"
                section_title = section
                contents.append((section, section_anchor))
        if paragraph.heading != heading:
            heading = paragraph.heading
            if heading and _plain(heading) != _plain(section or ""):
                heading_title = heading
        depth = paragraph.id.count("(")
        if depth and "(" in paragraph.id:
            cut = paragraph.id.rindex("(")
            marker, context = paragraph.id[cut:], paragraph.id[:cut]
        else:
            marker, context = paragraph.id, ""
        rules = tuple(_rule(s) for s in cited.get(paragraph.position, ()))
        if heading_title and not rules and not paragraph.text.strip():
            heading_title = f"{paragraph.id} {heading_title}"  # "4.1 Requests for written information"
        applied_ids = [i for i in applied_ids if paragraph.id.startswith(i + "(")]
        applied_with = applied_ids[-1] if applied_ids and depth else ""
        if rules:
            applied_ids.append(paragraph.id)
        entries.append(
            Entry(
                paragraph=paragraph,
                anchor=anchor_of(text, paragraph),
                depth=min(depth, 3),
                marker=marker,
                marker_context=context,
                blocks=_blocks(paragraph.text),
                rules=rules,
                applied_with=applied_with,
                section_title=section_title,
                section_anchor=section_anchor,
                heading_title=heading_title,
            )
        )
    return Reading(
        text=text,
        profile=profile,
        entries=tuple(entries),
        contents=tuple(contents),
        by_position={entry.paragraph.position: entry for entry in entries},
    )


# Links to paragraphs ---------------------------------------------------------------------------------


def paragraph_url(citation: Citation) -> str:
    """The page of the paragraph a citation names, e.g. "/protocol/tower-hamlets/7.19/". Where a draft
    repeats the number, the link goes to the one the citation's heading names."""
    slug = texts.slugify(citation.council)
    url = reverse("protocols:paragraph", args=[slug, texts.normalise_id(citation.paragraph)])
    if citation.heading:
        try:
            text = texts.load_text(slug)
        except texts.UnknownProtocol:
            return url
        found = text.find(citation.paragraph, citation.heading)
        if found is not None and text.is_repeated(found.id):
            url += "#" + anchor_of(text, found)
    return url


@dataclass(frozen=True)
class CitationLink:
    text: str
    href: str


def citation_links(citations) -> list[CitationLink]:
    return [CitationLink(str(c), paragraph_url(c)) for c in citations]


def possessive(name: str) -> str:
    """ "Islington's", "Tower Hamlets'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _others(slug: str) -> list[tuple[str, str]]:
    return [(s, texts.council_name(s)) for s in texts.available() if s != slug]


# The protocol, whole -------------------------------------------------------------------------------


@readers_only
def index(request):
    """The protocol Nolan applies here."""
    return _protocol(request, own_slug())


@readers_only
def protocol(request, slug: str):
    """Any council's protocol Nolan holds."""
    return _protocol(request, slug)


@lru_cache(maxsize=16)
def _body(text: ProtocolText, profile: Profile | None, is_own: bool) -> str:
    """The whole text with its rules, rendered once per text, profile and whether it is the
    council's own: it depends on nothing else (measured: rendering Haringey's 348 paragraphs costs
    about ten times the rest of the page)."""
    context = {"reading": _reading(text, profile), "text": text, "is_own": is_own}
    return render_to_string("protocols/includes/body.html", context)


def protocol_body(read: Reading, *, is_own: bool) -> str:
    return mark_safe(_body(read.text, read.profile, is_own))  # noqa: S308 - rendered by our template


def _protocol(request, slug: str):
    own = own_slug()
    read = reading(slug)
    return render(
        request,
        "protocols/protocol.html",
        {
            "reading": read,
            "text": read.text,
            "whose": possessive(read.council),
            "is_own": read.slug == own,
            "own_name": texts.council_name(own),
            "others": _others(read.slug),
            "unnumbered": read.text.unnumbered,
            "body": protocol_body(read, is_own=read.slug == own),
        },
    )


# One paragraph ---------------------------------------------------------------------------------


@readers_only
def paragraph(request, slug: str, paragraph: str):
    own = own_slug()
    read = reading(slug)
    text = read.text
    found = text.all(paragraph)
    if not found:
        return render(
            request,
            "protocols/no_paragraph.html",
            {
                "text": text,
                "whose": possessive(text.council),
                "asked": paragraph,
                "near": text.suggest(paragraph),
                "is_own": text.slug == own,
            },
            status=404,
        )
    shown = []
    for each in found:
        entry = read.entry(each)
        parent = text.find(each.parent) if each.parent else None
        shown.append(
            {
                "entry": entry,
                "citation": text.citation(each),
                "parent": read.entry(parent) if parent is not None else None,
                "sub_items": [read.entry(item) for item in text.sub_items(each)],
            }
        )
    first = found[0]
    last = shown[0]["sub_items"][-1].paragraph if shown[0]["sub_items"] else first
    previous = _neighbour(text, first.position, -1)
    following = _neighbour(text, last.position, +1)
    return render(
        request,
        "protocols/paragraph.html",
        {
            "reading": read,
            "text": text,
            "whose": possessive(text.council),
            "id": first.id,
            "shown": shown,
            "is_own": text.slug == own,
            "own_name": texts.council_name(own),
            "previous": previous,
            "following": following,
            "crumbs": [(reverse("protocols:protocol", args=[text.slug]), f"{text.council} protocol")],
        },
    )


def _neighbour(text: ProtocolText, position: int, step: int) -> Paragraph | None:
    position += step
    while 0 <= position < len(text.paragraphs):
        candidate = text.paragraphs[position]
        if candidate.text.strip() or text.sub_items(candidate):
            return candidate
        position += step
    return None


# Search ---------------------------------------------------------------------------------------------


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Words to search for",
        help_text="For example, out of hours, or complaint about the Chief Executive.",
        required=False,
        max_length=LONGEST_QUESTION,
        error_messages={"max_length": f"Search for {LONGEST_QUESTION} characters or fewer"},
    )
    council = forms.ChoiceField(
        label="Whose protocol",
        required=False,
        error_messages={"invalid_choice": "Choose a council from the list"},
    )

    def __init__(self, *args, own: str, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(own, f"{texts.council_name(own)} (the protocol Nolan applies)")]
        choices += [(slug, name) for slug, name in _others(own)]
        self.fields["council"].choices = choices
        self.fields["council"].initial = own
        self.fields["q"].widget.attrs.update({"type": "search", "spellcheck": "false"})
        self.fields["q"].widget.input_type = "search"


@lru_cache(maxsize=64)
def _hits(text: ProtocolText, question: str) -> tuple:
    """Every paragraph that matches, best first: all of them, for the count; kept for the next
    pages of the same results."""
    return tuple(search_text(text, question, limit=len(text.paragraphs)))


@readers_only
def search(request):
    own = own_slug()
    form = SearchForm(request.GET or None, own=own)
    slug, question, hits, page = own, "", None, None
    if form.is_bound and form.is_valid():
        slug = form.cleaned_data["council"] or own
        question = form.cleaned_data["q"].strip()
    text = reading(slug).text
    if question:
        hits = _hits(text, question)
        page = page_of(request, hits, RESULTS_PER_PAGE)
    results = (
        [
            {
                "citation": text.citation(hit.paragraph),
                "href": reverse("protocols:paragraph", args=[text.slug, hit.paragraph.id])
                + _fragment(text, hit.paragraph),
                "paragraph": hit.paragraph,
                "snippet": mark_safe(hit.snippet_html),  # noqa: S308 - escaped by search.py, <mark> only
            }
            for hit in page.object_list
        ]
        if page is not None
        else []
    )
    return render(
        request,
        "protocols/search.html",
        {
            "form": form,
            "question": question,
            "text": text,
            "whose": possessive(text.council),
            "is_own": slug == own,
            "count": len(hits) if hits is not None else None,
            "results": results,
            "page": page,
            "page_range": list(page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1))
            if page is not None
            else [],
        },
    )


def _fragment(text: ProtocolText, paragraph: Paragraph) -> str:
    return "#" + anchor_of(text, paragraph) if text.is_repeated(paragraph.id) else ""


# Comparison -----------------------------------------------------------------------------------------


def _shipped_profiles() -> tuple[Profile, ...]:
    return tuple(load_profile(slug) for slug in texts.COUNCILS)


@lru_cache(maxsize=4)
def _areas(profiles: tuple[Profile, ...]) -> tuple[dict, ...]:
    areas = []
    for area, title in SECTIONS.items():
        rows = []
        for key, param in PARAMETERS.items():
            if param.section != area:
                continue
            settings_ = [profile.setting(key) for profile in profiles]
            rows.append(
                {
                    "key": key,
                    "label": param.label,
                    "specified": sum(1 for s in settings_ if s.specified),
                    "councils": len(settings_),
                    "agree": len({s.describe() for s in settings_}) == 1,
                }
            )
        if rows:
            areas.append({"title": title, "id": f"area-{area}", "rows": rows})
    return tuple(areas)


@readers_only
def compare_list(request):
    """Every parameter, by area, with how many protocols set it and whether they agree."""
    return render(request, "protocols/compare_list.html", {"areas": _areas(_shipped_profiles())})


@readers_only
def compare(request, key: str):
    own = own_slug()
    try:
        param = parameter(key)
    except UnknownParameter:
        raise Http404(f"There is no protocol parameter {key!r}.") from None
    pairs = compare_councils(key)
    shipped = [texts.slugify(council) for council, _ in pairs]
    if own not in shipped:
        with suppress(ProfileError):  # a council's own text with no profile of its own
            pairs.insert(0, (texts.council_name(own), load_profile(own).setting(key)))
    rows = [
        {
            "council": council,
            "slug": texts.slugify(council),
            "is_own": texts.slugify(council) == own,
            "setting": setting,
            "value": setting.describe(),
            "citations": citation_links(setting.citations),
        }
        for council, setting in pairs
    ]
    values = {row["value"] for row in rows}
    return render(
        request,
        "protocols/compare.html",
        {
            "parameter": param,
            "area": SECTIONS.get(param.section, param.section),
            "rows": rows,
            "distinct": len(values),
            "specified_by": [row["council"] for row in rows if row["setting"].specified],
            "own_name": texts.council_name(own),
            "crumbs": [(reverse("protocols:compare_list"), "Compare the councils")],
        },
    )

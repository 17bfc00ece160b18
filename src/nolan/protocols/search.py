"""Search a council's protocol: the paragraphs that best answer a question, best first.

Ranking is BM25 over each paragraph's text, heading and footnotes. Words are folded to a small
English stem ("complaints" and "complaint" match; "enquiries" and "enquiry" match), common words are
ignored, and pairs of neighbouring words count as terms of their own, so "chief executive" or "need to
know" written together outrank the same words scattered. A short list of the protocols' synonyms widens
a question at a lower weight: "out of hours" also finds "non-working time", "private life" and
"inconvenient times"; "complaint" finds "concern"; "chief executive" finds "head of paid service".

``search(load_text("haringey"), "complaint about the Chief Executive")`` puts 9.02 first. Each hit has
a snippet of the paragraph, HTML-escaped, with the matched words wrapped in ``<mark>``.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from nolan.protocols.paragraphs import Paragraph, ProtocolText

__all__ = ["Hit", "search", "stem", "terms"]

K1 = 1.2
B = 0.75
SYNONYM_WEIGHT = 0.5
SNIPPET_LENGTH = 280

_STOP = """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves shall must may might upon whether whilst within without
    eg ie etc
    """
STOP_WORDS = frozenset(_STOP.split(None))

# phrase -> phrases that say the same thing in one or other of the protocols
SYNONYMS: dict[str, tuple[str, ...]] = {
    "out of hours": (
        "non-working time",
        "private life",
        "inconvenient times",
        "normal hours",
        "evening",
        "weekend",
        "emergency",
    ),
    "evening": ("out of hours", "non-working time"),
    "weekend": ("out of hours", "non-working time"),
    "complaint": ("concern", "complain", "dissatisfied", "grievance"),
    "concern": ("complaint", "dissatisfied"),
    "chief executive": ("head of paid service",),
    "head of paid service": ("chief executive",),
    "councillor": ("member",),
    "member": ("councillor",),
    "officer": ("employee", "staff"),
    "employee": ("officer", "staff"),
    "staff": ("officer", "employee"),
    "enquiry": ("request", "query", "question"),
    "deadline": ("working days", "days", "timescale", "turn round", "response time"),
    "response time": ("working days", "days", "timescale", "turn round"),
    "how long": ("working days", "days", "timescale", "turn round"),
    "confidential": ("confidence", "confidentiality", "exempt information", "part ii"),
    "bullying": ("harassment", "undue pressure", "bully"),
    "harassment": ("bullying", "undue pressure", "harass"),
    "relationship": ("familiarity", "close relationship", "family"),
    "press": ("media", "news release"),
    "media": ("press", "news release"),
    "political group": ("party group", "group meeting"),
    "party group": ("political group", "group meeting"),
    "purdah": ("election", "pre-election period"),
    "election": ("pre-election period", "election period"),
    "mayor": ("chair",),
    "legal proceedings": ("legal action", "litigation", "proceedings"),
}

# words ending in -ing or -ed that are not a verb's form
UNSTEMMED = frozenset(
    ("evening", "morning", "during", "thing", "nothing", "something", "anything", "bring", "need")
)

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def stem(word: str) -> str:
    """A light English stem: plural, possessive, -ing, -ed and -ly endings and a final e go, so the
    forms of a word meet ("enquiries"/"enquiry", "raised"/"raise", "complaints"/"complaint")."""
    word = word.casefold().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.rstrip("'")
    if len(word) <= 3 or word.isdigit() or word in UNSTEMMED:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "shes", "ches", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            if base.endswith("i"):
                base = base[:-1] + "y"
            if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            word = base
            break
    if word.endswith("ly") and len(word) > 5:
        word = word[:-2]
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _tokens(text: str) -> list[tuple[str, int, int]]:
    """(stem, start, end) for each word of ``text`` that is not a stop word."""
    found = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.casefold() in STOP_WORDS:
            continue
        found.append((stem(word), match.start(), match.end()))
    return found


def terms(text: str) -> list[str]:
    """The search terms of ``text``: stems of its words and ``stem_stem`` for each neighbouring pair."""
    stems = [token for token, _start, _end in _tokens(text)]
    return stems + [f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False)]


def _phrase_terms(phrase: str) -> list[tuple[str, float]]:
    """A synonym adds its word if it is one word, else only its word pairs (so "head of paid service"
    does not match every "service"), sharing the synonym's weight between them."""
    stems = [token for token, _start, _end in _tokens(phrase)]
    if len(stems) == 1:
        return [(stems[0], SYNONYM_WEIGHT)]
    pairs = [f"{a}_{b}" for a, b in zip(stems, stems[1:], strict=False)]
    return [(pair, SYNONYM_WEIGHT / len(pairs) ** 0.5) for pair in pairs]


def _query_terms(query: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    for term in terms(query):
        weights[term] = 1.0
    folded = " ".join(stem(token) for token in _WORD.findall(query) if token.casefold() not in STOP_WORDS)
    folded_full = " " + " ".join(_WORD.findall(query.casefold())) + " "
    for phrase, alternatives in SYNONYMS.items():
        phrase_stems = " ".join(stem(t) for t in _WORD.findall(phrase) if t.casefold() not in STOP_WORDS)
        if f" {phrase} " in folded_full or (phrase_stems and f" {phrase_stems} " in f" {folded} "):
            for alternative in alternatives:
                for term, weight in _phrase_terms(alternative):
                    weights.setdefault(term, weight)
    return weights


@dataclass(frozen=True)
class Hit:
    paragraph: Paragraph
    score: float
    snippet_html: str  # part of the paragraph's text, HTML-escaped, matched words in <mark>...</mark>


@dataclass(frozen=True)
class _Index:
    documents: tuple[Counter, ...]
    lengths: tuple[int, ...]
    average: float
    frequency: dict[str, int]


@lru_cache(maxsize=32)
def _index(text: ProtocolText) -> _Index:
    documents = []
    for paragraph in text.paragraphs:
        body = " ".join([paragraph.text, paragraph.heading, *paragraph.footnotes])
        documents.append(Counter(terms(body)) if paragraph.text.strip() else Counter())
    lengths = tuple(sum(document.values()) for document in documents)
    frequency: Counter = Counter()
    for document in documents:
        frequency.update(document.keys())
    average = sum(lengths) / max(1, sum(1 for length in lengths if length)) or 1.0
    return _Index(tuple(documents), lengths, average, dict(frequency))


def search(text: ProtocolText, query: str, limit: int = 20) -> list[Hit]:
    """The paragraphs of ``text`` that best answer ``query``, best first (at most ``limit``).
    An empty query, or one of only common words, finds nothing."""
    weights = _query_terms(query)
    if not weights or limit <= 0:
        return []
    index = _index(text)
    count = sum(1 for length in index.lengths if length)
    scored = []
    for position, document in enumerate(index.documents):
        if not document:
            continue
        score = 0.0
        matched = set()
        norm = K1 * (1 - B + B * index.lengths[position] / index.average)
        for term, weight in weights.items():
            tf = document.get(term, 0)
            if not tf:
                continue
            df = index.frequency[term]
            idf = math.log(1 + (count - df + 0.5) / (df + 0.5))
            score += weight * idf * tf * (K1 + 1) / (tf + norm)
            matched.add(term)
        if score > 0:
            scored.append((score, position, matched))
    scored.sort(key=lambda item: (-item[0], item[1]))
    hits = []
    for score, position, matched in scored[:limit]:
        paragraph = text.paragraphs[position]
        hits.append(Hit(paragraph, round(score, 4), _snippet(paragraph.text, matched)))
    return hits


def _snippet(text: str, matched: set[str]) -> str:
    """The stretch of ``text`` where the matches are thickest (a matched pair of words counts double),
    escaped, with each matched word marked."""
    tokens = _tokens(text)
    weight: dict[int, float] = {}
    for index, (token, _start, _end) in enumerate(tokens):
        if token in matched:
            weight[index] = weight.get(index, 0) + 1
        if index + 1 < len(tokens) and f"{token}_{tokens[index + 1][0]}" in matched:
            weight[index] = weight.get(index, 0) + 1
            weight[index + 1] = weight.get(index + 1, 0) + 1
    start, end = 0, len(text)
    if len(text) > SNIPPET_LENGTH:
        spans = sorted((tokens[i][1], w) for i, w in weight.items()) or [(0, 0.0)]
        best, best_weight = spans[0][0], -1.0
        for candidate, _weight in spans:
            opening = max(0, candidate - 60)
            inside = sum(w for s, w in spans if opening <= s < opening + SNIPPET_LENGTH - 20)
            if inside > best_weight:
                best, best_weight = opening, inside
        boundary = text.rfind(" ", 0, best) if best else 0
        start = boundary + 1 if boundary > 0 else 0
        end = min(len(text), start + SNIPPET_LENGTH)
        boundary = text.find(" ", end)
        end = boundary if boundary != -1 else len(text)
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for index in sorted(weight):
        _token, word_start, word_end = tokens[index]
        if word_start < start or word_end > end:
            continue
        pieces.append(html.escape(text[cursor:word_start]))
        pieces.append(f"<mark>{html.escape(text[word_start:word_end])}</mark>")
        cursor = word_end
    pieces.append(html.escape(text[cursor:end]))
    pieces.append("…" if end < len(text) else "")
    return "".join(pieces).replace("\n", " ")

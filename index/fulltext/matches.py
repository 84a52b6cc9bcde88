"""Where a query matched an article's body: the offsets the reader highlights.

Search finds which articles match; this module says where. It reads the
query for the words and phrases that search the body (and the entity names
asked for), and turns the character positions stored in the postings, or an
entity's mentions, into sorted, merged ``(start, end)`` spans of the body.
Kept apart from :mod:`index.fulltext.search` so each reads as one thing.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import query as wq
from whoosh.searching import Results, Searcher

from index.entities.entity import Analysis
from index.folding import fold
from index.fulltext.expansion import ExpandedTerms
from index.fulltext.schema import ENTITY_FIELDS, KIND_FIELDS
from index.fulltext.writer import entity_terms

__all__ = [
    "Span",
    "body_terms",
    "entity_leaves",
    "entity_spans",
    "matched_body_words",
    "merge_spans",
    "phrase_spans",
]

Span = tuple[int, int]


def body_terms(q: wq.Query) -> tuple[list[list[str]], set[str], bool]:
    """Phrases (as term lists) and standalone terms that search the body (an expanded
    word's terms among them), and whether the query also has multi-term leaves on the
    body whose terms are not known in advance (a lone ``*``), whose matched terms must
    then be recorded while collecting."""
    phrases: list[list[str]] = []
    single: set[str] = set()
    expanding = False

    def walk(node: wq.Query, negated: bool) -> None:
        nonlocal expanding
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.Phrase):
            if node.fieldname == "body" and not negated:
                phrases.append([str(w) for w in node.words])
            return
        if isinstance(node, wq.Term) and node.fieldname == "body":
            single.add(str(node.text))
            return
        if isinstance(node, ExpandedTerms) and node.fieldname == "body":
            single.update(node.words)  # known in advance: no need to record matched terms
            return
        if isinstance(node, wq.MultiTerm) and getattr(node, "fieldname", None) == "body":
            expanding = True
            return
        for child in node.children():
            walk(child, negated)

    walk(q, False)
    return phrases, single, expanding


def matched_body_words(searcher: Searcher, results: Results) -> list[str]:
    """The body words a query matched, as recorded by a ``TermsCollector``."""
    if not results.has_matched_terms():
        return []
    field = searcher.schema["body"]
    return sorted(
        {field.from_bytes(btext) for name, btext in results.matched_terms() if name == "body"}
    )


def phrase_spans(
    chars: dict[str, list[tuple[int, int, int]]], words: list[str], slop: int = 1
) -> list[Span]:
    """Spans where ``words`` occur in order, each within ``slop`` positions of the last."""
    if not words or any(w not in chars for w in words):
        return []
    by_pos = [{pos: (s, e) for pos, s, e in chars[w]} for w in words]
    spans: list[Span] = []
    for pos, start, end in chars[words[0]]:
        last, ok = pos, True
        for table in by_pos[1:]:
            nxt = next((p for p in range(last + 1, last + 1 + slop) if p in table), None)
            if nxt is None:
                ok = False
                break
            last, end = nxt, table[nxt][1]
        if ok:
            spans.append((start, end))
    return spans


def merge_spans(spans: Iterable[Span], body: str) -> tuple[Span, ...]:
    """Sorted spans, overlapping ones joined, and neighbours with only spaces between them
    joined too (so "ballistic missiles" is one match however it was asked for)."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and (s <= out[-1][1] or body[out[-1][1] : s].strip(" ") == ""):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def entity_leaves(q: wq.Query) -> list[tuple[str, str, bool]]:
    """``(field, text, is_prefix)`` of the query's leaves on entity fields (negations excluded)."""
    out: list[tuple[str, str, bool]] = []

    def walk(node: wq.Query) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.Term | wq.Prefix) and node.fieldname in ENTITY_FIELDS:
            out.append((node.fieldname, str(node.text), isinstance(node, wq.Prefix)))
            return
        for child in node.children():
            walk(child)

    walk(q)
    return out


def entity_spans(entities: Analysis, wanted: list[tuple[str, str, bool]]) -> list[Span]:
    """Mentions of the article's entities that an entity-field query asked for."""
    spans: list[Span] = []
    for ent in entities or ():
        field = KIND_FIELDS.get(ent.kind)
        if field is None:
            continue
        terms = {fold(t) for t in entity_terms([ent])["entity"]}
        for name, text, prefix in wanted:
            if name not in ("entity", field):
                continue
            if any(t.startswith(text) for t in terms) if prefix else text in terms:
                spans.extend(ent.mentions)
                break
    return spans

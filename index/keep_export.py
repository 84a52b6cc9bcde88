"""Annotations for export: rows for a table, and a W3C Web Annotation document.

:func:`rows` gives the columns and rows that ``nutgraf export notes`` writes as CSV,
JSON Lines or Markdown; :func:`web_annotations` a JSON-LD ``AnnotationCollection``
as the W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) and
Vocabulary (https://www.w3.org/TR/annotation-vocab/) define it: each annotation has
a ``motivation`` (``bookmarking``, ``tagging``, ``commenting``, ``highlighting``), a
``TextualBody`` (the tag or note text; a tag's body has purpose ``tagging``) and a
``target`` whose ``source`` is the article (its URL, or ``urn:nutgraf:ID`` when it has
none) with, for a passage, a ``TextPositionSelector`` and a ``TextQuoteSelector``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from index.model import Annotation

__all__ = ["COLUMNS", "record", "rows", "web_annotations"]

#: The columns of :func:`rows`, in order.
COLUMNS = [
    "article_id",
    "title",
    "kind",
    "tag",
    "note",
    "quote",
    "start",
    "end",
    "orphaned",
    "removed",
    "created",
    "modified",
]


def record(a: Annotation) -> dict[str, object]:
    """Everything an annotation says, by name: ``id``, ``article_id``, ``title``, ``kind``,
    ``tag``, ``note``, ``quote``, ``start`` and ``end`` (None for an orphaned highlight),
    ``orphaned``, ``removed``, ``created``, ``modified``; the rows of :func:`rows` and
    ``nutgraf notes --json`` are chosen from it."""
    return {
        "id": a.id,
        "article_id": a.article_id,
        "title": a.title,
        "kind": a.kind,
        "tag": a.tag,
        "note": a.note,
        "quote": a.exact,
        "start": a.start if not a.orphaned else None,
        "end": a.end if not a.orphaned else None,
        "orphaned": a.orphaned,
        "removed": a.removed,
        "created": a.created,
        "modified": a.modified,
    }


def rows(kept: Sequence[Annotation]) -> tuple[list[str], list[dict[str, object]]]:
    """``(COLUMNS, one dict per annotation)``; a missing value is None (an empty cell)."""
    out = [{c: full[c] for c in COLUMNS} for full in map(record, kept)]
    return list(COLUMNS), out


def _source(article_id: str, urls: Mapping[str, str]) -> str:
    return urls.get(article_id) or f"urn:nutgraf:{article_id}"


def web_annotation(a: Annotation, urls: Mapping[str, str]) -> dict[str, object]:
    """One annotation as a W3C Web Annotation (without its own ``@context``)."""
    target: dict[str, object] = {"source": _source(a.article_id, urls)}
    if a.exact is not None:
        selectors: list[dict[str, object]] = [
            {
                "type": "TextQuoteSelector",
                "exact": a.exact,
                "prefix": a.prefix or "",
                "suffix": a.suffix or "",
            }
        ]
        if not a.orphaned and a.start is not None and a.end is not None:
            selectors.insert(0, {"type": "TextPositionSelector", "start": a.start, "end": a.end})
        target["selector"] = selectors
    item: dict[str, object] = {
        "id": f"urn:nutgraf:annotation:{a.id}",
        "type": "Annotation",
        "motivation": a.motivation,
        "created": a.created,
        "modified": a.modified,
        "target": target,
    }
    text = a.tag if a.kind == "tag" else a.note
    if text is not None:
        body: dict[str, object] = {"type": "TextualBody", "value": text, "format": "text/plain"}
        if a.kind == "tag":
            body["purpose"] = "tagging"
        item["body"] = body
    return item


def web_annotations(kept: Sequence[Annotation], urls: Mapping[str, str]) -> dict[str, object]:
    """An ``AnnotationCollection`` with every annotation of ``kept`` in its first page;
    ``urls`` maps article ids to their URLs (the target's source)."""
    items = [web_annotation(a, urls) for a in kept]
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "label": "nutgraf annotations",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }

"""Model spans written by hand, for testing the entity rules one at a time.

A test names each span by its surface text, the model's label and which occurrence
of that text it is, as the model would tag it; :func:`named` runs the rules
(:func:`index.entities.resolve.resolve`) on them.
"""

from __future__ import annotations

import re

from index.entities.entity import Entity
from index.entities.resolve import resolve

#: ``(surface text, label, n-th occurrence from 0)`` of each span.
Tagged = list[tuple[str, str, int]]


def spans(text: str, tagged: Tagged) -> list[tuple[int, int, str]]:
    """The ``(start, end, label)`` spans of ``tagged`` in ``text``."""
    out = []
    for surface, label, nth in tagged:
        start = [m.start() for m in re.finditer(re.escape(surface), text)][nth]
        out.append((start, start + len(surface), label))
    return out


def named(text: str, tagged: Tagged) -> dict[str, Entity]:
    """The entities the rules make of ``tagged``, by name."""
    return {e.name: e for e in resolve(text, spans(text, tagged))}


def texts(text: str, entity: Entity) -> list[str]:
    """The text of each of ``entity``'s mentions."""
    return [text[s:e] for s, e in entity.mentions]

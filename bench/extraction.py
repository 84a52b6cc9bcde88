"""Main-text extraction on real pages, through nutgraf's HTML reader and bare trafilatura.

* Zyte's article-extraction benchmark (``scrapinghub_aeb``), with its own
  metric: tokens are ``\\w+`` matches grouped into overlapping 4-token shingles;
  per page the shingle multisets give tp/fp/fn; precision is the mean over pages
  with tp+fp > 0, recall the mean over pages with tp+fn > 0, F1 their harmonic
  mean.
* trafilatura's English evaluation pages: the share of must-contain snippets
  found (``must_contain``) and of must-not-contain snippets present
  (``must_not_contain``), looked for in the title and body nutgraf keeps.

    uv run python -m bench.extraction
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from bench.common import SHARED

AEB = SHARED / "html_extraction" / "scrapinghub_aeb"
TEV = SHARED / "html_extraction" / "trafilatura_eval_en"
_TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str | None], str]


def _spread(items: dict[str, Any], limit: int | None) -> dict[str, Any]:
    """All of ``items``, or ``limit`` of them spread evenly over the sorted keys."""
    keys = sorted(items)
    if limit is not None and limit < len(keys):
        keys = [keys[i * len(keys) // limit] for i in range(limit)]
    return {k: items[k] for k in keys}


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + 4]) for i in range(max(0, len(tokens) - 3)))


def aeb_scores(extract: Extractor, limit: int | None = None) -> dict[str, float]:
    """Precision, recall and F1 of ``extract`` on the AEB pages (every ``n``-th for a limit)."""
    truth = _spread(json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8")), limit)
    precisions: list[float] = []
    recalls: list[float] = []
    for key, item in sorted(truth.items()):
        html = gzip.decompress((AEB / "html" / f"{key}.html.gz").read_bytes()).decode(
            "utf-8", "replace"
        )
        predicted, gold = _shingles(extract(html, item.get("url"))), _shingles(item["articleBody"])
        tp = sum((predicted & gold).values())
        fp = sum(predicted.values()) - tp
        fn = sum(gold.values()) - tp
        if tp + fp:
            precisions.append(tp / (tp + fp))
        if tp + fn:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4),
        "pages": len(truth),
    }


def snippet_rates(extract: Extractor, limit: int | None = None) -> dict[str, float]:
    """Share of must-contain snippets found (``with_found``) and of must-not-contain
    snippets absent (``without_absent``) and present (``without_found``, the
    must-not-contain rate), each snippet a plain substring test as trafilatura scores it."""
    annotations = _spread(json.loads((TEV / "annotations.json").read_text(encoding="utf-8")), limit)
    found = wanted = absent = unwanted = 0
    for url, item in sorted(annotations.items()):
        html = gzip.decompress((TEV / "html" / item["file"]).read_bytes()).decode(
            "utf-8", "replace"
        )
        text = extract(html, url if url.startswith("http") else None)
        for snippet in item.get("with", []):
            wanted += 1
            found += snippet in text
        for snippet in item.get("without", []):
            unwanted += 1
            absent += snippet not in text
    return {
        "with_found": round(found / max(1, wanted), 4),
        "without_absent": round(absent / max(1, unwanted), 4),
        "without_found": round((unwanted - absent) / max(1, unwanted), 4),
        "pages": len(annotations),
    }


def _nutgraf_article(html: str, url: str | None) -> Any:
    """The Article nutgraf's HTML reader makes of a page, or None."""
    from index.article import Article
    from index.readers.base import Input
    from index.readers.html import read_html

    src = Input.from_bytes(url or "page.html", "page.html", html.encode("utf-8"), url=url)
    try:
        items = list(read_html(src))
    except Exception:
        return None
    return next((i for i in items if isinstance(i, Article)), None)


def nutgraf_extract(html: str, url: str | None) -> str:
    """The body nutgraf keeps for a page (the headline is the title, not in the body)."""
    article = _nutgraf_article(html, url)
    return article.body if article is not None else ""


def nutgraf_shown(html: str, url: str | None) -> str:
    """What nutgraf shows of a page: its title over its body (trafilatura's
    evaluation snippets include headlines, which nutgraf keeps as the title)."""
    article = _nutgraf_article(html, url)
    return f"{article.title}\n\n{article.body}" if article is not None else ""


def trafilatura_extract(**options: Any) -> Extractor:
    """Bare trafilatura with ``options``, for comparison."""
    import trafilatura

    def extract(html: str, url: str | None) -> str:
        return trafilatura.extract(html, url=url, include_comments=False, **options) or ""

    return extract


def run(compare: bool = True, limit: int | None = None) -> dict[str, object]:
    """nutgraf's reader on both sets (``limit`` pages of each), and bare trafilatura beside it.

    AEB scores nutgraf's body (its ground truth leaves the headline out);
    trafilatura's snippets are looked for in the title and body (they include
    headlines, which nutgraf keeps as the title). The headline figures are
    ``aeb_f1``, ``must_contain`` (share of must-contain snippets found) and
    ``must_not_contain`` (share of must-not-contain snippets present).
    """
    aeb = aeb_scores(nutgraf_extract, limit)
    snippets = snippet_rates(nutgraf_shown, limit)
    report: dict[str, object] = {"nutgraf": {"aeb": aeb, "eval": snippets}}
    if compare:
        for name, options in (
            ("default", {}),
            ("favor_precision", {"favor_precision": True}),
            ("favor_recall", {"favor_recall": True}),
        ):
            extract = trafilatura_extract(**options)
            report[f"trafilatura_{name}"] = {
                "aeb": aeb_scores(extract, limit),
                "eval": snippet_rates(extract, limit),
            }
    report["aeb_f1"] = aeb["f1"]
    report["must_contain"] = snippets["with_found"]
    report["must_not_contain"] = snippets["without_found"]
    return report


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))

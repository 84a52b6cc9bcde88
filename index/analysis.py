"""The old home of the analyser, kept for the search indexes that name it.

Whoosh pickles an index's schema into the index's table of contents, and with
it the analyser's class by module path: every index written before the
analysis moved into :mod:`index.fulltext` names ``index.analysis.NewsAnalyzer``,
and unpickling it would fail without this module (found by
``bench/same_output.py``: every search of such a library said "the search
index is damaged (No module named 'index.analysis')"). New code imports
:mod:`index.fulltext.analysis`; a test opens an index written under this name.
"""

from __future__ import annotations

from index.fulltext.analysis import NewsAnalyzer

__all__ = ["NewsAnalyzer"]

"""nutgraf's library: ingest and cleaning, entities, the Whoosh index and search.

A plain library with no user-interface imports (a test proves it never loads
textual or rich), so that the command line, the reader and scripts share it.
Import the pieces from their modules: :mod:`index.library` for a library,
:mod:`index.ingest` to add articles, :mod:`index.fulltext.search` for results.
"""

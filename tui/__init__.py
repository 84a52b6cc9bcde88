"""nutgraf's presentation layer: the command line and the Textual reader.

Nothing here stores or searches; it asks :mod:`index` and shows the answers.
"""

"""Everything from bytes to :class:`~index.article.Article`: finding inputs, reading them.

``sources`` turns what the user named (files, folders, URLs, stdin) into
inputs; ``intake`` reads each once; ``dispatch`` picks the reader for its
format (``plain``, ``markdown``, ``html``, ``jsonl``, ``feed``); ``decoding``,
``cleaning`` and ``dates`` are what the readers share. Nothing is imported
here, so that code needing one piece (the reader needs ``decoding``) does not
load every format's reader.
"""

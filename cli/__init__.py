"""The ``nutgraf`` command line: parsing (``main``, ``options``), what each command does
(``commands``), and how its results are shown to people (``views``, through the inert
``console``). Beside ``tui/``, the reader, which ``nutgraf`` and ``nutgraf read`` open.
"""

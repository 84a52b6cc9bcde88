"""What the reader writes to a real terminal: no byte of outside text acts on it.

The reader runs in a pseudo-terminal (see ``tests/terminal.py``) on a library
whose every field is hostile: JSON Lines title, source and author, Markdown
front matter, a title made from a file name, the body, and a file name that
the add dialog reports, an entity name, the library's folder name. It is driven through the article, the results, the
library's entities, the command palette, the add dialog and the original
text; then the bytes it wrote are checked. Each field carries a marker, so the
test also proves the field was shown (as its visible, inert form).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from index.library import Library
from tests.conftest import ROOT
from tests.terminal import Terminal, visible

pytestmark = pytest.mark.slow  # the reader runs in a pseudo-terminal

PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)

RECORD = {
    "title": "Pyongyang talks \x1b]0;PWN-TITLE\x07 \u202egnp.exe",
    "text": (
        "North Korea said on Monday that Kim Jong Un met Vladimir Pu\u202etin in Pyongyang. "
        "Later Vladimir Pu\u202etin met officials in Pyongyang. The meeting "
        "lasted two hours, state media reported. \x1b[5mPWN-BODY\x1b[0m Analysts in Seoul said "
        "the talks were routine.\n\nA second paragraph tells more about the meeting and the "
        "officials who came to it from the provinces \u202eof the north."
    ),
    "source": "BBC\x1b]0;PWN-SOURCE\x07\x1b[2J",
    "author": "Eve \x1b]52;c;ZXZpbA==\x07PWN-AUTHOR \x9b31m",
    "date": "2024-03-05",
}
MARKDOWN = (
    "---\ntitle: Pyongyang notes \x1b]0;PWN-MDTITLE\x07\nauthor: Mal \x1b]0;PWN-MDAUTHOR\x07\n"
    "---\n\nSome body text about Pyongyang and Vladimir Putin visiting Moscow on Tuesday with "
    "officials. It goes on for a while, as a real paragraph of text does.\n"
)
UNTITLED = (
    "A note about Pyongyang with no heading at all, so its title is made from its file name. "
    "It goes on for a while, as a real paragraph of text does.\n"
)
MARKERS = [
    "PWN-TITLE",
    "PWN-SOURCE",
    "PWN-AUTHOR",
    "PWN-BODY",
    "PWN-MDTITLE",
    "PWN-MDAUTHOR",
    "PWNFILE",
    "PWN-SKIP",
    "PWN-LIBRARY",
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A library of hostile articles, and a folder whose one file the add dialog skips."""
    root = tmp_path_factory.mktemp("hostile")
    sources = root / "in"
    sources.mkdir()
    (sources / "evil.jsonl").write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    (sources / "front.md").write_text(MARKDOWN, encoding="utf-8")
    (sources / "PWNFILE\x1b]0;x\x07 story.md").write_text(UNTITLED, encoding="utf-8")
    dialog = root / "dialog"
    dialog.mkdir()
    (dialog / "PWN-SKIP\x1b]0;y\x07 \u202egnp.txt").write_bytes(PNG)
    lib = Library.open(root / "lib\x1b]0;PWN-LIBRARY\x07")
    with lib.writer() as writer:
        report = writer.add([str(sources)])
    assert len(report.added) == 3, report
    lib.close()
    return lib.path, dialog


def test_every_hostile_field_reaches_the_terminal_inert(hostile: tuple[Path, Path]) -> None:
    library, dialog = hostile
    term = Terminal(
        [sys.executable, "-m", "cli", "--library", str(library)], size=(160, 50), cwd=ROOT
    )
    try:
        term.wait_for("Search the library")
        term.send("/")
        term.send("pyongyang", settle=1.0)
        term.wait_for("3 results")
        term.send(b"\r", settle=1.0)  # open the first result
        term.send("w", settle=1.5)  # the library's entities
        term.wait_for("Whole library")
        term.send(b"\x10", settle=1.0)  # ctrl+p: the command palette, titles
        term.send("PWN", settle=1.5)
        term.send(b"\x1b", settle=0.8)
        term.send(b"\x10", settle=1.0)
        term.send("Add files", settle=1.0)
        term.send(b"\r", settle=1.0)
        term.wait_for("Paths, folders or URLs")
        term.send(str(dialog), settle=0.3)
        term.send(b"\r")
        term.wait_for("1 skipped", timeout=60)
        term.send(b"\x1b", settle=0.8)  # close the dialog
        for row in range(3):  # each article's original text
            term.send("/", settle=0.3)
            term.send(b"\x1b", settle=0.3)
            term.send(b"\t\t", settle=0.3)  # into the results list
            term.send(b"\x1b[B" * row + b"\r", settle=0.8)
            term.send("r", settle=0.8)
        term.send("q")
        status = term.finish()
    finally:
        if term.status is None:
            term.finish(timeout=1)
    raw = bytes(term.output).decode("utf-8", "replace")
    shown = visible(bytes(term.output))
    assert status == 0, shown[-400:]
    for marker in MARKERS:
        assert marker in shown, f"{marker} was never shown"
        assert not re.search(r"\x1b[^\[]*" + marker, raw), f"{marker} came with a raw escape"
    # The only operating-system commands are Textual's own (the mouse pointer's shape).
    assert {m.group(1) for m in re.finditer(r"\x1b\](\d*)", raw)} <= {"22"}
    for sequence in ("\x1b[2J", "\x1b[5m", "\x1b]52", "\x1b]0"):
        assert sequence not in raw
    own = re.sub(r"\x1b\]22;[^\x07\x1b]*(?:\x07|\x1b\\)", "", raw)
    assert not re.search("[\x80-\x9f\u202a-\u202e\u2066-\u2069\x07]", own)
    assert "\u241b]0;PWN-TITLE\u2407" in shown  # the escape shown as a picture, in place

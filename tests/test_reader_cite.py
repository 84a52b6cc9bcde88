"""Citing from the reader (issue 15, item 1): ``y`` copies the passage with its source
(a mention's or match's sentence, the mouse selection, else the top of the view), ``Y``
its paragraph, the palette cites as Markdown; ``tui.passage.current_passage``."""

from __future__ import annotations

from textual.geometry import Offset
from textual.selection import Selection

from index.library import Library
from tests.test_reader import SIZE, settle, until
from tui.app import NutgrafApp
from tui.passage import current_passage

SEED_ID = "f5d38a8eaa058a2d"
TAIL = (
    f" — Trump can disrupt the economic ambitions of Kim-Putin, BNN Bloomberg (nutgraf {SEED_ID})"
)


def messages(app: NutgrafApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_y_cites_the_current_mentions_sentence(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", *"Lee Jongkyu", "enter")
        await settle(pilot, 1)
        assert app.reader.view.targets is not None
        await pilot.press("y")
        sentence = (
            "A study led by Korea Development Institute (KDI) senior researcher Lee Jongkyu "
            "said this."
        )
        assert app.clipboard == f'"{sentence}"{TAIL}'
        assert (
            "Copied: “A study led by Korea Development Institute (KDI)…” — "
            "Trump can disrupt the economic ambitions of Kim-Putin" in messages(app)
        )
        passage = current_passage(app.reader)
        assert passage is not None and passage.article_id == SEED_ID
        body = app.reader.article.body  # type: ignore[union-attr]
        assert body[passage.start : passage.end] == passage.text == sentence


async def test_y_cites_a_search_matchs_sentence_and_Y_its_paragraph(
    reader_library: Library,
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ammunition")
        await until(pilot, lambda: bool(app.reader.search_panel.results))
        await pilot.press("down", "enter")
        await settle(pilot, 1)
        assert app.reader.view.targets is not None and app.reader.view.targets.what == "match"
        await pilot.press("y")
        assert app.clipboard == (
            '"Officials in Washington and Seoul have also claimed that Pyongyang has recently '
            "sent troops to aid Russia on the battlefield in Ukraine after supplying Russia "
            f'with ammunition."{TAIL}'
        )
        await pilot.press("Y")
        assert app.clipboard.startswith('"Russia has emerged as one of Kim')
        assert app.clipboard.endswith(f'money and military capabilities."{TAIL}')


async def test_y_cites_the_mouse_selection_exactly(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.reader
        widget, start, text = screen.view.pieces[1]
        at = text.index("Both countries")
        # Textual keeps a selection per widget as line/column offsets into its text.
        screen.selections = {
            widget: Selection(Offset(at, 0), Offset(at + len("Both countries have"), 0))
        }
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard == f'"Both countries have"{TAIL}'
        passage = current_passage(screen)
        assert passage is not None and passage.start == start + at
        # Y widens the selection to its paragraph.
        await pilot.press("Y")
        assert app.clipboard.startswith('"Russia has emerged as one of Kim')
        # A selection across two paragraphs runs from the first's start to the second's end.
        w2, start2, _ = screen.view.pieces[2]
        screen.selections = {
            widget: Selection(Offset(at, 0), None),
            w2: Selection(None, Offset(9, 0)),
        }
        await pilot.pause()
        passage = current_passage(screen)
        assert passage is not None
        assert (passage.start, passage.end) == (start + at, start2 + 9)


async def test_without_a_target_y_cites_the_sentence_at_the_top(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard.startswith("\"North Korea's supreme leader Kim Jong Un's bet")


async def test_the_palette_cites_as_markdown(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        command = next(
            c for c in app.get_system_commands(app.reader) if c.title == "Cite as Markdown"
        )
        command.callback()
        await pilot.pause()
        assert app.clipboard.startswith("> North Korea's supreme leader")
        assert app.clipboard.endswith(
            f"— Trump can disrupt the economic ambitions of Kim-Putin, BNN Bloomberg (nutgraf {SEED_ID})"
        )


async def test_nothing_to_cite_says_why(library: Library) -> None:
    app = NutgrafApp(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == ""
        assert "No article to cite: open one first" in messages(app)


async def test_a_selection_in_the_original_text_is_found_in_the_cleaned_text(
    reader_library: Library,
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot, 1)
        screen = app.reader
        assert screen.view.raw
        widget, _, text = next(p for p in screen.view.pieces if "Both countries" in p[2])
        line = text.split("\n").index(next(x for x in text.split("\n") if "Both countries" in x))
        at = text.split("\n")[line].index("Both countries")
        screen.selections = {widget: Selection(Offset(at, line), Offset(at + 19, line))}
        await pilot.pause()
        await pilot.press("y")
        assert app.clipboard == f'"Both countries have"{TAIL}'
        # With nothing selected or targeted, the original has no sentence to offer.
        screen.selections = {}
        await pilot.press("y")
        await pilot.pause()
        assert any(m.startswith("Nothing to cite in the original text") for m in messages(app))

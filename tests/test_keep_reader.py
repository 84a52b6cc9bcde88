"""Stars, tags, notes and highlights in the reader (issue 15, items 2 and 6), driven by
keys at a fixed size."""

from __future__ import annotations

from pathlib import Path

from index.library import Library
from tests.test_reader import SIZE, settle, until
from tui.app import NutgrafApp
from tui.keep_dialogs import AnnotationsScreen, NoteScreen, TagScreen
from tui.search_panel import ResultOption


def toasts(app: NutgrafApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def row_prompt(app: NutgrafApp, article_id: str) -> str:
    options = app.reader.search_panel.option_list.options
    option = next(o for o in options if isinstance(o, ResultOption) and o.id == article_id)
    return str(option.prompt)


async def test_star_and_unstar_with_asterisk(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        aid = app.reader.article.id  # type: ignore[union-attr]
        await pilot.press("asterisk")
        await settle(pilot)
        assert "Starred" in toasts(app)
        assert reader_library.keep.marks([aid])[aid].starred
        assert "★" in str(app.sub_title)
        await until(pilot, lambda: "★" in row_prompt(app, aid))
        await pilot.press("asterisk")
        await settle(pilot)
        assert "Unstarred" in toasts(app)
        assert aid not in reader_library.keep.marks([aid])
        await until(pilot, lambda: "★" not in row_prompt(app, aid))


async def test_t_tags_with_completion_and_takes_a_tag_off(reader_library: Library) -> None:
    aid = reader_library.articles()[0].id
    reader_library.keep.tag(aid, ["followup"])
    app = NutgrafApp(reader_library, open_id=aid)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "#followup" in row_prompt(app, aid)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagScreen)
        await pilot.press(*"fol")
        await settle(pilot)
        await pilot.press("right")  # takes the completion
        assert app.screen.query_one("#keep-input").value == "followup"  # type: ignore[attr-defined]
        await pilot.press(*" energy Korea", "enter")
        await settle(pilot)
        assert "Tagged energy, Korea" in toasts(app)
        assert reader_library.keep.marks([aid])[aid].tags == ("followup", "energy", "Korea")
        assert "#followup #energy #Korea" in str(app.sub_title)
        await pilot.press("t", *"-korea", "enter")
        await settle(pilot)
        assert "Removed tag korea" in toasts(app)
        assert reader_library.keep.marks([aid])[aid].tags == ("followup", "energy")
        await pilot.press("t", *"two:words", "enter")
        await settle(pilot)
        assert any("not a tag: 'two:words'" in t for t in toasts(app))
        assert app.is_running


async def test_h_highlights_the_sentence_of_the_mention_and_a_notes_it(
    reader_library: Library,
) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e", *"Lee Jon", "enter")
        await settle(pilot)
        screen = app.reader
        body = screen.article.body  # type: ignore[union-attr]
        mention = screen.view.targets.spans[0]  # type: ignore[union-attr]
        await pilot.press("h")
        await settle(pilot)
        (hl,) = reader_library.keep.annotations(screen.article.id)  # type: ignore[union-attr]
        assert hl.kind == "highlight" and hl.start <= mention[0] < hl.end  # type: ignore[operator]
        assert hl.exact == body[hl.start : hl.end] and hl.exact.endswith(".")  # type: ignore[index, union-attr]
        assert any(t.startswith("Highlighted “") for t in toasts(app))
        assert screen.view.highlights == ((hl.start, hl.end),)
        # drawn in the highlight colour, on the highlighted words
        view = screen.view
        style = view.get_component_rich_style("article-view--highlight", partial=True)
        assert style.bgcolor is not None
        i = max(i for i, s in enumerate(view._para_starts) if s <= hl.start)  # type: ignore[operator]
        para = view._paras[i].content
        at = hl.start - view._para_starts[i] + 1  # type: ignore[operator]
        lit = [sp for sp in para.spans if sp.start <= at < sp.end and sp.style == style]  # type: ignore[union-attr]
        assert lit, para.spans  # type: ignore[union-attr]
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"ask KDI", "enter")
        await settle(pilot)
        assert "Note saved on the highlight" in toasts(app)
        (hl,) = reader_library.keep.annotations(screen.article.id)  # type: ignore[union-attr]
        assert hl.note == "ask KDI"
        # stepping onto the highlighted mention shows its note
        await pilot.press("n", "N")
        await settle(pilot)
        assert any("ask KDI" in t for t in toasts(app))


async def test_a_without_a_highlight_notes_the_article(reader_library: Library) -> None:
    app = NutgrafApp(reader_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a", *"pipeline story", "enter")
        await settle(pilot)
        assert "Note saved on the article" in toasts(app)
        (note,) = reader_library.keep.annotations(app.reader.article.id)  # type: ignore[union-attr]
        assert (note.kind, note.note) == ("note", "pipeline story")


async def test_the_palette_lists_the_articles_annotations_orphans_with_their_quote(
    reader_library: Library, tmp_path: Path
) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Story\n\nThe old words are here.\n\nAnd more text follows.\n", "utf-8")
    with reader_library.writer() as writer:
        writer.add([str(path)], analyse=False)
    old = next(a.id for a in reader_library.articles() if a.title == "Story")
    reader_library.keep.note(old, "gone soon", quote="old words")
    path.write_text("Story\n\nThe new text is here.\n\nAnd more text follows.\n", "utf-8")
    with reader_library.writer() as writer:
        writer.add([str(path)], analyse=False)
    new = next(a.id for a in reader_library.articles() if a.title == "Story")
    app = NutgrafApp(reader_library, open_id=new)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any(t.startswith("Orphaned highlights: 1") for t in toasts(app))
        assert app.reader.view.highlights == ()  # never drawn on other words
        names = [c.title for c in app.get_system_commands(app.reader)]
        for wanted in (
            "Star or unstar",
            "Tag",
            "Highlight passage",
            "Note",
            "Highlights and notes",
        ):
            assert wanted in names
        command = next(
            c for c in app.get_system_commands(app.reader) if c.title == "Highlights and notes"
        )
        command.callback()
        await settle(pilot)
        assert isinstance(app.screen, AnnotationsScreen)
        options = app.screen.query_one("#keep-list").options  # type: ignore[attr-defined]
        assert [str(o.prompt) for o in options] == ["orphaned highlight “old words” — gone soon"]

"""The article pane: title, source line and body, with entities and matches highlighted.

| Key | Does |
| :- | :- |
| j / k | scroll down / up a line |
| space / b | page down / up |
| g / G | top / bottom |
| c | entity colouring on / off |
| r | original text as given / cleaned text |
| o / u | open the article's URL in the browser / copy it |
| (click) | a coloured name: choose that entity |

The body is one widget per paragraph, so moving to a mention scrolls to its
paragraph and then by the share of the paragraph before it. All article text
is shown through Rich ``Text`` objects, never parsed as markup, and control
characters were made visible when the article was cleaned (and are again here
for the original text), so an article cannot style, move or clear anything.
Entity kinds, matches and mentions are coloured by component classes
(``entity--person``, ``article-view--match``, …) whose colours are theme
variables (:mod:`tui.palette`), so a theme can restyle each.

The original text shows the same highlights where the library finds the
words again (:func:`index.library.map_original`); a mention it cannot place
is said to be "not in the original text". A coloured name carries, in its
style's meta, which entity and mention it is (set here, from the entity
list: never read from the article's text, which is never parsed as markup),
so a click on it chooses that entity.
"""

from __future__ import annotations

from bisect import bisect_right

from rich.style import Style
from rich.text import Text
from textual import events, work
from textual.containers import VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from index.inert import inert, inert_text
from index.library import OriginalMap, map_original, provenance
from index.model import Article, Entity
from tui.article_keys import ARTICLE_BINDINGS
from tui.caps import TITLE_IN_HEADER, capped
from tui.original_text import ENTITY_META, OriginalPlaces, clicked_mention
from tui.palette import KIND_CLASSES, kind_class
from tui.position import fitted_indicator, scroll_position
from tui.targets import Span, Targets, paragraphs

__all__ = ["ArticleView", "Targets"]

#: Originals up to this many bytes are aligned at once; longer ones in a thread
#: (a 1.6 MB text takes about 0.7 s; see :func:`index.library.map_original`).
ALIGN_AT_ONCE = 200_000


class ArticleView(VerticalScroll, can_focus=True):
    """Shows one article; the screen tells it what to highlight and where to go."""

    BINDINGS = ARTICLE_BINDINGS  # ids, for the config file's [keys] (tui/config.py)

    DEFAULT_CSS = """
    ArticleView .meta { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    COMPONENT_CLASSES = {
        "article-view--match",
        "article-view--target",
        "article-view--current",
        "article-view--highlight",
        *KIND_CLASSES.values(),
    }
    """
    | Class | Description |
    | :- | :- |
    | `article-view--match` | A search match. |
    | `article-view--target` | A mention (or match) that n / N step through. |
    | `article-view--current` | The mention or match the view is on. |
    | `article-view--highlight` | A passage the user highlighted (h). |
    | `entity--person`, `entity--org`, … | A mention of an entity of that kind. |
    """

    show_entities: reactive[bool] = reactive(True)
    raw: reactive[bool] = reactive(False)

    class EntityClicked(Message):
        """A coloured name was clicked: its entity, and which of its mentions it is."""

        def __init__(self, entity: Entity, mention: int) -> None:
            super().__init__()
            self.entity = entity
            self.mention = mention

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.article: Article | None = None
        self.entities: list[Entity] = []
        self.matches: tuple[Span, ...] = ()
        self.highlights: tuple[Span, ...] = ()  # the user's (tui/keep_actions.py)
        self.targets: Targets | None = None
        #: The walk's keys in the border (the app sets them from the config's [keys]).
        self.step_hint = " · n/N"
        self._para_starts: list[int] = []
        self._para_texts: list[str] = []
        self._paras: list[Static] = []
        #: Where the body's spans are in the original (aligned when it is first shown).
        self._original = OriginalPlaces()

    @property
    def pieces(self) -> list[tuple[Static, int, str]]:
        """The text shown, piece by piece: its widget, start offset and text."""
        return list(zip(self._paras, self._para_starts, self._para_texts, strict=False))

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _: self._restyle())

    # -- content ---------------------------------------------------------

    def show(self, article: Article | None, entities: list[Entity] | None) -> None:
        """Show an article (None: the empty-library message) with nothing targeted."""
        self.article = article
        self.entities = entities or []
        self.matches = self.highlights = ()
        self.targets = None
        self._original.clear()
        self.refresh_bindings()
        self.raw = False
        self._rebuild()
        self.scroll_home(animate=False)

    def set_matches(self, matches: tuple[Span, ...]) -> None:
        """Highlight search matches (in the match colour) alongside any targets."""
        self.matches = matches
        self._restyle()

    def set_highlights(self, highlights: tuple[Span, ...]) -> None:
        """Show the user's highlights (in their own colour, under matches and targets)."""
        self.highlights = highlights
        self._restyle()

    def set_targets(self, targets: Targets | None) -> None:
        """Set what n / N step through; the view moves to the current one."""
        self.targets = targets
        self.refresh_bindings()  # n / N work only with something to step through
        self._update_subtitle()
        self._restyle()
        self._scroll_to_target()

    def _scroll_to_target(self) -> None:
        targets = self.targets
        if targets is not None and targets.spans:
            shown = self._shown(*targets.spans[targets.index])
            if shown is not None:
                self.call_after_refresh(self.scroll_to_offset, shown[0])

    def step(self, delta: int, wrap: bool = True) -> bool:
        """Move to the next (+1) or previous (-1) target; False if there was nowhere to go."""
        t = self.targets
        if t is None or not t.spans:
            return False
        index = t.index + delta
        if not 0 <= index < len(t.spans):
            if not wrap:
                return False
            index %= len(t.spans)
        self.set_targets(Targets(t.spans, t.label, t.what, index, t.place))
        return True

    def _rebuild(self) -> None:
        self.remove_children()
        self._paras = []
        article = self.article
        if article is None:
            self.mount(Static(_EMPTY, classes="empty"))
            self.border_title = "No article"
            self._update_subtitle()
            return
        self.border_title = "Original text" if self.raw else "Article"
        meta = " · ".join(
            x for x in (article.source, (article.published or "")[:10], article.author) if x
        )
        # The language as the query that finds its articles (lang:zh); "language unknown"
        # for text too short to tell and articles added before languages were detected.
        lang = f"lang:{article.lang}" if article.lang else "language unknown"
        if self.raw:
            self._para_starts, self._para_texts = paragraphs(inert_text(article.original_text))
            self._align(article)
        else:
            self._para_starts, self._para_texts = paragraphs(article.body)
        # A piece of a long paragraph runs straight on into the next piece.
        ends = [s + len(t) for s, t in zip(self._para_starts, self._para_texts, strict=True)]
        self._paras = [
            Static(classes="para piece" if end in self._para_starts else "para") for end in ends
        ]
        self._restyle()
        title = inert(article.title, one_line=True)
        self.mount_all(
            [
                Static(Text(capped(title, TITLE_IN_HEADER), style="bold"), classes="title"),
                # The source line and where the article came from, each one line cut with ….
                Static(
                    Text.assemble(
                        (
                            (inert(meta, one_line=True) or "source, date and author not known")
                            + " · "
                            + inert(lang, one_line=True),
                            "italic",
                        ),
                        "\n",
                        inert(provenance(article).line(), one_line=True),
                    ),
                    classes="meta",
                ),
                *self._paras,
                # A title the header cut is shown whole after the text.
                *(
                    [Static(Text(f"Full title: {title}"), classes="meta")]
                    if len(title) > TITLE_IN_HEADER
                    else []
                ),
            ]
        )
        self._update_subtitle()

    def _style(self, component: str) -> Style:
        """The style a component class gives (only what its rules set)."""
        return self.get_component_rich_style(component, partial=True)

    def _shown(self, start: int, end: int) -> Span | None:
        """Where body characters ``start:end`` are in the text shown: the body itself,
        or their place in the original (None: not found there, or not aligned yet)."""
        return self._original.place(start, end) if self.raw else (start, end)

    def _spans(self) -> list[tuple[int, int, Style]]:
        """Every styled span of the text shown: entity colours (each carrying which
        mention it is, for a click), then matches, then targets on top."""
        spans: list[tuple[int, int, Style]] = []

        def add(span: Span, style: Style) -> None:
            shown = self._shown(*span)
            if shown is not None:
                spans.append((*shown, style))

        if self.show_entities:
            for i, ent in enumerate(self.entities):
                kind = self._style(kind_class(ent.kind))
                for j, span in enumerate(ent.mentions):
                    add(span, kind + Style.from_meta({ENTITY_META: (i, j)}))
        for span in self.highlights:
            add(span, self._style("article-view--highlight"))
        match = self._style("article-view--match")
        for span in self.matches:
            add(span, match)
        if self.targets is not None and self.targets.spans:
            current = self.targets.spans[self.targets.index]
            target, now = self._style("article-view--target"), self._style("article-view--current")
            for span in self.targets.spans:
                add(span, now if span == current else target)
        return spans

    def _restyle(self) -> None:
        spans = self._spans()
        for widget, start, text in zip(
            self._paras, self._para_starts, self._para_texts, strict=True
        ):
            styled = Text(inert(text))  # the same length: spans keep their places
            end = start + len(text)
            for s, e, style in spans:
                if s < end and e > start:
                    styled.stylize(style, max(s, start) - start, min(e, end) - start)
            widget.update(styled)

    def _update_subtitle(self) -> None:
        # A Text, not a str: Textual would read a str as markup, and the label is an
        # entity's name or the query.
        targets = self.targets
        label = inert(targets.label, one_line=True) if targets else ""
        tail = targets.indicator[len(targets.label) :] if targets else ""
        t = targets
        if t and t.spans and self.raw and self._original.none_placed([t.spans[t.index]]):
            tail += " · not in the original text"
        where = scroll_position(self.scroll_y, self.max_scroll_y) if self.article else ""
        room = self.outer_size.width - 6  # the corners and the spaces around the subtitle
        self.border_subtitle = Text(fitted_indicator(label, tail, where, room, self.step_hint))

    # The scroll position in the border follows the scroll, the text and the size.
    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._update_subtitle()

    def watch_virtual_size(self) -> None:
        self._update_subtitle()

    def on_resize(self) -> None:
        self.call_after_refresh(self._update_subtitle)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that the character at ``offset`` of the text shown (the body, or the
        original) is a third of the way down."""
        if not self._paras:
            return
        i = max(0, bisect_right(self._para_starts, offset) - 1)
        widget = self._paras[min(i, len(self._paras) - 1)]
        text = self._para_texts[i]
        share = (offset - self._para_starts[i]) / max(1, len(text))
        line = int(share * max(1, widget.size.height))
        y = widget.virtual_region.y + line - self.scrollable_content_region.height // 3
        self.scroll_to(y=max(0, y), animate=False)

    # -- toggles ---------------------------------------------------------

    def watch_show_entities(self) -> None:
        self._restyle()

    def watch_raw(self) -> None:
        if self.article is not None and self.is_mounted:
            self._rebuild()
            self._scroll_to_target()

    # -- the original text ------------------------------------------------

    def _align(self, article: Article) -> None:
        """Align the body with the original (once per article): at once when short,
        else in a thread, the highlights following when it is done."""
        if self._original.aligned is not None:
            return
        if len(article.original) <= ALIGN_AT_ONCE:
            self._original.aligned = map_original(article)
        else:
            self._align_in_thread(article)

    @work(thread=True, exclusive=True, group="align")
    def _align_in_thread(self, article: Article) -> None:
        aligned = map_original(article)
        self.app.call_from_thread(self._aligned, article, aligned)

    def _aligned(self, article: Article, aligned: OriginalMap) -> None:
        if article is not self.article:
            return  # another article was opened meanwhile
        self._original.aligned = aligned
        if self.raw:
            self._restyle()
            self._update_subtitle()
            self._scroll_to_target()

    # -- clicks and links ----------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """A click on a coloured name chooses its entity (at that mention)."""
        clicked = clicked_mention(event.style.meta, len(self.entities))
        if clicked is not None:
            event.stop()
            self.post_message(self.EntityClicked(self.entities[clicked[0]], clicked[1]))

    def action_toggle_colours(self) -> None:
        """Entity colouring on or off."""
        self.show_entities = not self.show_entities
        self.notify("Entity colours " + ("on" if self.show_entities else "off"), timeout=1.5)

    def action_toggle_raw(self) -> None:
        """Switch between the cleaned text and the original as given."""
        self.raw = not self.raw
        t = self.targets
        if self.raw and t and t.spans and self._original.none_placed(t.spans):
            self.notify(f"No {t.what} is in the original text: r shows the cleaned text", timeout=4)


_EMPTY = Text.assemble(
    ("This library is empty.\n\n", "bold"),
    "Add articles with ",
    ("ctrl+p", "bold"),
    " → Add files or URL, or from a shell:\n\n    nutgraf add PATH|URL …",
)

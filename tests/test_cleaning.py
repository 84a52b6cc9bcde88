"""The scraped-text cleaner: real titles, story paragraphs kept, site furniture gone."""

from __future__ import annotations

from index.readers.cleaning import clean_scraped_text, split_paragraphs
from tests.conftest import SEED_FILE, SEED_TITLE

SEED_CRUFT = [
    "RELATED ARTICLES",
    "LEAVE A REPLY",
    "Please enter your comment!",
    "Please enter your name here",
    "- Advertisment -",
    "Most Popular",
    "Recent Comments",
    "HomeWorld News",
]


def seed() -> str:
    return SEED_FILE.read_text(encoding="utf-8")


def test_seed_title_is_the_headline_without_breadcrumbs() -> None:
    assert clean_scraped_text(seed()).title == SEED_TITLE


def test_seed_body_starts_with_the_story() -> None:
    assert clean_scraped_text(seed()).body.startswith("North Korea's supreme leader Kim Jong Un's")


def test_seed_body_has_no_site_furniture() -> None:
    body = clean_scraped_text(seed()).body
    for line in SEED_CRUFT:
        assert line not in body
    assert SEED_TITLE not in body


def test_seed_keeps_every_story_paragraph() -> None:
    raw_paragraphs = [line for line in seed().splitlines() if len(line.split()) >= 20]
    body_paragraphs = clean_scraped_text(seed()).body.split("\n\n")
    assert len(raw_paragraphs) == 10
    for paragraph in raw_paragraphs:
        assert paragraph in body_paragraphs


def test_seed_attribution_is_kept_as_text_and_source() -> None:
    cleaned = clean_scraped_text(seed())
    assert cleaned.body.endswith("Translated from BNN Bloomberg")
    assert cleaned.source == "BNN Bloomberg"


WORDPRESS_PAGE = """Skip to content
Menu
Home
Politics
City council approves the new riverside park plan
By Maria Gomez
March 4, 2024
Share this:
The city council voted 7 to 2 on Tuesday to approve a plan for a park along the river, ending a debate that lasted almost three years.

Supporters said the park would bring families back to a stretch of waterfront that has been closed to the public since the mill shut down.

Opponents warned that the cost of cleaning the soil could double the budget.

ADVERTISEMENT

Construction is expected to begin next spring, the mayor said in a statement.

Source: Riverside Gazette
Share this:
Twitter
Facebook
Like this:
Related
Posted in Local News
3 Comments
Leave a Reply Cancel reply
Your email address will not be published. Required fields are marked *
Comment *
Name *
Email *
Website
Save my name, email, and website in this browser for the next time I comment.
Post Comment
© 2024 Riverside Gazette. All rights reserved.
"""


def test_wordpress_page_title_byline_and_date() -> None:
    cleaned = clean_scraped_text(WORDPRESS_PAGE)
    assert cleaned.title == "City council approves the new riverside park plan"
    assert cleaned.author == "Maria Gomez"
    assert cleaned.published == "2024-03-04"


def test_wordpress_page_keeps_story_drops_menus_forms_and_ads() -> None:
    body = clean_scraped_text(WORDPRESS_PAGE).body
    paragraphs = body.split("\n\n")
    assert paragraphs[0].startswith("The city council voted 7 to 2")
    assert (
        "Opponents warned that the cost of cleaning the soil could double the budget." in paragraphs
    )
    assert (
        "Construction is expected to begin next spring, the mayor said in a statement."
        in paragraphs
    )
    for cruft in (
        "Skip to content",
        "Menu",
        "ADVERTISEMENT",
        "Leave a Reply",
        "Post Comment",
        "Your email address",
        "All rights reserved",
        "Facebook",
        "Posted in",
    ):
        assert cruft not in body
    assert paragraphs[-1] == "Source: Riverside Gazette"


def test_short_subheading_inside_the_story_is_kept() -> None:
    text = (
        "Storm season arrives early\n\n"
        "Forecasters warned on Monday that the first storms of the season would arrive weeks early this year.\n\n"
        "What happens next\n\n"
        "Emergency services said shelters would open on Thursday in the three coastal districts.\n"
    )
    cleaned = clean_scraped_text(text)
    assert cleaned.title == "Storm season arrives early"
    assert "What happens next" in cleaned.body.split("\n\n")


def test_breadcrumb_separators_are_removed_from_title() -> None:
    text = (
        "News › World › Europe › Floods force thousands from their homes\n\n"
        "Heavy rain caused rivers to burst their banks across the region overnight, officials said.\n"
    )
    assert clean_scraped_text(text).title == "Floods force thousands from their homes"


def test_title_repeated_alone_is_found_and_not_kept_in_body() -> None:
    text = (
        "Markets rally after rate decision\n"
        "Markets rally after rate decision\n"
        "Stocks rose sharply on Wednesday after the central bank held rates steady for a third month.\n"
    )
    cleaned = clean_scraped_text(text)
    assert cleaned.title == "Markets rally after rate decision"
    assert "Markets rally" not in cleaned.body


def test_text_without_a_title_line_uses_the_fallback_title() -> None:
    text = "The committee met on Friday and agreed to publish its findings in the spring, members said.\n"
    cleaned = clean_scraped_text(text, fallback_title="committee notes")
    assert cleaned.title == "committee notes"
    assert cleaned.body == text.strip()


def test_hard_wrapped_paragraphs_are_rejoined() -> None:
    text = (
        "A wrapped story\n\n"
        "This paragraph was written in an editor that wraps lines at a fixed\n"
        "width, so every line ends in the middle of a sentence and must be\n"
        "joined back into one paragraph for the reader to wrap it again.\n\n"
        "Second paragraph.\n"
    )
    paragraphs = split_paragraphs(text)
    assert paragraphs[1].startswith("This paragraph was written")
    assert paragraphs[1].endswith("wrap it again.")
    assert len(paragraphs) == 3


def test_control_characters_are_made_visible_not_kept() -> None:
    text = "Title here for a test\n\nA paragraph with an escape \x1b[2J sequence inside it, written on purpose.\n"
    body = clean_scraped_text(text).body
    assert "\x1b" not in body
    assert "\u241b[2J" in body


def test_story_sentences_in_furniture_vocabulary_are_kept() -> None:
    text = (
        "Bakery wins national prize\n\n"
        "The bakery on Mill Street won the national prize for its sourdough on Saturday.\n\n"
        "Cookies were served at the reception after the ceremony.\n\n"
        "Subscribers to the bakery's bread club will get a free loaf, the owner said.\n"
    )
    body = clean_scraped_text(text).body
    assert "Cookies were served at the reception after the ceremony." in body
    assert "Subscribers to the bakery's bread club" in body

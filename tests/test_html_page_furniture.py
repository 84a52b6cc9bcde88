"""The page's own furniture that trafilatura keeps inside the story (issue 13, item 3): links
to other stories under a label or a capital tag, a time stamp atop the body, a reading-time
note, the sign-offs and a tag list at the end go; story lines that only look like them stay."""

from __future__ import annotations

import pytest

from index.readers.htmlfurniture import drop_page_furniture, is_link_line, is_sign_off
from tests.test_html_blocks import page, paragraphs, read

STORY = [
    "The council voted on Monday to close the old bridge to cars from next spring.",
    "Engineers found cracks in two of its piers during a routine inspection in May.",
    "A new crossing is planned upstream, but it will not open before 2027.",
]


@pytest.mark.parametrize(
    "line",
    [
        "Related: Storm hits the coast as rivers burst their banks",
        "READ MORE: China plague outbreak confirmed in Beijing",
        "SEE MORE: Hong Kong protests: 800 students under siege in university",
        "[Related: Salesforce keynote: AI, integration and protesters]",
        "See also - The ten worst floods of the century",
        "Watch: the moment the bridge was closed",
        "Listen: http://po.st/TP_615",
        "Don't miss: Council tax to rise again",
        "Plane passengers quarantined after plague outbreak [NEWS]",
        "China furious at Macron for Hong Kong protest jibe [INSIGHT]|",
    ],
)
def test_a_link_to_another_story_is_a_link_line(line: str) -> None:
    assert is_link_line(line)
    assert drop_page_furniture([*STORY[:2], line, STORY[2]]) == STORY


@pytest.mark.parametrize(
    "line",
    [
        # A sentence under a label is story text.
        "Related: the council said the vote had been close.",
        "More: officials expect the repairs to cost at least two million pounds!",
        # Too long to be a link.
        "Related: " + " ".join(["word"] * 30),
        # A headline-like line without a label or a tag.
        "Storm hits the coast as rivers burst their banks",
        # Capitals in brackets inside a sentence, or not a tag at the end.
        "The report [PDF] was published on Monday and read by the whole council.",
        "The mayor, who chairs the meeting, said the vote was final [sic].",
        # A label word that starts a sentence without a colon.
        "Read more about the plans at the town hall",
    ],
)
def test_story_lines_that_only_look_like_links_stay(line: str) -> None:
    assert not is_link_line(line)
    assert drop_page_furniture([*STORY[:2], line, STORY[2]]) == [*STORY[:2], line, STORY[2]]


@pytest.mark.parametrize(
    "stamp",
    [
        "November 20, 2019 - 11:28 AMT",
        "sexta-feira, 22 de outubro de 2010 às 20:13",
        "Posted 2024-03-05 23:30",
        "14:05, 3 March 2024",
        "Updated 9h15 le 4 mars 2024",
    ],
)
def test_a_time_stamp_atop_the_body_goes(stamp: str) -> None:
    assert drop_page_furniture([stamp, *STORY]) == STORY


def test_a_time_in_a_sentence_or_below_the_top_stays() -> None:
    sentence = "The polls closed at 22:00 on 5 May 2024, and counting began at once."
    assert drop_page_furniture([sentence, *STORY]) == [sentence, *STORY]
    lower = [STORY[0], "Kick-off 19:45, 12 March 2024", *STORY[1:]]
    assert drop_page_furniture(lower) == lower
    # A year alone is no time stamp: a subheading such as a calendar's title stays.
    heading = ["Stock Car calendar 2018", *STORY]
    assert drop_page_furniture(heading) == heading


@pytest.mark.parametrize(
    "note", ["4 min read", "Reading time: 3 minutes", "Tempo de leitura: 1 minuto", "12 mins read"]
)
def test_a_reading_time_note_goes(note: str) -> None:
    assert drop_page_furniture([note, *STORY]) == STORY
    assert drop_page_furniture([*STORY[:1], note, *STORY[1:]]) == STORY


@pytest.mark.parametrize("label", ["Tags", "TAGS:", "Keywords", "Topics"])
def test_a_tag_list_under_its_label_at_the_end_goes(label: str) -> None:
    tags = "bridge, council, transport, river crossing"
    assert drop_page_furniture([*STORY, label, tags]) == STORY
    assert drop_page_furniture([*STORY, label]) == STORY


def test_a_topics_heading_within_the_story_stays() -> None:
    story = [STORY[0], "Topics", *STORY[1:], "The work starts in June.", "It lasts a year."]
    assert drop_page_furniture(story) == story


@pytest.mark.parametrize(
    "sign_off",
    [
        [
            "Have a tip? Jane Holt may be reached at jholt@example.com. Follow her on X @janeholt.",
            "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        ],
        ["Email Tariq Malik at tmalik@example.com or follow him @tariqjmalik."],
        ["Follow The Gleaner on Twitter and Instagram @Gleaner and on Facebook."],
        ["Reach the reporters on Twitter at http://twitter.com/janeholt"],
        ["paul.takahashi@example.com", "twitter.com/paultakahashi"],
        ["Download: http://po.st/TP_615Download", "iTunes: http://po.st/TP_615Apple"],
        ["Sign up for our morning briefing", "Contact us on WhatsApp at +44 7700 900123"],
        ["Get the day's top headlines delivered to your inbox every morning."],
    ],
)
def test_the_sign_offs_at_the_end_go(sign_off: list[str]) -> None:
    assert all(is_sign_off(line) for line in sign_off)
    assert drop_page_furniture([*STORY, *sign_off]) == STORY


@pytest.mark.parametrize(
    "line",
    [
        # The story's own last words, without an address to write to.
        "Contact tracing began on Monday, and the clinic reopened on Thursday.",
        "Follow-up tests are due in June, the council said.",
        "Subscribers to the scheme will pay more from April.",
        "Reach for the stars, the headteacher told the pupils.",
        # Long: a paragraph of the story that names an address.
        "Write to the appeal at help@example.org, the charity told readers on Friday, and it"
        " will pass every letter on to the families who lost their homes in the floods last"
        " winter, whose names it has promised never to publish, and to the volunteers who"
        " housed them.",
        # A how-to's last step that gives a link.
        "Download the latest version of the source code from http://www.example.org/rsync/.",
    ],
)
def test_last_words_that_only_look_like_sign_offs_stay(line: str) -> None:
    assert not is_sign_off(line)
    assert drop_page_furniture([*STORY, line]) == [*STORY, line]


def test_a_sign_off_inside_the_story_stays() -> None:
    story = [STORY[0], "Subscribe now to our print edition for the full story.", *STORY[1:]]
    assert drop_page_furniture(story) == story


def test_nothing_is_dropped_when_it_would_leave_no_paragraph() -> None:
    only = ["Related: Storm hits the coast"]
    assert drop_page_furniture(only) == only


def test_the_html_reader_drops_the_page_furniture() -> None:
    body = (
        "<p>November 20, 2019 - 11:28 AMT</p>"
        f"<p>{STORY[0]}</p><p>Related: Storm hits the coast as rivers burst their banks</p>"
        f"<p>{STORY[1]}</p><p>{STORY[2]}</p><p>Tags</p><p>bridge, council, transport</p>"
        "<p>Email Jane Holt at jholt@example.com or follow her @janeholt.</p>"
    )
    assert paragraphs(read(page("Old bridge to close", body))) == STORY

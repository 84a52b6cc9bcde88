"""The vocabulary of site furniture in scraped text, as regular expressions.

:data:`FURNITURE` matches a whole short line of a site's own words: advertisement
markers ("Advertisement", "Story continues below advertisement", "Skip
advertisement"), prompts to read other pages ("Read more: ...", "Related: ...",
"Continue reading below"), newsletter and share prompts, comment forms, cookie
and copyright notices, navigation ("Home", "Menu", "Page 2 of 3") and page
metadata labels ("Posted on: ...", "Updated: ...", "Published 2 hours ago") and
picture credits ("Image source, Getty Images", "Image caption, ..."). :data:`FORM` is the part of
it that is furniture even when it reads as a sentence (a comment form's "Please
enter your name", "Read more: Why the pound fell.", "Sign up for our daily
newsletter to get the news first."). :data:`ATTRIBUTION` matches a line naming
where a story comes from ("Translated from ...", "Source: ...", "(Reporting by
...)"), a fact that is kept. How they are used: :mod:`index.readers.cleaning`;
:func:`is_furniture` tells a short line made of that vocabulary.
"""

from __future__ import annotations

import re

from index.scripts import count_words

__all__ = ["ATTRIBUTION", "FORM", "FURNITURE", "is_furniture"]

FURNITURE = re.compile(
    r"""^[\W_]*(?:
        advert\w*(?:\s?[-–—:|]\s?(?:scroll|continue|story|article)\b.*)?
      | sponsored(?:\scontent)?|promoted(?:\sstories)?
      | (?:related|recommended|trending|popular|latest|more|top|similar)\s
            (?:articles?|posts?|stories|news|reads?|videos?|from\s.*|on\s.*|in\s.*)
      | related|recommended|trending|read\s(?:more|next|also)\b.* | see\salso\b.* | also\sread\b.*
      | you\smay\s(?:also\s)?(?:like|be\sinterested\sin)\b.* | don'?t\smiss\b.*
      | most\s(?:popular|read|viewed|shared|commented)\b.* | editor'?s\s(?:picks?|choice)
      | recent\s(?:comments|posts|articles|stories)\b.*
      | leave\sa\s(?:reply|comment)\b.* | post\s(?:a\s)?comment | add\sa\scomment\b.*
      | (?:\d+\s)?comments?(?:\s\(\d+\))?\s?\d* | no\scomments?(?:\syet)?\b.* | cancel\sreply
      | please\s(?:enter|fill\sin|type)\syour\b.* | your\s(?:email|e-mail)\saddress\swill\snot\b.*
      | required\sfields\sare\smarked\b.* | save\smy\sname\b.* | notify\sme\sof\b.*
      | (?:log|sign)\s?in\sto\s(?:comment|reply)\b.* | you\smust\sbe\slogged\sin\b.*
      | (?:name|e-?mail|website|comment)\s?\*?
      | share(?:\sthis(?:\sarticle|\sstory|\spost)?|\son\s\w+|\svia\s\w+)?:?
      | (?:tweet|email|print|facebook|twitter|whatsapp|linkedin|pinterest|reddit|telegram)
      | copy\slink
      | like\sthis:? | follow\sus\b.* | subscribe(?:\s(?:now|today|here|to\s.*))?
      | sign\sup\s(?:for|to)\b.*
      | (?:our|the|daily|weekly|free)?\s?newsletters?(?:\ssign.?up)?
      | all\srights\sreserved\b.* | ©.* | copyright\s(?:©\s?)?\d{4}\b.* | privacy\spolicy\b.*
      | terms\sof\s(?:use|service)\b.*
      | (?:we|this\s(?:site|website)|our\ssite)\suses?\scookies\b.*
      | cookies?\s(?:policy|settings)\b.*
      | (?:tags?|filed\sunder|posted\sin|categories?|topics?)\s?:.*
      | skip\sto\s(?:main\s)?content | back\sto\stop | menu | search | home
      | (?:next|previous|prev)\s(?:article|post|story)\b.* | loading\.*
      | click\shere\b.* | tap\shere\b.* | continue\sreading\b.*
      | (?:the\s)?(?:story|article|text)\scontinues\b.* | continues?\sbelow\b.*
      | scroll\s(?:down\s)?to\s(?:continue|read)\b.* | (?:skip|close)\s(?:this\s)?ad(?:vert\w*)?
      | ad | ads | (?:this\s)?(?:advertisement|ad)\s(?:continues|ends|below)\b.*
      | image\s(?:source|caption|copyright)\b.* | media\scaption\b.* | getty\simages
      | (?:published|updated|posted)\s\d+\s(?:seconds?|minutes?|mins?|hours?|days?)\sago
      | listen\sto\sthis\s(?:article|story) | print\s(?:this\s)?(?:page|article)
      | click\sto\s(?:share|print|email|open)\b.* | opens\sin\s(?:a\s)?new\swindow
      | (?:save|bookmark)(?:\sarticle|\sfor\slater)? | view\scomments?\b.*
      | comments\sare\s(?:closed|disabled|off)\b.* | page\s\d+\sof\s\d+
      | (?:posted|published|updated|air\sdate)\s?(?:on|at|by)?\s?:.*
      | (?:related|more\son\sthis(?:\sstory)?|further\sreading)\s?:.*
      | (?:get|receive)\s(?:our|the)\s.*newsletter\b.* | want\smore\b.*newsletter\b.*
    )[\W_]*$""",
    re.IGNORECASE | re.VERBOSE,
)
ATTRIBUTION = re.compile(
    r"""^[\W_]*(?:
        (?:translated|adapted|republished|reprinted|syndicated|excerpted)\s(?:from|by)\s(?P<a>.+?)
      | (?:originally|first)\spublished\s(?:by|in|on|at)\s(?P<b>.+?)
      | (?:source|via|courtesy(?:\sof)?|credit)\s?[:\-–]\s?(?P<c>.+?)
      | \(?(?:reporting|writing|editing)\sby\s.+?
    )[\s.)]*$""",
    re.IGNORECASE | re.VERBOSE,
)
FORM = re.compile(
    r"^[\W_]*(?:please\s(?:enter|fill)|your\s(?:email|e-mail)\saddress|required\sfields|save\smy\sname"
    r"|notify\sme|leave\sa\s(?:reply|comment)|©|copyright\s|all\srights\sreserved"
    r"|read\s(?:more|also|next)\s?:|(?:the\s)?(?:story|article)\scontinues\s(?:below|after)"
    r"|continue\sreading\s(?:below|after|here)|sign\sup\s(?:for|to)\sour\s|subscribe\sto\sour\s)",
    re.IGNORECASE,
)


def is_furniture(unit: str) -> bool:
    """True when ``unit`` is site furniture: a short line in the vocabulary of menus and forms."""
    return count_words(unit) <= 20 and bool(FURNITURE.match(unit))

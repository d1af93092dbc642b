"""English: how news attributes, hedges, denies and confirms statements."""

from __future__ import annotations

from newstrace.lang import Lexicon

__all__ = ["LEXICON"]

_SPEECH = "said says say told added asked wrote tweeted explained stated claimed noted insisted".split()
_REPORTED = (
    "said says told added wrote tweeted explained stated claimed noted insisted argued reported "
    "denied confirmed warned announced suggested alleged admitted"
).split()
_TITLES = (
    "president vice prime minister secretary spokesman spokeswoman spokesperson chairman chair "
    "director chief head governor mayor senator ambassador general colonel captain coach writer "
    "journalist reporter analyst expert professor dr prof mr mrs ms sir king queen prince official "
    "leader commander ceo founder"
).split()
_NON_NAME = (
    "the a an but however according in on at for from with this that it he she they we i you "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december ministry department office house "
    "university state united states kingdom news"
).split()

LEXICON = Lexicon(
    speech_cues=frozenset(_SPEECH),
    coref_cues={},
    reported_cues=frozenset(_REPORTED),
    according_to=frozenset(["according to"]),
    complementisers=frozenset(["that"]),
    pronouns=frozenset("he she they".split()),
    titles=frozenset(_TITLES),
    non_name_words=frozenset(_NON_NAME),
    hedges={
        "reportedly": 0.6,
        "allegedly": 0.6,
        "alleged": 0.6,
        "purportedly": 0.6,
        "rumoured": 0.7,
        "rumored": 0.7,
        "apparently": 0.4,
        "possibly": 0.5,
        "claimed": 0.3,
        "is said to": 0.6,
        "are said to": 0.6,
    },
    unverified={
        "unverified": 0.9,
        "unconfirmed": 0.9,
        "could not be verified": 0.9,
        "has not been verified": 0.9,
        "have not been verified": 0.9,
        "not independently verified": 0.9,
        "could not be independently verified": 0.9,
    },
    assertions={"officially": 0.6, "proven": 0.9, "confirmed that": 0.8},
    denials=frozenset(
        ["denied", "denies", "deny", "denial", "fake news", "hoax", "untrue", "false", "dismissed", "rejected"]
    ),
    confirmations=frozenset(["confirmed", "confirms", "confirm"]),
    connectives=frozenset("but however meanwhile yet and also then".split()),
    negations=frozenset(["not", "never", "did not", "does not", "do not", "has not", "have not"]),
    refer_back=frozenset(
        ["this report", "the report", "these reports", "the reports", "the claim", "this claim", "the claims"]
    ),
    platforms={"twitter": "Twitter", "instagram": "Instagram", "facebook": "Facebook", "tiktok": "TikTok"},
    platform_cues=frozenset(["tweet", "tweeted", "post", "posted", "wrote"]),
    citation_cues=frozenset(["quoted", "cited", "via", "source"]),
    media_suffixes=frozenset("news times post tv daily journal mirror express herald tribune".split()),
    place_prepositions=frozenset(["in", "at", "near"]),
    role_joiners=frozenset(["and", "for", "of", "to", "at", "&"]),
    alias_cues=frozenset(["known as", "nicknamed"]),
    # Abstract nouns that name bodies in roles ("Forum for Budget and Fiscal Integrity"),
    # never people: "-ity", "-ness", ...; not "-tion" ("Nasution"), "-ence" ("Florence"), "-ment" ("Clement").
    derived_noun=r"\p{L}{3,}(?:ity|ness|ism|ics|ship)",
)


# ==== Cleaning: dates and media names =========================================================
# Read by newstrace.clean, beside the Indonesian lists in lang/id.py.

WEEKDAYS = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mon",
    "Tue",
    "Tues",
    "Wed",
    "Thu",
    "Thur",
    "Thurs",
    "Fri",
    "Sat",
    "Sun",
]
WEEKDAY_NUMBER = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Sept",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]
# Words that end a medium's name ("Straits Times", "Daily Mail"), as a regular-expression alternation.
MEDIA_NAME_WORDS = (
    "Times|Post|News|Journal|Herald|Tribune|Guardian|Telegraph|Mail|Express|Mirror|Agency|Press"
    "|TV|Radio|Daily|Today|Gazette|Weekly|Magazine|Review|Network|Channel|Online|Media|Observer"
    "|Independent|Insider|Standard|Chronicle|Sun|Star|Post-Gazette|Bulletin|Dispatch|Report"
)

"""Cues of the change classifier and of sentence alignment, Indonesian and English: hedges,
verification, attribution, number words, quotation marks, chrome lines and dateline prefixes.

Lower-case tokens as produced by :func:`newstrace.algo.passages.tokenize`.
"""

from __future__ import annotations

import re

from newstrace.lang import en, id_dateline
from newstrace.lang.lexicon import alternation

__all__ = [
    "ATTRIBUTION_AFTER",
    "ATTRIBUTION_BEFORE",
    "CHROME_LINE",
    "CLOSING_QUOTES",
    "DATELINE",
    "DOUBLE_QUOTES",
    "EDGE_PUNCT",
    "HEDGE_WORDS",
    "NUMBER_WORDS",
    "OPENING_QUOTES",
    "OUTLET_ONLY",
    "QUOTE_CHARS",
    "SINGLE_QUOTES",
    "VERIFICATION_PHRASES",
    "VERIFICATION_WORDS",
]

HEDGE_WORDS = frozenset(
    """
    dikabarkan kabarnya dilaporkan diduga dugaan disebut disebutkan diklaim mengklaim klaim
    diperkirakan diprediksi kemungkinan mungkin konon katanya rumor diisukan sepertinya
    tampaknya agaknya diyakini dipercaya dikhawatirkan ditengarai disinyalir terindikasi
    diindikasikan santer belum dipastikan pasti terbukti dibenarkan membenarkan dikonfirmasi
    terkonfirmasi diverifikasi terverifikasi hoaks resmi
    reportedly allegedly alleged claimed claims unverified unconfirmed apparently possibly
    probably likely may might could rumoured rumored suspected purportedly supposedly
    confirmed verified definitely certainly
    """.split()
)
# Verbs whose object says how far a claim was checked ("belum diverifikasi oleh X").
VERIFICATION_WORDS = frozenset(
    """
    diverifikasi terverifikasi dikonfirmasi terkonfirmasi dibenarkan dipastikan
    verified confirmed corroborated
    """.split()
)
VERIFICATION_PHRASES = re.compile(
    r"\b(belum|tidak|tak|not|never)\s+(di|ter)?(verifikasi|konfirmasi|dikonfirmasi|"
    r"diverifikasi|benarkan|dibenarkan|been verified|been confirmed|verified|confirmed)\b"
    r"|\bunverified\b|\bunconfirmed\b|\bhoaks\b",
    re.IGNORECASE,
)
# The source follows the cue: "menurut X", "kata X", "ujar X", "mengutip X".
ATTRIBUTION_BEFORE = frozenset(
    """
    menurut kata ujar ucap ungkap tutur imbuh terang tegas papar sebut jelas lanjut sambung
    mengutip dikutip dilansir melansir lansir according said says told via
    katanya ujarnya ucapnya ungkapnya tuturnya imbuhnya terangnya tegasnya paparnya sebutnya
    tulisnya jelasnya tambahnya kicaunya lanjutnya sambungnya
    """.split()
)
# The source precedes the cue: "X mengatakan", "The Express melaporkan".
ATTRIBUTION_AFTER = frozenset(
    """
    mengatakan menyatakan melaporkan menyebutkan menjelaskan mengungkapkan menegaskan
    menuturkan memberitakan mewartakan menulis mengumumkan said says reported reports told
    wrote stated announced
    """.split()
)
NUMBER_WORDS = frozenset(
    """
    nol satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas belas puluh
    ratus ribu juta miliar milyar triliun seratus seribu setengah separuh
    januari februari maret april mei juni juli agustus september oktober november desember
    senin selasa rabu kamis jumat sabtu minggu
    zero one two three four five six seven eight nine ten eleven twelve twenty thirty forty
    fifty hundred thousand million billion trillion half dozen
    january february march june july august october december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)

# Quotation marks; single quotes count only at a word's edge (apostrophes are not quotes).
DOUBLE_QUOTES = '"“”„«»'
SINGLE_QUOTES = "‘’'`"
OPENING_QUOTES = "“„«‘"
CLOSING_QUOTES = "”»’"
QUOTE_CHARS = DOUBLE_QUOTES + SINGLE_QUOTES
EDGE_PUNCT = "()[]{}.,;:!?…-–—"

# Related links, video teasers, bylines and source lines that outlets add around the text.
CHROME_LINE = re.compile(
    r"^\W*(?:"
    r"baca\s*(?:juga|pula|selengkapnya\b|:)|lihat\s+juga\b"
    r"|simak\s+(?:juga|video|berita|selengkapnya)"
    r"|tonton\s+(?:juga|video)|video\s+pilihan|artikel\s+ini\s+(?:telah\s+)?(?:tayang|terbit)"
    r"|berita\s+terkait|klik\s+(?:di\s*sini|link|tautan)|ikuti\s+(?:kami|berita|akun)"
    r"|dapatkan\s+(?:update|informasi|berita)|download\s+aplikasi|unduh\s+aplikasi"
    r"|scroll\s+(?:to|untuk)|advertisement|also\s+read|read\s+more|read\s+also|watch:"
    r"|(?:editor|penulis|reporter|pewarta|penyunting|sumber|source|foto|video|kontributor)\s*:"
    r"|\((?:source|sumber)\s*:"
    r")",
    re.IGNORECASE,
)
# A line that is nothing but an outlet credit or a bare dateline: "(Tribunnews.com/Abc)",
# "kontan.co.id", "Jakarta (ANTARA)", "TEMPO.CO, Jakarta".
OUTLET_ONLY = re.compile(
    r"^\W*(?:[\w-]+\s*)?[\w-]+\.(?:com|co\.id|co|id|net|tv|org)\b[\w ./,-]{0,40}\W*$"
    r"|^\W*(?:[A-Z][\w.]*\s*,?\s*){0,3}\(?\b(?:ANTARA|AFP|Reuters|AP)\b\)?\W*$",
)
# A dateline or outlet prefix: "TRIBUNNEWS.COM - ", "JAKARTA, KOMPAS.com - ",
# "KONTAN.CO.ID - MOSKOW. ", "Liputan6.com, Jakarta - ", "JAKARTA - ", "Jakarta (ANTARA) - ",
# "JAKARTA, Selasa (10/9/2019) - " (a place and the day of filing, which copies change or drop).
# Matched from a position (``match(text, pos)``), so no ``^``: stacked datelines come off one
# by one.
_WEEKDAY = f"(?:{alternation(id_dateline.WEEKDAYS + en.WEEKDAYS)})"
DATELINE = re.compile(
    r"\s*(?:"
    r"(?:[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2}\s*,\s*)?"
    rf"(?i:{_WEEKDAY})\s*\(\s*\d{{1,2}}\s*/\s*\d{{1,2}}(?:\s*/\s*\d{{2,4}})?\s*\)"
    r"|"
    r"(?:[A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2}\s*,\s*)?"
    r"[\w-]+(?:\s*-\s*[\w-]+)?\.(?i:com|co\.id|co|id|net|tv|org)\b(?:\s*,\s*[A-Z][\w ]{1,25})?"
    r"|[A-Z][A-Z.]{2,}(?:\s+[A-Z][A-Z.]+){0,2}(?:\s*,\s*[A-Z][\w.]+)?(?:\s*\([A-Z][\w.]+\))?"
    r"|[A-Z][a-z]+\s*\([A-Z][\w.]+\)"
    r")\s*[-–—]+\s*(?:[A-Z][A-Z]{2,}\.\s+)?"
)

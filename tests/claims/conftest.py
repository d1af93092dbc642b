"""The seed story's claims, extracted once for the claims tests.

Expected values come from reading the seed pages (``src/newstrace/sample/seeds``):
000 (kontan) and 004 (TribunPalu) carry the tweet "Kamu terlalu gila untuk kami" by
writer Sarah Hurst of XSoviet-News, cited through Mirror in 000; 004 changes the hedge
to "belum diverifikasi oleh Pyongyang". 003 (Kompas TV) quotes Kremlin spokesman
Dmitry Peskov, via Euronews, calling the reports "berita palsu".
"""

from __future__ import annotations

import pytest

from newstrace.claims import Claim, extract_claims
from newstrace.clean import clean_page
from tests.conftest import SEEDS


@pytest.fixture(scope="package")
def seeds() -> dict[str, tuple[str, str | None, list[Claim]]]:
    result = {}
    for path in sorted(SEEDS.glob("*.txt")):
        cleaned = clean_page(path.read_text(encoding="utf-8"))
        result[path.name[:3]] = (cleaned.text, cleaned.outlet, extract_claims(cleaned.text))
    return result


def carrying(claims: list[Claim], words: str) -> Claim:
    found = [claim for claim in claims if words in claim.quote]
    assert found, f"no claim carries {words!r}"
    return found[0]

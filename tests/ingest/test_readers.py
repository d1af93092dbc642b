"""Fuzzing the readers: whatever bytes arrive, reading yields inputs or rejects with a reason,
never an exception. Bounded to a few seconds."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.ingest.readers import read_inputs
from newstrace.model import RawInput, Reject
from tests.conftest import CLICKID_SAMPLE

SUFFIXES = [".jsonl", ".json", ".csv", ".txt", ".html"]
_REAL_LINE = CLICKID_SAMPLE.read_bytes().split(b"\n", 1)[0]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
records = st.dictionaries(
    st.sampled_from(["id", "title", "text", "judul", "isi", "url", "published", "x"]), json_values, max_size=6
)


def _mutations(data: bytes) -> st.SearchStrategy[bytes]:
    """Real input with bytes flipped, cut short or spliced with noise."""
    return st.tuples(st.integers(0, len(data)), st.binary(max_size=16), st.integers(0, len(data))).map(
        lambda t: data[: t[0]] + t[1] + data[t[2] :]
    )


payloads = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.lists(records, max_size=4).map(lambda rs: "\n".join(json.dumps(r) for r in rs).encode()),
    _mutations(_REAL_LINE),
    st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=4), max_size=4).map(
        lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8", "surrogatepass")
    ),
)


def _read(data: bytes, suffix: str, compress: bool, encoding: str | None) -> list[RawInput | Reject]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("input" + suffix + (".gz" if compress else ""))
        path.write_bytes(gzip.compress(data) if compress else data)
        return list(read_inputs([str(path)], encoding=encoding, max_bytes=2_000))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payloads, st.sampled_from(SUFFIXES), st.booleans(), st.sampled_from([None, "utf-8", "latin-1", "utf-16"]))
def test_readers_never_raise(data: bytes, suffix: str, compress: bool, encoding: str | None) -> None:
    for item in _read(data, suffix, compress, encoding):
        assert isinstance(item, (RawInput, Reject))
        if isinstance(item, Reject):
            assert item.reason and item.detail
        else:
            assert item.fields.keys() <= {"id", "url", "outlet", "title", "published", "text", "html", "byline"}
            assert all(v is None or isinstance(v, str) for v in item.fields.values())


def test_truncated_gzip_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress(CLICKID_SAMPLE.read_bytes())[:5000])
    found = list(read_inputs([str(path)]))
    assert [r.reason for r in found if isinstance(r, Reject)] == ["unreadable"]

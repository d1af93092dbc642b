"""The embedded SQLite store: one writer connection, named migrations, plain tables.

Style: ``Store`` (``connection``) owns the file, its migrations and transactions; every SQL
statement is a module function over a ``Store`` that returns model objects or typed rows, one
module per family of tables: ``articles`` (what ingest writes), ``analysis`` (signatures,
relations, groups, trace), ``claims``, ``search`` (full text) and ``queries`` (what views and
exports read). Functions rather than methods keep each module small and let a caller import
just the statements it uses.
"""

from newstrace.store.articles import WriteStatus, raw_sha256
from newstrace.store.connection import Store, store_error_message

__all__ = ["Store", "raw_sha256", "WriteStatus", "store_error_message"]

"""The store: an embedded DuckDB file with versioned migrations and transactional batches.

>>> from brinkwatch.store import Store
>>> with Store("crisis.duckdb") as store:
...     store.write_batch(results, coded, run_id="r1")
...     df = store.events(dyad=("USA", "VEN"), since="2025-11")
"""

from ._migrations import MIGRATIONS, SCHEMA_VERSION
from .store import TABLES, Store, WriteSummary

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "TABLES", "Store", "WriteSummary"]

"""brinkwatch: crisis news -> a dated, sourced record of who did what to whom, when and where.

The public API::

    import brinkwatch
    bw = brinkwatch.open("crisis.duckdb")
    bw.ingest(["examples/crisis"])
    bw.events(dyad=("USA", "VEN"))      # pandas DataFrame
"""

from ._version import __version__
from .api import Brinkwatch, IngestReport, open
from .errors import BrinkwatchError
from .model import Actor, Article, CodedArticle, Event, Place, Quantity, TimeExpression, TimeSpan

__all__ = [
    "__version__", "open", "Brinkwatch", "IngestReport", "BrinkwatchError",
    "Article", "Actor", "CodedArticle", "Event", "Place", "Quantity", "TimeExpression", "TimeSpan",
]

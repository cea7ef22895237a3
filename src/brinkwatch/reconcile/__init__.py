"""Cross-article work: clustering event mentions into real-world events, corroboration, contradictions.

Only this package and :mod:`brinkwatch.analysis` look across articles (see DESIGN.md).

>>> from brinkwatch.reconcile import cluster_events
>>> clusters = cluster_events(store.events())        # list[model.Cluster], ordered by date
"""

from .cluster import ClusterOptions, Clusterer, similarity
from .compare import compare, compare_store
from .contradict import ArticleContext, contradictions
from .corroborate import article_context, cluster_events, make_cluster, mentions_of
from .mention import Mention, mention_of
from .views import cluster_dicts

__all__ = [
    "ArticleContext", "ClusterOptions", "Clusterer", "Mention", "article_context", "cluster_dicts", "cluster_events",
    "compare", "compare_store", "contradictions", "make_cluster", "mention_of", "mentions_of", "similarity",
]

"""Cross-article work: clustering event mentions into real-world events, corroboration, contradictions.

Only this package and :mod:`brinkwatch.analysis` look across articles (see DESIGN.md).
"""

"""Analysis across articles: timelines (and later dyad series and escalation curves)."""

from .frames import EventFilter, filter_events
from .timeline import QUAD_LABELS, TimelineEntry, build_timeline, timeline_frame

__all__ = ["EventFilter", "filter_events", "QUAD_LABELS", "TimelineEntry", "build_timeline", "timeline_frame"]

"""The store's schema history: an ordered list of SQL migrations.

Each entry is applied once, in its own transaction, and recorded in ``schema_migrations``.
A migration is never edited after release (stores in the wild already ran it): a schema
change is a *new* entry appended here, plus an update of the schema snapshot under tests/.
The migrations live in Python rather than in .sql files so that they ship with the package
without any packaging configuration.

Reserved SQL words used as column names (``"end"``, ``"at"``) are always quoted.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


_V1_CORE = """
CREATE TABLE articles (
    id                    VARCHAR PRIMARY KEY,   -- model.content_id(text)
    seq                   BIGINT NOT NULL,       -- order of storage: "earliest" for near-duplicates
    title                 VARCHAR,
    source                VARCHAR,
    url                   VARCHAR,
    published             VARCHAR,               -- ISO 8601 date or datetime, as ingest found it
    date_method           VARCHAR,
    language              VARCHAR,
    origin                VARCHAR,
    text                  VARCHAR NOT NULL,
    fingerprint           UINTEGER[],            -- MinHash signature (ingest/dedup.py)
    duplicate_of          VARCHAR,               -- root article this one is a near-copy of
    duplicate_similarity  DOUBLE,
    meta                  JSON,
    ingested_at           TIMESTAMPTZ NOT NULL
);

CREATE TABLE ingest_status (
    item        VARCHAR NOT NULL,
    ord         INTEGER NOT NULL,                -- position in its batch
    status      VARCHAR NOT NULL,                -- ok, skipped, failed
    reason      VARCHAR,
    code        VARCHAR,
    article_id  VARCHAR,
    "at"        TIMESTAMPTZ NOT NULL
);

CREATE TABLE events (
    event_id              VARCHAR PRIMARY KEY,
    article_id            VARCHAR NOT NULL,
    plover                VARCHAR NOT NULL,
    cameo                 VARCHAR,
    mode                  VARCHAR,
    context               VARCHAR,               -- comma-separated PLOVER contexts
    quad_class            INTEGER,
    goldstein             DOUBLE,
    acled_event_type      VARCHAR,
    acled_sub_event_type  VARCHAR,
    source_text           VARCHAR,
    source_name           VARCHAR,
    source_country        VARCHAR,
    source_sector         VARCHAR,
    target_text           VARCHAR,
    target_name           VARCHAR,
    target_country        VARCHAR,
    target_sector         VARCHAR,
    source_actors         JSON,
    target_actors         JSON,
    date_start            VARCHAR,
    date_end              VARCHAR,
    date_granularity      VARCHAR,
    date_value            VARCHAR,
    date_text             VARCHAR,
    date_method           VARCHAR,
    place_name            VARCHAR,
    place_country         VARCHAR,
    place_admin1          VARCHAR,
    lat                   DOUBLE,
    lon                   DOUBLE,
    geonameid             BIGINT,
    place_precision       VARCHAR,
    fatalities            INTEGER,
    quantities            JSON,
    modality              VARCHAR NOT NULL,
    attributed_to         VARCHAR,
    sentence              VARCHAR,
    sentence_start        INTEGER,
    sentence_end          INTEGER,
    "trigger"             VARCHAR,
    trigger_start         INTEGER,
    trigger_end           INTEGER,
    rule                  VARCHAR,
    confidence            DOUBLE
);

CREATE TABLE event_actors (
    event_id      VARCHAR NOT NULL,
    role          VARCHAR NOT NULL,              -- source or target
    ord           INTEGER NOT NULL,
    text          VARCHAR,
    start         INTEGER,
    "end"         INTEGER,
    name          VARCHAR,
    country       VARCHAR,
    sector        VARCHAR,
    kind          VARCHAR,
    actor_role    VARCHAR,                       -- model.Actor.role ("President of Venezuela")
    knowledge_id  VARCHAR,
    method        VARCHAR
);

CREATE TABLE actors (
    article_id    VARCHAR NOT NULL,
    ord           INTEGER NOT NULL,
    text          VARCHAR,
    start         INTEGER,
    "end"         INTEGER,
    name          VARCHAR,
    country       VARCHAR,
    sector        VARCHAR,
    kind          VARCHAR,
    role          VARCHAR,
    knowledge_id  VARCHAR,
    method        VARCHAR
);

CREATE TABLE timexes (
    article_id        VARCHAR NOT NULL,
    ord               INTEGER NOT NULL,
    start             INTEGER,
    "end"             INTEGER,
    text              VARCHAR,
    type              VARCHAR,
    value             VARCHAR,
    mod               VARCHAR,
    span_start        VARCHAR,                   -- model.TimeSpan, flattened
    span_end          VARCHAR,
    span_granularity  VARCHAR,
    span_value        VARCHAR,
    span_text         VARCHAR,
    span_method       VARCHAR,
    span_anchored     BOOLEAN
);

CREATE TABLE places (
    article_id  VARCHAR NOT NULL,
    ord         INTEGER NOT NULL,
    text        VARCHAR,
    start       INTEGER,
    "end"       INTEGER,
    name        VARCHAR,
    country     VARCHAR,
    admin1      VARCHAR,
    lat         DOUBLE,
    lon         DOUBLE,
    geonameid   BIGINT,
    feature     VARCHAR,
    precision   VARCHAR
);

CREATE TABLE quantities (
    article_id  VARCHAR NOT NULL,
    ord         INTEGER NOT NULL,
    text        VARCHAR,
    start       INTEGER,
    "end"       INTEGER,
    value       DOUBLE,
    unit        VARCHAR,
    kind        VARCHAR,
    change      VARCHAR,
    low         DOUBLE,
    high        DOUBLE,
    concept     VARCHAR
);
"""

_V2_RUNS_AND_EVENT_TABLE = """
CREATE TABLE runs (
    run_id    VARCHAR PRIMARY KEY,
    started   TIMESTAMPTZ NOT NULL,
    finished  TIMESTAMPTZ,
    command   VARCHAR,
    counts    JSON
);

ALTER TABLE ingest_status ADD COLUMN run_id VARCHAR;

-- The flat event table of model.EVENT_COLUMNS, in that order: what queries and exports read.
CREATE VIEW event_table AS
SELECT
    e.event_id, e.article_id, e.plover, e.cameo, e.mode, e.context, e.quad_class, e.goldstein,
    e.acled_event_type, e.acled_sub_event_type,
    e.source_text, e.source_name, e.source_country, e.source_sector,
    e.target_text, e.target_name, e.target_country, e.target_sector,
    e.source_actors, e.target_actors,
    e.date_start, e.date_end, e.date_granularity, e.date_value, e.date_text, e.date_method,
    e.place_name, e.place_country, e.place_admin1, e.lat, e.lon, e.geonameid, e.place_precision,
    e.fatalities, e.quantities,
    e.modality, e.attributed_to,
    e.sentence, e.sentence_start, e.sentence_end, e."trigger", e.trigger_start, e.trigger_end,
    e.rule, e.confidence,
    a.source AS article_source, a.title AS article_title, a.url AS article_url,
    a.published AS article_published, a.duplicate_of
FROM events e
LEFT JOIN articles a ON a.id = e.article_id;
"""

_V3_EVENT_CLUSTERS = """
-- reconcile/: which real-world event (cluster) each event mention belongs to. Assignments are
-- incremental: a mention is assigned once, when its batch is stored, and never moves.
CREATE TABLE event_clusters (
    event_id     VARCHAR PRIMARY KEY,
    cluster_id   VARCHAR NOT NULL,              -- the event id of the cluster's first member
    score        DOUBLE,                        -- similarity to the best member when it joined (1 = founder)
    run_id       VARCHAR,
    assigned_at  TIMESTAMPTZ NOT NULL
);
"""

#: Every migration, oldest first. Versions are consecutive from 1.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "core tables: articles, statuses, events and per-article mentions", _V1_CORE),
    Migration(2, "runs table, ingest_status.run_id, flat event_table view", _V2_RUNS_AND_EVENT_TABLE),
    Migration(3, "event_clusters: incremental cross-article event clusters", _V3_EVENT_CLUSTERS),
)

#: The schema version this code writes and reads.
SCHEMA_VERSION: int = MIGRATIONS[-1].version

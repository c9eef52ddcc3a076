"""The dataset contract (../shared/CONTRACT.md): every table declared once, everything else derived.

A table's columns (with types and descriptions), key, foreign keys, offsets, sort order and
where its rows come from live in its `Table` below. The Arrow schemas, the Great Expectations
column-set check, the DuckDB key and offset checks, the release catalog (Data Package, data card,
manifest, change log) and the compaction order all read them from here, so a new column is
added in one place. Contract columns come first; columns after them are additions the contract
allows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

S, I, F, B, D, TS = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32(), pa.timestamp("us")  # noqa: E741


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str


@dataclass(frozen=True)
class ForeignKey:
    """`column` holds a `parent.key` (or null)."""

    column: str
    parent: str
    key: str


@dataclass(frozen=True)
class Offsets:
    """`articles.text[start:end]` is exactly `text` (when `start` is not null)."""

    text: str
    start: str
    end: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # identifies a row across batches and releases
    label: tuple[str, ...]  # says what a row is, beside its key in CHANGES.md
    sort_key: tuple[str, ...]  # the order rows are written in (SQL ORDER BY terms)
    # Where the rows come from: "ingest" and "extract" stage them per input batch; "corpus"
    # builds them over every batch at once.
    origin: str
    batch_key: str | None  # the column tying a row to the staged batch it came from
    foreign_keys: tuple[ForeignKey, ...] = ()
    offsets: tuple[Offsets, ...] = ()
    staged_extra: tuple[Column, ...] = ()  # staged for the corpus-wide build, not published
    # Columns holding the publishers' own words at length (their copyright, not ours): left
    # empty in a release made without text, and restored from the user's copies by offsets.
    text_columns: tuple[str, ...] = ()

    @property
    def schema(self) -> pa.Schema:
        return _schema(self.columns)

    @property
    def staged_schema(self) -> pa.Schema:
        return pa.schema(list(self.schema) + [pa.field(c.name, c.type) for c in self.staged_extra])

    @property
    def sorted_by_article_date(self) -> bool:
        """Rows of one period sit together (date-bounded reads touch few row groups); `articles`
        itself sorts by `published_at` in its own key."""
        return self.name != "articles" and "article_id" in self.schema.names


def _schema(columns: tuple[Column, ...]) -> pa.Schema:
    return pa.schema([pa.field(c.name, c.type, metadata={"description": c.description}) for c in columns])


def _columns(*fields: tuple[str, pa.DataType, str]) -> tuple[Column, ...]:
    return tuple(Column(*f) for f in fields)


_ARTICLE = ForeignKey("article_id", "articles", "article_id")

# In the order the assets build them.
CONTRACT: tuple[Table, ...] = (
    Table(
        name="articles",
        description="One row per distinct article, with its text, publisher and dates.",
        columns=_columns(
            ("article_id", S, "Stable id: a hash of the article text."),
            ("input_uri", S, "File (and row) the article came from."),
            ("title", S, "Headline, when the input has one."),
            ("publisher", S, "Publisher or site name."),
            ("url", S, "Original address of the article."),
            ("published_at", TS, "Publication time (UTC when the input gave a zone)."),
            ("dateline_date", D, "Date of the dateline, e.g. 15 June."),
            ("dateline_place", S, "Place of the dateline, e.g. Kyiv, Ukraine."),
            ("language", S, "ISO 639-1 language code."),
            ("text", S, "The article text; every offset indexes it."),
            ("n_words", I, "Whitespace-separated words in text."),
            ("content_sha256", S, "SHA-256 of text, hex."),
            ("external_id", S, "The id the input row gave, if any."),
            ("dateline_text", S, "The dateline's date as written, e.g. 15 June."),
            ("batch", S, "Input batch (Dagster partition) that brought the article."),
        ),
        key=("article_id",),
        label=("title",),
        sort_key=("published_at", "article_id"),
        origin="ingest",
        batch_key="article_id",
        text_columns=("text",),
    ),
    Table(
        name="rejected_inputs",
        description="Every input file or row that did not become an article, with the reason.",
        columns=_columns(
            ("input_uri", S, "File (and row) that did not become an article."),
            (
                "reason",
                S,
                "Short code: empty, not_utf8, binary, duplicate, too_large, not_english, unreadable, unsupported_type, missing_text, bad_date, bad_name, hidden.",
            ),
            ("detail", S, "Human-readable explanation."),
            ("batch", S, "Input batch that held it."),
        ),
        key=("input_uri",),
        label=("reason",),
        sort_key=("input_uri", "batch", "reason", "detail"),
        origin="ingest",
        batch_key="batch",
    ),
    Table(
        name="actor_mentions",
        description="One row per mention of an actor in an article, with character offsets.",
        columns=_columns(
            ("mention_id", S, "Stable id of the mention."),
            ("article_id", S, "Article holding the mention."),
            ("actor_id", S, "Canonical actor."),
            ("text", S, "The mention as written."),
            ("start_char", I, "Offset into articles.text."),
            ("end_char", I, "End offset (exclusive)."),
            ("sentence_index", I, "Sentence number in the article, from 0."),
            ("ner_label", S, "spaCy entity label the mention came from."),
        ),
        key=("mention_id",),
        label=("text",),
        sort_key=("article_id", "start_char", "end_char", "mention_id"),
        origin="extract",
        batch_key="article_id",
        foreign_keys=(_ARTICLE, ForeignKey("actor_id", "actors", "actor_id")),
        offsets=(Offsets("text", "start_char", "end_char"),),
        # The canonical description the corpus-wide actors table is built from.
        staged_extra=_columns(
            ("actor_name", S, ""), ("actor_type", S, ""), ("country_code", S, ""), ("country_source", S, "")
        ),
    ),
    Table(
        name="actors",
        description="One row per real-world actor across the corpus, with aliases and mention counts.",
        columns=_columns(
            ("actor_id", S, "Stable id derived from the actor's canonical key."),
            ("name", S, "Canonical name."),
            ("actor_type", S, "person, organization, country, group, media_outlet, location or other."),
            ("country_code", S, "ISO 3166-1 alpha-3 code of the actor's country."),
            ("aliases", pa.list_(S), "Every surface form seen for the actor."),
            ("n_mentions", I, "Mentions over the corpus."),
            ("n_articles", I, "Articles mentioning the actor."),
            ("first_seen", D, "Earliest publication date of an article mentioning it."),
            ("last_seen", D, "Latest publication date of an article mentioning it."),
            (
                "country_source",
                S,
                "Where the country code comes from: context (a title, possessive, adjective or phrase"
                " beside the name), curated (the project's tables), gazetteer (the name is a country,"
                " capital, demonym or place) or factbook (CIA World Factbook office holders, parties).",
            ),
            ("wikidata_id", S, "Wikidata item of the actor, where the curated or country data knows it."),
        ),
        key=("actor_id",),
        label=("name",),
        sort_key=("n_mentions DESC", "actor_id"),
        origin="corpus",
        batch_key=None,
    ),
    Table(
        name="sources",
        description="One row per party cited in an article: person, outlet, group or anonymous source.",
        columns=_columns(
            ("source_id", S, "Stable id of the party within its article."),
            ("article_id", S, "Article citing the source."),
            ("actor_id", S, "Canonical actor the source is, when it is one."),
            ("name", S, "How the article first describes the source."),
            ("source_kind", S, "person, organization, media_outlet, country, group, anonymous, document or unknown."),
            ("is_anonymous", B, "True for unnamed sources such as 'a senior Western official'."),
            ("role", S, "Role of an unnamed source, e.g. official."),
            ("affiliation", S, "Affiliation of the source as written, e.g. US."),
            ("affiliation_actor_id", S, "Actor of the affiliation."),
            ("start_char", I, "First mention start offset."),
            ("end_char", I, "First mention end offset."),
            ("n_claims", I, "Claims attributed to the source."),
            ("rank", S, "Rank of an unnamed source, e.g. senior."),
            ("is_plural", B, "True when the source is several people ('officials')."),
        ),
        key=("source_id",),
        label=("name",),
        sort_key=("article_id", "start_char", "source_id"),
        origin="extract",
        batch_key="article_id",
        foreign_keys=(
            _ARTICLE,
            ForeignKey("actor_id", "actors", "actor_id"),
            ForeignKey("affiliation_actor_id", "actors", "actor_id"),
        ),
        offsets=(Offsets("name", "start_char", "end_char"),),
    ),
    Table(
        name="claims",
        description="One row per attributed statement: what someone said, wrote, believes or intends.",
        columns=_columns(
            ("claim_id", S, "Stable id of the claim."),
            ("article_id", S, "Article holding the claim."),
            ("source_id", S, "Who made the claim; null when the text names no one."),
            ("parent_claim_id", S, "Claim this one is reported inside."),
            ("claim_type", S, "direct_quote, indirect, mixed, according_to, belief, intention or other."),
            ("cue", S, "The attribution cue as its verb group, e.g. said, has not said, pointed out."),
            ("cue_start", I, "Cue start offset."),
            ("cue_end", I, "Cue end offset."),
            ("content", S, "What is claimed."),
            ("content_start", I, "Content start offset."),
            ("content_end", I, "Content end offset."),
            ("source_text", S, "The span naming the source in this claim, e.g. He."),
            ("source_start", I, "Source span start offset."),
            ("source_end", I, "Source span end offset."),
            ("sentence_index", I, "Sentence of the cue."),
            ("cited_source_id", S, "A source the claim's source cites for it ('citing officials')."),
            (
                "confidence",
                F,
                "Probability that the claim is right (cue, content and source), from the claim model "
                "calibrated on PolNeAR; filter with WHERE confidence >= t (see the README).",
            ),
            (
                "content_gap_start",
                I,
                "Start of the claim's own attribution inside its content (“…,” he said. “…”): the "
                "content's words are content_start–content_gap_start and content_gap_end–content_end; "
                "null when nothing interrupts it.",
            ),
            ("content_gap_end", I, "End of the attribution inside the content; null when none."),
            ("cue_lemma", S, "The cue's head word as the dictionary has it (say for has not said), to count cues."),
        ),
        key=("claim_id",),
        label=("content",),
        sort_key=("article_id", "content_start", "cue_start", "claim_id"),
        origin="extract",
        batch_key="article_id",
        foreign_keys=(
            _ARTICLE,
            ForeignKey("source_id", "sources", "source_id"),
            ForeignKey("cited_source_id", "sources", "source_id"),
            ForeignKey("parent_claim_id", "claims", "claim_id"),
        ),
        offsets=(
            Offsets("cue", "cue_start", "cue_end"),
            Offsets("content", "content_start", "content_end"),
            Offsets("source_text", "source_start", "source_end"),
        ),
        text_columns=("content",),
    ),
    Table(
        name="claim_actors",
        description="Actors each claim is about: the actor mentions inside its content.",
        columns=_columns(
            ("claim_id", S, "Claim."),
            ("actor_id", S, "Actor mentioned in the claim's content."),
            ("mention_id", S, "The mention inside the content."),
        ),
        key=("claim_id", "mention_id"),
        label=("actor_id",),
        sort_key=("claim_id", "mention_id"),
        origin="extract",
        batch_key="claim_id",
        foreign_keys=(
            ForeignKey("claim_id", "claims", "claim_id"),
            ForeignKey("actor_id", "actors", "actor_id"),
            ForeignKey("mention_id", "actor_mentions", "mention_id"),
        ),
    ),
    Table(
        name="dates",
        description="Publication dates, datelines and time expressions with TIMEX3 values.",
        columns=_columns(
            ("date_id", S, "Stable id of the date."),
            ("article_id", S, "Article holding the date."),
            ("claim_id", S, "Claim whose content holds the date, or that the date says when it was made."),
            ("text", S, "The expression as written."),
            ("start_char", I, "Start offset; null for metadata dates."),
            ("end_char", I, "End offset; null for metadata dates."),
            ("role", S, "published, dateline or mention."),
            ("timex_type", S, "TIMEX3 type: DATE, TIME, DURATION or SET."),
            ("value", S, "TIMEX3 value, e.g. 2023-07."),
            ("resolved_date", D, "First day the value denotes."),
            ("granularity", S, "year, quarter, season, month, week, day, time, duration, set or reference."),
            ("anchor_date", D, "Date relative expressions were resolved against."),
            ("is_claim_time", B, "True when the date says when the claim was made ('said on Friday')."),
        ),
        key=("date_id",),
        label=("text", "value"),
        sort_key=("article_id", "role", "start_char", "date_id"),
        origin="extract",
        batch_key="article_id",
        foreign_keys=(_ARTICLE, ForeignKey("claim_id", "claims", "claim_id")),
        offsets=(Offsets("text", "start_char", "end_char"),),
    ),
)

TABLE: dict[str, Table] = {t.name: t for t in CONTRACT}
TABLES: tuple[str, ...] = tuple(TABLE)
SCHEMAS: dict[str, pa.Schema] = {t.name: t.schema for t in CONTRACT}
# What each input batch stages; `actors` is built corpus-wide from the staged mentions.
STAGED_SCHEMAS: dict[str, pa.Schema] = {t.name: t.staged_schema for t in CONTRACT if t.origin != "corpus"}
# What the extractors write for each article.
PER_ARTICLE_TABLES: tuple[str, ...] = tuple(t.name for t in CONTRACT if t.origin == "extract")
ARTICLES, REJECTED_INPUTS = SCHEMAS["articles"], SCHEMAS["rejected_inputs"]
STAGED_ACTOR_MENTIONS = STAGED_SCHEMAS["actor_mentions"]


def foreign_keys() -> list[tuple[str, str, str, str]]:
    """(child, column, parent, key) for every reference between tables."""
    return [(t.name, fk.column, fk.parent, fk.key) for t in CONTRACT for fk in t.foreign_keys]


def actor_id_columns(table: str) -> tuple[str, ...]:
    """The columns of `table` holding actor ids (mapped onto canonical ids when compacted)."""
    return tuple(fk.column for fk in TABLE[table].foreign_keys if fk.parent == "actors")

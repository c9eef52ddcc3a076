"""The dataset contract (../shared/CONTRACT.md) as Arrow schemas, with column descriptions.

Contract columns come first; columns after them are additions the contract allows.
"""

from __future__ import annotations

import pyarrow as pa

S, I, B, D, TS = pa.string(), pa.int64(), pa.bool_(), pa.date32(), pa.timestamp("us")  # noqa: E741


def _schema(*fields: tuple[str, pa.DataType, str]) -> pa.Schema:
    return pa.schema([pa.field(name, typ, metadata={"description": desc}) for name, typ, desc in fields])


ARTICLES = _schema(
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
)

REJECTED_INPUTS = _schema(
    ("input_uri", S, "File (and row) that did not become an article."),
    (
        "reason",
        S,
        "Short code: empty, not_utf8, binary, duplicate, too_large, not_english, unreadable, unsupported_type, missing_text.",
    ),
    ("detail", S, "Human-readable explanation."),
    ("batch", S, "Input batch that held it."),
)

ACTORS = _schema(
    ("actor_id", S, "Stable id derived from the actor's canonical key."),
    ("name", S, "Canonical name."),
    ("actor_type", S, "person, organization, country, group, media_outlet, location or other."),
    ("country_code", S, "ISO 3166-1 alpha-3 code of the actor's country."),
    ("aliases", pa.list_(S), "Every surface form seen for the actor."),
    ("n_mentions", I, "Mentions over the corpus."),
    ("n_articles", I, "Articles mentioning the actor."),
    ("first_seen", D, "Earliest publication date of an article mentioning it."),
    ("last_seen", D, "Latest publication date of an article mentioning it."),
)

ACTOR_MENTIONS = _schema(
    ("mention_id", S, "Stable id of the mention."),
    ("article_id", S, "Article holding the mention."),
    ("actor_id", S, "Canonical actor."),
    ("text", S, "The mention as written."),
    ("start_char", I, "Offset into articles.text."),
    ("end_char", I, "End offset (exclusive)."),
    ("sentence_index", I, "Sentence number in the article, from 0."),
    ("ner_label", S, "spaCy entity label the mention came from."),
)

# Staged mentions carry the canonical description the corpus-wide actors table is built from.
STAGED_ACTOR_MENTIONS = pa.schema(
    list(ACTOR_MENTIONS)
    + [
        pa.field("actor_name", S),
        pa.field("actor_type", S),
        pa.field("country_code", S),
    ]
)

SOURCES = _schema(
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
)

CLAIMS = _schema(
    ("claim_id", S, "Stable id of the claim."),
    ("article_id", S, "Article holding the claim."),
    ("source_id", S, "Who made the claim; null when the text names no one."),
    ("parent_claim_id", S, "Claim this one is reported inside."),
    ("claim_type", S, "direct_quote, indirect, mixed, according_to, belief, intention or other."),
    ("cue", S, "The attribution cue, e.g. said."),
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
)

CLAIM_ACTORS = _schema(
    ("claim_id", S, "Claim."),
    ("actor_id", S, "Actor mentioned in the claim's content."),
    ("mention_id", S, "The mention inside the content."),
)

DATES = _schema(
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
)

SCHEMAS: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "rejected_inputs": REJECTED_INPUTS,
    "actors": ACTORS,
    "actor_mentions": ACTOR_MENTIONS,
    "sources": SOURCES,
    "claims": CLAIMS,
    "claim_actors": CLAIM_ACTORS,
    "dates": DATES,
}

# Tables each input batch stages; `actors` is built corpus-wide from the staged mentions.
STAGED_SCHEMAS: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "rejected_inputs": REJECTED_INPUTS,
    "actor_mentions": STAGED_ACTOR_MENTIONS,
    "sources": SOURCES,
    "claims": CLAIMS,
    "claim_actors": CLAIM_ACTORS,
    "dates": DATES,
}

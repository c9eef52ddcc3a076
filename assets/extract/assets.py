"""Extract: one batch's articles → staged actor mentions, sources, claims and dates."""

from collections.abc import Iterator

import dagster as dg
import pandas as pd
from tqdm import tqdm

from assets.ingest.assets import input_batches
from pipelines.metadata import table_metadata
from pipelines.schema import ARTICLES, STAGED_SCHEMAS
from pipelines.settings import NewsclaimsSettings
from pipelines.storage import read_table, write_table

from .rows import PER_ARTICLE_TABLES, anchor_of, article_rows

PROGRESS_MIN_ARTICLES = 50


@dg.asset(
    partitions_def=input_batches,
    deps=["raw_articles"],
    group_name="extract",
    kinds={"spacy", "parquet"},
)
def extractions(context: dg.AssetExecutionContext, settings: NewsclaimsSettings) -> dg.MaterializeResult:
    """Actors, sources, claims and time expressions of one batch's articles, found by spaCy
    and the project's components over the dependency parse.

    Only the batch's own articles are parsed, so a run costs in proportion to what is new.
    """
    from .pipeline import load_pipeline, model_version

    key = context.partition_key
    warehouse = settings.warehouse
    articles = read_table(warehouse / "staging" / "articles" / f"{key}.parquet", ARTICLES)
    nlp = load_pipeline(settings.model_name)
    tables: dict[str, list[dict]] = {t: [] for t in PER_ARTICLE_TABLES}
    records = [_with_python_dates(r) for r in articles.to_dict("records")]
    docs = nlp.pipe(_docs(nlp, records), batch_size=settings.batch_size, n_process=settings.n_process)
    progress = tqdm(
        zip(records, docs),
        total=len(records),
        desc="extracting",
        unit="article",
        disable=None if len(records) >= PROGRESS_MIN_ARTICLES else True,
    )
    errors = {}
    for record, doc in progress:
        if doc._.errors:
            errors[record["input_uri"]] = doc._.errors
            context.log.warning(f"{record['input_uri']}: {'; '.join(doc._.errors)}")
        for table, rows in article_rows(record, doc).items():
            tables[table].extend(rows)
    metadata = {
        "model": model_version(nlp),
        "n_articles": len(records),
        "n_articles_with_errors": len(errors),
        "errors": dg.MetadataValue.json(dict(list(errors.items())[:50])),
    }
    # claims last: a batch whose claims file exists is complete (see batches.pending_batches).
    for table in sorted(PER_ARTICLE_TABLES, key=lambda t: t == "claims"):
        schema = STAGED_SCHEMAS[table]
        df = pd.DataFrame(tables[table], columns=schema.names)
        write_table(df, warehouse / "staging" / table / f"{key}.parquet", schema)
        metadata[f"n_{table}"] = len(df)
        if table == "claims":
            metadata.update(table_metadata(df, schema))
    return dg.MaterializeResult(metadata=metadata)


def _docs(nlp, records: list[dict]) -> Iterator:
    """Docs carrying their anchor date, so the time-expression component can resolve 'next month'."""
    for record in records:
        doc = nlp.make_doc(record["text"])
        anchor = anchor_of(record)
        doc._.anchor_date = anchor.isoformat() if anchor else None
        yield doc


def _with_python_dates(record: dict) -> dict:
    published, dateline = record.get("published_at"), record.get("dateline_date")
    record["published_at"] = None if pd.isna(published) else pd.Timestamp(published).to_pydatetime()
    record["dateline_date"] = None if pd.isna(dateline) else pd.Timestamp(dateline).date()
    return record

"""Extract: one batch's articles → staged actor mentions, sources, claims and dates."""

from collections.abc import Iterator
from contextlib import ExitStack

import dagster as dg
import pyarrow.parquet as pq
from tqdm import tqdm

from assets.core.contract import PER_ARTICLE_TABLES, STAGED_SCHEMAS
from assets.core.faults import checkpoint
from assets.core.metadata import column_schema, preview
from assets.core.settings import NewsclaimsSettings
from assets.core.storage import streamed_table
from assets.core.workers import worker_count
from assets.ingest.assets import input_batches
from assets.ingest.batches import batch_extracted, done_before

from .parallel import CHUNK_ARTICLES, parse_articles

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

    Only the batch's own articles are parsed, so a run costs in proportion to what is new. They
    stream through in chunks of a few dozen, parsed on every usable core (`n_process`, 0 = all),
    and their rows go straight to the staged Parquet files: memory does not grow with the batch.
    A batch extracted already is not parsed again ("Materialize all" twice extracts once).
    """
    key = context.partition_key
    warehouse = settings.warehouse
    if batch_extracted(warehouse, key):
        context.log.info(f"batch {key}: extracted by an earlier run, nothing to do")
        return dg.MaterializeResult(metadata=done_before(warehouse, key, PER_ARTICLE_TABLES))
    source = pq.ParquetFile(warehouse / "staging" / "articles" / f"{key}.parquet")
    n_articles = source.metadata.num_rows
    n_process = worker_count(settings.n_process, n_articles)
    context.log.info(f"batch {key}: parsing {n_articles} articles with {n_process} process(es)")
    errors: dict[str, list[str]] = {}
    shown: dict[str, object] = {}
    model = ""
    progress = tqdm(
        total=n_articles,
        desc="extracting",
        unit="article",
        disable=None if n_articles >= PROGRESS_MIN_ARTICLES else True,
    )
    with ExitStack() as stack:
        writers = {
            t: stack.enter_context(streamed_table(warehouse / "staging" / t / f"{key}.parquet", STAGED_SCHEMAS[t]))
            for t in PER_ARTICLE_TABLES
        }
        for result in parse_articles(_chunks(source), settings.model_name, n_process, settings.batch_size):
            model = result.model
            for uri, messages in result.errors.items():
                errors[uri] = messages
                context.log.warning(f"{uri}: {'; '.join(messages)}")
            for table, rows in result.tables.items():
                writers[table].write(rows)
            if "claims" not in shown and result.tables["claims"].num_rows:
                shown["claims"] = result.tables["claims"].slice(0, 10).to_pandas()
            progress.update(result.n_articles)
        checkpoint("extract")
        # claims last: a batch whose claims file exists is complete (see batches.pending_batches).
        for table in sorted(PER_ARTICLE_TABLES, key=lambda t: t == "claims"):
            writers[table].commit()
    progress.close()
    metadata = {
        "model": model,
        "n_articles": n_articles,
        "n_processes": n_process,
        "n_articles_with_errors": len(errors),
        "errors": dg.MetadataValue.json(dict(list(errors.items())[:50])),
        **{f"n_{t}": writers[t].rows for t in PER_ARTICLE_TABLES},
        "dagster/row_count": writers["claims"].rows,
        "dagster/column_schema": column_schema(STAGED_SCHEMAS["claims"]),
    }
    if "claims" in shown:
        metadata["preview"] = dg.MetadataValue.md(preview(shown["claims"]))
    return dg.MaterializeResult(metadata=metadata)


def _chunks(source: pq.ParquetFile) -> Iterator[list[dict]]:
    """The batch's articles in chunks, as plain records (Python dates, None for missing)."""
    for batch in source.iter_batches(batch_size=CHUNK_ARTICLES):
        yield batch.to_pylist()

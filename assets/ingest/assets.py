"""Ingest: the files of one input batch → staged articles and rejected inputs."""

import dataclasses
from functools import partial
from pathlib import Path

import dagster as dg
import pandas as pd
import pyarrow as pa

from assets.core.contract import ARTICLES, REJECTED_INPUTS
from assets.core.faults import checkpoint
from assets.core.metadata import PREVIEW_ROWS, column_schema, preview
from assets.core.settings import NewsclaimsSettings
from assets.core.storage import TEXT_ROW_GROUP_SIZE, read_json, read_staged, streamed_table, write_table
from assets.core.workers import ordered_map, worker_count

from .batches import (
    PARTITIONS_NAME,
    batch_extracted,
    batch_metadata,
    done_before,
    manifest_path,
    require_plan,
)
from .readers import Article, InputFile, ReadOptions, Rejection, batch_input_ids, read_files

input_batches = dg.DynamicPartitionsDefinition(name=PARTITIONS_NAME)
WRITE_ROWS = 512  # articles are written in pieces of this many rows, never held all at once
FILES_PER_TASK = 16  # files read per task when reading on several cores


@dg.asset(
    partitions_def=input_batches,
    group_name="ingest",
    kinds={"python", "parquet"},
)
def raw_articles(context: dg.AssetExecutionContext, settings: NewsclaimsSettings) -> dg.MaterializeResult:
    """Articles read from one input batch (text, JSONL/CSV/Parquet rows, HTML pages).

    Every file and row becomes an article or a rejected input with a reason: empty, not_utf8,
    binary, duplicate text, too large, not English, unreadable. Duplicates are judged against
    every earlier batch too, so an article is parsed once however often it is fed in. Files are
    read on every usable core, a few at a time and in order, and the articles written as they
    come: memory does not grow with the batch. A batch extracted already is not read again.

    No partition yet? Plan files with `newsclaims plan PATH…` or the `plan_batch` job (`make
    dev` plans the bundled samples when the warehouse has no batch).
    """
    key = context.partition_key
    warehouse = settings.warehouse
    require_plan(warehouse, key)
    if batch_extracted(warehouse, key):
        return dg.MaterializeResult(metadata=done_before(warehouse, key, ["articles", "rejected_inputs"]))
    known = _known_articles(warehouse, key)
    options = ReadOptions(max_chars=settings.max_article_chars)
    rejected: list[dict] = []
    shown: list[dict] = []
    pending: list[dict] = []
    staged = warehouse / "staging"
    with streamed_table(staged / "articles" / f"{key}.parquet", ARTICLES, TEXT_ROW_GROUP_SIZE) as articles:
        files = batch_inputs(warehouse, key)
        chunks = [files[i : i + FILES_PER_TASK] for i in range(0, len(files), FILES_PER_TASK)]
        n_process = worker_count(settings.n_process, len(files), FILES_PER_TASK)
        for items in ordered_map(partial(read_files, options=options), chunks, n_process):
            for item in items:
                if isinstance(item, Rejection):
                    rejected.append({**dataclasses.asdict(item), "batch": key})
                    continue
                article = _article_row(item, key)
                first = known.get(article["content_sha256"])
                if first is not None:
                    rejected.append(
                        {
                            "input_uri": item.input_uri,
                            "reason": "duplicate",
                            "detail": f"same text as {first}",
                            "batch": key,
                        }
                    )
                    continue
                known[article["content_sha256"]] = item.input_uri
                pending.append(article)
                if len(shown) < PREVIEW_ROWS:
                    shown.append({k: v for k, v in article.items() if k != "text"})
                if len(pending) >= WRITE_ROWS:
                    articles.write(pa.Table.from_pylist(pending, schema=ARTICLES))
                    pending.clear()
        articles.write(pa.Table.from_pylist(pending, schema=ARTICLES))
        rejected_df = pd.DataFrame(rejected, columns=REJECTED_INPUTS.names)
        write_table(rejected_df, staged / "rejected_inputs" / f"{key}.parquet", REJECTED_INPUTS)
        checkpoint("read")
        articles.commit()  # last: the batch's articles exist only once everything is read
    context.log.info(f"batch {key}: {articles.rows} articles, {len(rejected_df)} rejected")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": articles.rows,
            "dagster/column_schema": column_schema(ARTICLES),
            "preview": dg.MetadataValue.md(
                preview(pd.DataFrame(shown, columns=[c for c in ARTICLES.names if c != "text"]))
            ),
            "n_rejected": len(rejected_df),
            "rejected_reasons": dg.MetadataValue.json(rejected_df["reason"].value_counts().to_dict()),
            **batch_metadata(warehouse, key),
        }
    )


def batch_inputs(warehouse, key: str) -> list[InputFile]:
    """The files of batch `key` with the relative ids their rows carry: the `id` its plan
    recorded for each file, else one derived from the batch's own paths (`batch_input_ids`)."""
    entries = read_json(manifest_path(warehouse, key))["files"]
    derived = batch_input_ids([Path(f["path"]) for f in entries])
    return [InputFile(Path(f["path"]), f.get("id") or derived[Path(f["path"])]) for f in entries]


def _article_row(item: Article, batch: str) -> dict:
    row = dataclasses.asdict(item)
    row.update(
        article_id=item.article_id,
        content_sha256=item.content_sha256,
        n_words=len(item.text.split()),
        batch=batch,
    )
    return row


def _known_articles(warehouse, current_batch: str) -> dict[str, str]:
    """content sha256 → input uri of every article staged by other batches."""
    staged = read_staged(warehouse / "staging" / "articles", ARTICLES, ["content_sha256", "input_uri", "batch"])
    staged = staged[staged["batch"] != current_batch]
    return dict(zip(staged["content_sha256"], staged["input_uri"]))

"""Ingest: the files of one input batch → staged articles and rejected inputs."""

import dataclasses

import dagster as dg
import pandas as pd

from pipelines.metadata import table_metadata
from pipelines.schema import ARTICLES, REJECTED_INPUTS
from pipelines.settings import NewsclaimsSettings
from pipelines.storage import read_staged, write_table

from .batches import PARTITIONS_NAME, batch_files
from .readers import Article, ReadOptions, Rejection, read_path

input_batches = dg.DynamicPartitionsDefinition(name=PARTITIONS_NAME)


@dg.asset(
    partitions_def=input_batches,
    group_name="ingest",
    kinds={"python", "parquet"},
)
def raw_articles(context: dg.AssetExecutionContext, settings: NewsclaimsSettings) -> dg.MaterializeResult:
    """Articles read from one input batch (text, JSONL/CSV/Parquet rows, HTML pages).

    Every file and row becomes an article or a rejected input with a reason: empty, not_utf8,
    binary, duplicate text, too large, not English, unreadable. Duplicates are judged against
    every earlier batch too, so an article is parsed once however often it is fed in.
    """
    key = context.partition_key
    warehouse = settings.warehouse
    known = _known_articles(warehouse, key)
    options = ReadOptions(max_chars=settings.max_article_chars)
    articles, rejected = [], []
    for path in batch_files(warehouse, key):
        for item in read_path(path, options):
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
            articles.append(article)
    articles_df = pd.DataFrame(articles, columns=ARTICLES.names)
    rejected_df = pd.DataFrame(rejected, columns=REJECTED_INPUTS.names)
    write_table(rejected_df, warehouse / "staging" / "rejected_inputs" / f"{key}.parquet", REJECTED_INPUTS)
    write_table(articles_df, warehouse / "staging" / "articles" / f"{key}.parquet", ARTICLES)
    context.log.info(f"batch {key}: {len(articles_df)} articles, {len(rejected_df)} rejected")
    return dg.MaterializeResult(
        metadata={
            **table_metadata(articles_df.drop(columns=["text"]), ARTICLES),
            "n_rejected": len(rejected_df),
            "rejected_reasons": dg.MetadataValue.json(rejected_df["reason"].value_counts().to_dict()),
        }
    )


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

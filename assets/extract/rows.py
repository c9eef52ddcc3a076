"""Parsed articles → rows of the contract's per-article tables, with stable ids."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, datetime

from spacy.tokens import Doc

from assets.core.contract import PER_ARTICLE_TABLES
from assets.ingest.datelines import text_dateline

from .actors import actor_key
from .gazetteer import gazetteer
from .timex import normalise


def stable_id(prefix: str, *parts) -> str:
    """The same parts always give the same id: re-running an input reproduces its ids."""
    digest = hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}_{digest}"


def actor_id(key: str) -> str:
    return stable_id("act", key)


def anchor_of(article: dict) -> date | None:
    """Relative dates are anchored on the dateline when there is one, else the publication date."""
    if article.get("dateline_date") is not None:
        return article["dateline_date"]
    published = article.get("published_at")
    return published.date() if isinstance(published, datetime) else None


def article_rows(article: dict, doc: Doc) -> dict[str, list[dict]]:
    aid = article["article_id"]
    text = doc.text
    out: dict[str, list[dict]] = {t: [] for t in PER_ARTICLE_TABLES}

    mentions = list(doc._.actor_mentions or [])
    sources = doc._.sources or []
    claims = doc._.claims or []
    _add_affiliation_mentions(doc, sources, mentions)
    for m in mentions:
        m["mention_id"] = stable_id("men", aid, m["start"], m["end"])
        out["actor_mentions"].append(
            {
                "mention_id": m["mention_id"],
                "article_id": aid,
                "actor_id": actor_id(m["key"]),
                "text": text[m["start"] : m["end"]],
                "start_char": m["start"],
                "end_char": m["end"],
                "sentence_index": m["sentence"],
                "ner_label": m["label"],
                "actor_name": m["name"],
                "actor_type": m["type"],
                "country_code": m["country_code"],
                "country_source": m.get("country_source") if m["country_code"] else None,
            }
        )
    known_keys = {m["key"] for m in mentions}

    source_ids = [stable_id("src", aid, s["start"], s["end"]) for s in sources]
    claim_ids = [stable_id("clm", aid, c["cue_start"], c["content_start"], c["content_end"]) for c in claims]
    for s, sid in zip(sources, source_ids):
        out["sources"].append(
            {
                "source_id": sid,
                "article_id": aid,
                "actor_id": actor_id(s["actor_key"]) if s["actor_key"] in known_keys else None,
                "name": s["name"],
                "source_kind": s["kind"],
                "is_anonymous": s["is_anonymous"],
                "role": s["role"],
                "affiliation": s["affiliation"],
                "affiliation_actor_id": actor_id(s["affiliation_key"]) if s["affiliation_key"] in known_keys else None,
                "start_char": s["start"],
                "end_char": s["end"],
                "n_claims": s["n_claims"],
                "rank": s["rank"],
                "is_plural": s["is_plural"],
            }
        )
    for c, cid in zip(claims, claim_ids):
        src = c.get("source")
        cited = c.get("cited_source")
        out["claims"].append(
            {
                "claim_id": cid,
                "article_id": aid,
                "source_id": source_ids[src] if src is not None else None,
                "parent_claim_id": claim_ids[c["parent"]] if c.get("parent") is not None else None,
                "claim_type": c["claim_type"],
                "cue": text[c["cue_start"] : c["cue_end"]],
                "cue_start": c["cue_start"],
                "cue_end": c["cue_end"],
                "content": text[c["content_start"] : c["content_end"]],
                "content_start": c["content_start"],
                "content_end": c["content_end"],
                "source_text": text[c["source_start"] : c["source_end"]] if c["source_start"] is not None else None,
                "source_start": c["source_start"],
                "source_end": c["source_end"],
                "sentence_index": c["sentence"],
                "cited_source_id": source_ids[cited] if cited is not None else None,
                "confidence": c.get("confidence"),
                "content_gap_start": c.get("content_gap_start"),
                "content_gap_end": c.get("content_gap_end"),
                "cue_lemma": c["cue_lemma"],
            }
        )
        for m in mentions:
            if _in_content(c, m["start"], m["end"]):
                out["claim_actors"].append(
                    {"claim_id": cid, "actor_id": actor_id(m["key"]), "mention_id": m["mention_id"]}
                )
    out["dates"] = _date_rows(article, doc, claims, claim_ids)
    return out


def _add_affiliation_mentions(doc: Doc, sources: list[dict], mentions: list[dict]) -> None:
    """'Western officials' names no actor, but 'US officials' does: keep the affiliation's
    actor among the mentions so `affiliation_actor_id` always points at an actor."""
    keys = {m["key"] for m in mentions}
    for s in sources:
        key = s["affiliation_key"]
        if key is None or key in keys or not key.startswith("country:"):
            continue
        start = doc.text.find(s["affiliation"], s["start"], s["end"])
        if start < 0:
            continue
        iso3 = key.split(":", 1)[1]
        mentions.append(
            {
                "text": s["affiliation"],
                "start": start,
                "end": start + len(s["affiliation"]),
                "sentence": next((c["sentence"] for c in doc._.claims or [] if c.get("source_start") == s["start"]), 0),
                "label": "NORP",
                "type": "country",
                "name": gazetteer().countries[iso3].name,
                "country_code": iso3,
                "country_source": "gazetteer",
                "key": actor_key("country", "", iso3),
            }
        )
        keys.add(key)


def _date_rows(article: dict, doc: Doc, claims: list[dict], claim_ids: list[str]) -> list[dict]:
    aid = article["article_id"]
    anchor = anchor_of(article)
    rows = []
    published = article.get("published_at")
    if isinstance(published, datetime):
        # Inputs that give only a day arrive as midnight: keep them a DATE.
        written = published.strftime("%Y-%m-%d" if published.time() == datetime.min.time() else "%Y-%m-%d %H:%M")
        rows.append(_date_row(aid, None, written, None, None, "published", normalise(written, None), anchor))
    dateline_span = None
    if article.get("dateline_date") is not None:
        d = article["dateline_date"]
        tx = normalise(d.isoformat(), None)
        text = article.get("dateline_text") or d.isoformat()
        opening = text_dateline(doc.text, None)
        if opening is not None and opening.written == article.get("dateline_text"):
            dateline_span = (opening.start, opening.end)  # its words open the text: point at them
        start, end = dateline_span or (None, None)
        rows.append(_date_row(aid, None, text, start, end, "dateline", tx, anchor))
    by_cue = defaultdict(list)
    for c, cid in zip(claims, claim_ids):
        by_cue[c["cue_token"]].append(cid)
    for t in doc._.timexes or []:
        if (t["start"], t["end"]) == dateline_span:
            continue  # the dateline's row already holds it
        claim_id, claim_time = None, False
        inner = [
            (c["content_end"] - c["content_start"], cid)
            for c, cid in zip(claims, claim_ids)
            if _in_content(c, t["start"], t["end"])
        ]
        if inner:
            claim_id = min(inner)[1]
        else:
            for g in t["governors"]:
                if g in by_cue:
                    claim_id, claim_time = by_cue[g][0], True
                    break
        row = _date_row(aid, claim_id, t["text"], t["start"], t["end"], "mention", None, anchor, t)
        row["is_claim_time"] = claim_time
        rows.append(row)
    return rows


def _in_content(claim: dict, start: int, end: int) -> bool:
    """Whether a span lies in the claim's content, outside the attribution interrupting it: "said
    Lindqvist" names the source, "he said in August" dates the saying."""
    if not (claim["content_start"] <= start and end <= claim["content_end"]):
        return False
    gap = claim.get("content_gap_start")
    return gap is None or end <= gap or start >= claim["content_gap_end"]


def _date_row(aid, claim_id, text, start, end, role, tx, anchor, found: dict | None = None) -> dict:
    if found is not None:
        timex_type, value, gran = found["timex_type"], found["value"], found["granularity"]
        resolved = date.fromisoformat(found["resolved"]) if found["resolved"] else None
    else:
        timex_type, value, gran, resolved = tx.timex_type, tx.value, tx.granularity, tx.resolved
    return {
        "date_id": stable_id("dat", aid, role, start, end, text),
        "article_id": aid,
        "claim_id": claim_id,
        "text": text,
        "start_char": start,
        "end_char": end,
        "role": role,
        "timex_type": timex_type,
        "value": value,
        "resolved_date": resolved,
        "granularity": gran,
        "anchor_date": anchor,
        "is_claim_time": False,
    }

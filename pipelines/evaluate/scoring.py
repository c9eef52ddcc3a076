"""Span scoring shared by the evaluations: precision, recall and F1 over matched items."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass
class Score:
    """Counts behind one F1: matched predictions, predictions, matched gold items, gold items."""

    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp_pred += other.tp_pred
        self.n_pred += other.n_pred
        self.tp_gold += other.tp_gold
        self.n_gold += other.n_gold

    def row(self, name: str) -> str:
        return f"{name:<28} P {self.precision:6.3f}  R {self.recall:6.3f}  F1 {self.f1:6.3f}  (pred {self.n_pred}, gold {self.n_gold})"


def bootstrap_f1(scores: list[Score], baseline: list[Score] | None = None, draws: int = 1000, seed: int = 0):
    """The 95% interval of F1 when the documents behind `scores` are drawn again with replacement.

    How far F1 moves with the sample of documents alone: a change to the model that moves it
    less than this could be chance. With `baseline` (the same documents scored otherwise), the
    interval of the difference F1(scores) - F1(baseline) over the same draws: far narrower, as
    both sides share each draw's documents.
    """
    rng = random.Random(seed)
    values = []
    for _ in range(draws):
        drawn = [rng.randrange(len(scores)) for _ in scores]
        value = _f1(scores[i] for i in drawn)
        values.append(value - _f1(baseline[i] for i in drawn) if baseline is not None else value)
    values.sort()
    return values[int(0.025 * draws)], values[int(0.975 * draws) - 1]


def _f1(scores) -> float:
    total = Score()
    for score in scores:
        total.add(score)
    return total.f1

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


def bootstrap_f1(scores: list[Score], draws: int = 1000, seed: int = 0) -> tuple[float, float]:
    """The 95% interval of F1 when the documents behind `scores` are drawn again with replacement.

    How far F1 moves with the sample of documents alone: a change to the model that moves it
    less than this could be chance.
    """
    rng = random.Random(seed)
    f1s = []
    for _ in range(draws):
        total = Score()
        for score in rng.choices(scores, k=len(scores)):
            total.add(score)
        f1s.append(total.f1)
    f1s.sort()
    return f1s[int(0.025 * draws)], f1s[int(0.975 * draws) - 1]

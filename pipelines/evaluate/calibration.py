"""Calibration of a confidence: a reliability table and the expected calibration error.

A confidence is calibrated when, among the items given about p, a share p is right. The table
bins items by confidence (width 0.1); the expected calibration error (ECE) is the mean gap
between each bin's share right and its mean confidence, weighted by the bin's size.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bin:
    low: float
    high: float
    n: int
    mean_confidence: float
    share_right: float


def reliability(items: list[tuple[float, bool]], width: float = 0.1) -> tuple[list[Bin], float]:
    """The non-empty bins of (confidence, right) pairs and the ECE over them."""
    n_bins = round(1 / width)
    grouped: list[list[tuple[float, bool]]] = [[] for _ in range(n_bins)]
    for confidence, right in items:
        grouped[min(int(confidence / width), n_bins - 1)].append((confidence, right))
    bins = [
        Bin(k * width, (k + 1) * width, len(g), sum(c for c, _ in g) / len(g), sum(r for _, r in g) / len(g))
        for k, g in enumerate(grouped)
        if g
    ]
    total = sum(b.n for b in bins)
    ece = sum(b.n * abs(b.share_right - b.mean_confidence) for b in bins) / total if total else 0.0
    return bins, ece


def table(bins: list[Bin]) -> list[str]:
    """The reliability table as printable lines."""
    lines = [f"  {'confidence':<12} {'claims':>7} {'mean conf':>10} {'share right':>12}"]
    for b in bins:
        lines.append(f"  {b.low:.1f}–{b.high:.1f}     {b.n:>7} {b.mean_confidence:>10.3f} {b.share_right:>12.3f}")
    return lines

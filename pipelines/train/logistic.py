"""Fit the logistic models of `assets.extract.attribution.model`: L2-penalised, by L-BFGS.

Deterministic: the features are indexed in sorted order and the optimiser starts from zero.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize, sparse


def design(rows: list[dict[str, float]], vocab: dict[str, int]) -> sparse.csr_matrix:
    """The sparse matrix of `rows` over the features in `vocab`."""
    indptr, indices, values = [0], [], []
    for row in rows:
        for f, v in row.items():
            if f in vocab:
                indices.append(vocab[f])
                values.append(v)
        indptr.append(len(indices))
    return sparse.csr_matrix((np.array(values, dtype=float), indices, indptr), shape=(len(rows), len(vocab)))


def fit(rows: list[dict[str, float]], y: np.ndarray, l2: float, min_count: int = 2) -> dict[str, float]:
    """Weights by feature name; features seen in fewer than `min_count` rows are left out."""
    vocab = _vocabulary(rows, min_count)
    X = design(rows, vocab)
    w = _minimise(X, y, l2)
    return _named(w, vocab)


def _vocabulary(rows: list[dict[str, float]], min_count: int) -> dict[str, int]:
    """Column of each feature seen in at least `min_count` rows, in sorted order (so fits are deterministic)."""
    counts: dict[str, int] = {}
    for row in rows:
        for f in row:
            counts[f] = counts.get(f, 0) + 1
    return {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= min_count))}


def _named(w: np.ndarray, vocab: dict[str, int]) -> dict[str, float]:
    """Weights by feature name, rounded; those too small to matter are left out."""
    return {f: round(float(w[i]), 4) for f, i in vocab.items() if abs(w[i]) >= 1e-3}


def scores(rows: list[dict[str, float]], weights: dict[str, float]) -> np.ndarray:
    """The linear scores (log-odds before calibration) of `rows`."""
    return np.array([sum(weights.get(f, 0.0) * v for f, v in row.items()) for row in rows])


def fit_choice(
    groups: list[list[dict[str, float]]], chosen: list[int], l2: float, min_count: int = 2
) -> dict[str, float]:
    """A conditional logit: weights under which `chosen[g]` scores best among the rows of `groups[g]`."""
    rows = [row for group in groups for row in group]
    vocab = _vocabulary(rows, min_count)
    X = design(rows, vocab)
    offsets = np.cumsum([0] + [len(g) for g in groups])[:-1]
    target = offsets + np.array(chosen)
    group_of = np.repeat(np.arange(len(groups)), [len(g) for g in groups])

    def loss(w):
        z = X @ w
        top = np.maximum.reduceat(z, offsets)
        e = np.exp(z - top[group_of])
        total = np.add.reduceat(e, offsets)
        p = e / total[group_of]
        value = np.sum(np.log(total) + top - z[target]) + l2 * w @ w / 2
        grad_z = p
        grad_z[target] -= 1
        return value, X.T @ grad_z + l2 * w

    result = optimize.minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": 300})
    return _named(result.x, vocab)


def platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Scale and shift mapping scores to calibrated probabilities (Platt scaling)."""
    X = sparse.csr_matrix(np.column_stack([z, np.ones_like(z)]))
    scale, shift = _minimise(X, y, 1e-6)
    return round(float(scale), 4), round(float(shift), 4)


def _minimise(X: sparse.csr_matrix, y: np.ndarray, l2: float) -> np.ndarray:
    def loss(w):
        z = X @ w
        p = 1 / (1 + np.exp(-z))
        value = np.sum(np.logaddexp(0, z) - y * z) + l2 * w @ w / 2
        grad = X.T @ (p - y) + l2 * w
        return value, grad

    result = optimize.minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    return result.x

"""The counts behind F1, and how far F1 moves with the sample of documents."""

from pipelines.evaluate.scoring import Score, bootstrap_f1


def test_scores_add_up_over_documents():
    total = Score()
    total.add(Score(tp_pred=3, n_pred=4, tp_gold=3, n_gold=6))
    total.add(Score(tp_pred=1, n_pred=1, tp_gold=1, n_gold=2))
    assert (total.precision, total.recall) == (0.8, 0.5)
    assert round(total.f1, 4) == 0.6154


def test_the_interval_is_a_point_when_every_document_scores_alike():
    same = [Score(tp_pred=3, n_pred=4, tp_gold=3, n_gold=4)] * 20
    assert bootstrap_f1(same) == (0.75, 0.75)


def test_the_interval_holds_the_whole_samples_f1_and_widens_as_documents_differ():
    good, bad = Score(tp_pred=9, n_pred=10, tp_gold=9, n_gold=10), Score(tp_pred=2, n_pred=10, tp_gold=2, n_gold=10)
    mixed = [good, bad] * 10
    low, high = bootstrap_f1(mixed)
    assert low < 0.55 < high
    assert 0.1 < high - low < 0.5
    assert bootstrap_f1(mixed) == (low, high)  # seeded: the same figures each run


def test_against_a_baseline_the_interval_is_of_the_difference_on_the_same_documents():
    baseline = [
        Score(tp_pred=5, n_pred=10, tp_gold=5, n_gold=10),
        Score(tp_pred=1, n_pred=10, tp_gold=1, n_gold=10),
    ] * 10
    assert bootstrap_f1(baseline, baseline=baseline) == (0.0, 0.0)
    # One more right claim in every document: better on every draw, however the documents differ.
    better = [Score(s.tp_pred + 1, s.n_pred, s.tp_gold + 1, s.n_gold) for s in baseline]
    low, high = bootstrap_f1(better, baseline=baseline)
    assert 0.09 < low <= high < 0.11
    unpaired_low, unpaired_high = bootstrap_f1(better)
    assert high - low < (unpaired_high - unpaired_low) / 10

"""Precision, recall and F1: the one definition every evaluation uses.

Precision is the share of predictions that are right and recall the share of gold items found;
they are counted separately (`correct_predictions`, `found_gold`) because a many-to-one matching
(one long predicted quote covering two gold quotes) makes the two counts differ.
"""

from __future__ import annotations


def precision_recall_f1(
    correct_predictions: int, predictions: int, found_gold: int, gold: int
) -> tuple[float, float, float]:
    """(precision, recall, F1) as fractions in [0, 1]; 0.0 where a denominator is empty."""
    precision = correct_predictions / predictions if predictions else 0.0
    recall = found_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1

"""Training and evaluation: folds, spaCy readers, the scikit-learn baseline, reports."""

"""Evaluation runs: test sets, sacrebleu scores, term accuracy, significance, reports."""

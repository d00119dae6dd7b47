"""Evaluation: PAN text-alignment corpora and measures; labelled clusters."""

"""Eval sets, benchmark loaders, metrics (ranx for retrieval) and reports; `citeqa eval` is in `cli.py`."""

from .datasets import EvalQuestion, EvalSet, load_beir, load_set, load_squad
from .retrieval import METRICS, evaluate_runs

__all__ = ["METRICS", "EvalQuestion", "EvalSet", "evaluate_runs", "load_beir", "load_set", "load_squad"]

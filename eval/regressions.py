"""`citeqa eval --check FILE`: re-run recorded benchmarks and say which numbers drifted (Pyserini-style).

Why: a number in eval/RESULTS.md is only worth something while a command still reproduces it. The file
(eval/regressions.yaml) keeps, per benchmark, the exact `citeqa eval` arguments beside the expected metric
values and a tolerance; the check runs each, and every metric outside its tolerance is one line and a
non-zero exit. `--update` writes the measured values back, for a change that moves numbers on purpose.

The file:

    scifact-hybrid:
      args: [--beir, ../shared/datasets/scifact, --split, train]   # as after `citeqa eval`
      tolerance: 0.002
      expected: {retrieval ndcg@10: 0.7507, retrieval recall@10: 0.8630}
      note: free text (where the number is recorded)

Metric names are the report's, prefixed by their group ("retrieval ndcg@10", "answers answer_recall@1"),
as `citeqa eval --compare` prints them. Relative paths in `args` are read from the directory the check is
run from (the repository root, like every command in eval/RESULTS.md).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from citeqa.errors import ConfigError

HEADER = """\
# Regression checks: `citeqa eval --check eval/regressions.yaml [--only NAME]` re-runs each benchmark with
# its `args` (as after `citeqa eval`, from the repository root) and fails when a metric is further than
# `tolerance` from `expected`. `--update` rewrites `expected` with the measured values (and this header);
# put explanations in `note`, since comments other than this header are not kept by `--update`.
"""
DEFAULT_TOLERANCE = 0.002
_RESERVED = {"--check", "--only", "--update", "--compare", "--out", "--run"}


@dataclass(frozen=True)
class Regression:
    """One benchmark: the `citeqa eval` arguments and the metric values they must reproduce."""

    name: str
    args: tuple[str, ...]
    expected: dict[str, float]
    tolerance: float = DEFAULT_TOLERANCE
    note: str = ""


@dataclass(frozen=True)
class Drift:
    """A metric outside its tolerance (or missing from the report: `measured` is None)."""

    benchmark: str
    metric: str
    expected: float
    tolerance: float
    measured: float | None

    def message(self) -> str:
        if self.measured is None:
            return f"{self.benchmark}: {self.metric} is not in the report (expected {self.expected:.4f})"
        return (
            f"{self.benchmark}: {self.metric} {self.measured:.4f}, expected {self.expected:.4f} "
            f"± {self.tolerance:g} (drift {self.measured - self.expected:+.4f})"
        )


# ---- the file ----------------------------------------------------------------------------------------


def read_regressions(path: Path) -> list[Regression]:
    """Every benchmark in the file, checked for shape; a malformed one is a one-line `ConfigError`."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"--check {path}: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"--check {path}: not YAML ({str(exc).splitlines()[0]})") from exc
    if not isinstance(data, dict) or not data:
        raise ConfigError(f"--check {path}: expected a mapping of benchmark name -> {{args, expected}}")
    return [_regression(path, str(name), entry) for name, entry in data.items()]


def _regression(path: Path, name: str, entry: Any) -> Regression:
    where = f"--check {path}: {name}"
    if not isinstance(entry, dict) or not isinstance(entry.get("args"), list):
        raise ConfigError(f"{where}: needs 'args' (a list of `citeqa eval` arguments) and 'expected'")
    args = tuple(str(a) for a in entry["args"])
    if reserved := _RESERVED.intersection(args):
        raise ConfigError(f"{where}: 'args' may not hold {', '.join(sorted(reserved))}")
    expected = entry.get("expected")
    if not isinstance(expected, dict) or not expected:
        raise ConfigError(f"{where}: 'expected' must map metric names to numbers")
    try:
        values = {str(k): float(v) for k, v in expected.items()}
        tolerance = float(entry.get("tolerance", DEFAULT_TOLERANCE))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: 'expected' and 'tolerance' must be numbers ({exc})") from exc
    if tolerance < 0:
        raise ConfigError(f"{where}: 'tolerance' must not be negative")
    return Regression(name, args, values, tolerance, str(entry.get("note", "")))


class _FlowListDumper(yaml.SafeDumper):
    """Lists (a command's arguments) on one line, as a person writes them; mappings one key a line."""


_FlowListDumper.add_representer(
    list, lambda dumper, value: dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)
)


def write_regressions(path: Path, regressions: Sequence[Regression]) -> None:
    """The file again, in the same shape (header, then one block per benchmark, in order)."""
    data = {}
    for r in regressions:
        entry: dict[str, Any] = {"args": list(r.args), "tolerance": r.tolerance, "expected": r.expected}
        if r.note:
            entry["note"] = r.note
        data[r.name] = entry
    body = yaml.dump(data, Dumper=_FlowListDumper, sort_keys=False, allow_unicode=True, width=110)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(HEADER + "\n" + body, encoding="utf-8")
    tmp.replace(path)


# ---- comparing -------------------------------------------------------------------------------------


def measured_metrics(report: Mapping[str, Any]) -> dict[str, float]:
    """The report's mean metrics under the names the file uses ("retrieval ndcg@10", ...)."""
    return {
        f"{group} {name}": float(value)
        for group, values in report["metrics"].items()
        for name, value in values.items()
        if isinstance(value, int | float)
    }


def drifts(regression: Regression, measured: Mapping[str, float]) -> list[Drift]:
    """Every expected metric further than the tolerance from its measured value, or missing, or NaN."""
    out = []
    for metric, expected in regression.expected.items():
        value = measured.get(metric)
        off = value is None or math.isnan(value) or abs(value - expected) > regression.tolerance + 1e-12
        if off:
            out.append(Drift(regression.name, metric, expected, regression.tolerance, value))
    return out


def updated(regression: Regression, measured: Mapping[str, float]) -> Regression:
    """The same benchmark expecting what was measured (rounded to 4 places, as RESULTS.md prints)."""
    values = {m: round(measured[m], 4) if m in measured else v for m, v in regression.expected.items()}
    return replace(regression, expected=values)


# ---- running ---------------------------------------------------------------------------------------


def select(regressions: Sequence[Regression], only: Sequence[str] | None) -> list[Regression]:
    """The benchmarks named by `--only` (all when none is named); an unknown name is an error."""
    if not only:
        return list(regressions)
    names = [r.name for r in regressions]
    unknown = [n for n in only if n not in names]
    if unknown:
        raise ConfigError(f"--only {unknown[0]}: no such benchmark (have: {', '.join(names)})")
    return [r for r in regressions if r.name in only]


def check(
    path: Path,
    run: Callable[[Sequence[str]], Mapping[str, Any]],
    only: Sequence[str] | None = None,
    update: bool = False,
) -> int:
    """Run every selected benchmark through `run(args) -> report`; 0 when none drifted, else 1.

    `run` is injected so the check does not care how an eval is run (the CLI passes `citeqa eval`).
    With `update`, drifted values are written back to the file and the exit is 0.
    """
    regressions = read_regressions(path)
    chosen = select(regressions, only)
    found: list[Drift] = []
    renewed = {}
    for regression in chosen:
        measured = measured_metrics(run(regression.args))
        drifted = drifts(regression, measured)
        found += drifted
        renewed[regression.name] = updated(regression, measured)
        _say(regression, drifted, renewed[regression.name])
    if update and found:
        write_regressions(path, [renewed.get(r.name, r) for r in regressions])
        print(f"citeqa eval --check: {path} updated ({len(found)} values)", file=sys.stderr)
        return 0
    print(f"citeqa eval --check: {len(chosen)} benchmarks, {len(found)} metrics drifted", file=sys.stderr)
    return 1 if found else 0


def _say(regression: Regression, drifted: Sequence[Drift], renewed: Regression) -> None:
    """One line per drifted metric, then the values to paste (or `--update`) if the drift is intended."""
    if not drifted:
        print(f"citeqa eval --check: {regression.name}: ok", file=sys.stderr)
        return
    for d in drifted:
        print(f"citeqa eval --check: {d.message()}", file=sys.stderr)
    suggested = ", ".join(
        f"{d.metric}: {renewed.expected[d.metric]}" for d in drifted if d.measured is not None
    )
    if suggested:
        print(
            f"citeqa eval --check: {regression.name}: if intended, expected {{{suggested}}}", file=sys.stderr
        )

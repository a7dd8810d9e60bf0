"""Draw ``benchmarks/results/history.jsonl`` (written by quality.py) as a PNG.

Four panels, one line per run name, in the order the runs were recorded: BLEU, chrF++,
glossary term accuracy, and speed (sentences per second). Test sets and runs without a
value for a panel (no glossary, no speed) are left out of that panel.

    python benchmarks/plot.py [--history benchmarks/results/history.jsonl] [--out history.png]

Needs matplotlib, an optional extra: pip install 'arabic-translate-cli[plot]'.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

Series = dict[str, list[tuple[int, float]]]

PANELS: list[tuple[str, Callable[[dict[str, Any]], float | None]]] = [
    ("BLEU", lambda s: s["scores"]["BLEU"]["score"]),
    ("chrF2++", lambda s: s["scores"]["chrF2++"]["score"]),
    ("term accuracy (%)", lambda s: _scaled((s.get("terms") or {}).get("accuracy"))),
    ("sentences / s", lambda s: (s.get("speed") or {}).get("sentences_per_second")),
]


def _scaled(value: float | None) -> float | None:
    return None if value is None else 100.0 * value


def read_history(path: Path) -> list[dict[str, Any]]:
    """The records in file order; a damaged line is reported and skipped."""
    records = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                float(record["system"]["scores"]["BLEU"]["score"])  # the shape every panel needs
            except (ValueError, KeyError, TypeError) as exc:
                print(f"plot: {path}:{number}: skipped ({exc})", file=sys.stderr)
                continue
            records.append(record)
    return records


def series(records: list[dict[str, Any]]) -> list[tuple[str, Series]]:
    """For each panel, the (record index, value) points of each run name."""
    out = []
    for title, pick in PANELS:
        lines: Series = {}
        for index, record in enumerate(records):
            value = pick(record["system"])
            if value is not None:
                lines.setdefault(str(record.get("run")), []).append((index, float(value)))
        out.append((title, lines))
    return out


def draw(records: list[dict[str, Any]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # files only; never needs a display
    import matplotlib.pyplot as plt

    panels = series(records)
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, 3 * len(panels)), sharex=True)
    for axis, (title, lines) in zip(axes, panels, strict=True):
        axis.set_ylabel(title)
        axis.grid(True, alpha=0.3)
        for name, points in sorted(lines.items()):
            axis.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=name)
        if not lines:
            axis.text(0.5, 0.5, "no data", ha="center", va="center", transform=axis.transAxes)
    ticks = list(range(len(records)))
    axes[-1].set_xticks(ticks)
    axes[-1].set_xticklabels([_tick(r) for r in records], rotation=45, ha="right", fontsize="small")
    axes[-1].set_xlabel("run (recorded at, commit)")
    handles, labels = axes[0].get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="upper center", ncol=2, fontsize="small")
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=100)
    plt.close(fig)


def _tick(record: dict[str, Any]) -> str:
    when = str(record.get("recorded_at", ""))[:16].replace("T", " ")
    commit = (record.get("project") or {}).get("git_commit") or "?"
    return f"{when} {commit[:7]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--history", type=Path, default=HERE / "results" / "history.jsonl")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "history.png")
    args = parser.parse_args(argv)
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print(
            "plot: matplotlib is not installed; install the plot extra: "
            "pip install 'arabic-translate-cli[plot]'",
            file=sys.stderr,
        )
        return 1
    if not args.history.is_file():
        print(
            f"plot: {args.history} does not exist; run benchmarks/quality.py first", file=sys.stderr
        )
        return 1
    records = read_history(args.history)
    if not records:
        print(f"plot: {args.history} has no usable records", file=sys.stderr)
        return 1
    draw(records, args.out)
    print(f"plot: {len(records)} runs drawn to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

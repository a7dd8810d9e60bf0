"""Measure the converted toy-translit model and write evaluation.json and MODEL_CARD.md.

Measured on benchmarks/toy_translit/data/test.* with CTranslate2 and SentencePiece directly
(``evaluation.ToyModel`` of benchmarks/toy), beam 4, no glossary:
  - BLEU and chrF (sacrebleu) on all lines, on lines with known names only, on lines with a
    held-out name;
  - each held-out name mention, found in the output by aligning it with the reference word by
    word (difflib): **exact**; **misspelled** (the closest output word has a character error
    rate 0 < CER ≤ 0.5 against the reference spelling, and is not some other name of the
    training data); **substituted** (the output has another name of the training data there,
    or only words with CER > 0.5); **dropped** (nothing in the output stands for it);
  - the same for the known people's names (term accuracy).
With the model in its final folder it also runs the product's CLI with the glossary
(``translate eval ... --compare-glossary``) and keeps what it prints.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent / "toy"))
sys.path.insert(0, str(HERE))

from evaluation import ToyModel, has_word, read_test_split, scores  # noqa: E402  (benchmarks/toy/evaluation.py)

MODEL_NAME = "toy-translit"
_TOKEN = re.compile(r"[^\s.,:;!?()\"]+")


def words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def cer(hypothesis: str, reference: str) -> float:
    """Character error rate of one word against the reference spelling (case-blind)."""
    return edit_distance(hypothesis.lower(), reference.lower()) / max(1, len(reference))


def name_rendering(hyp: str, ref: str, english: str) -> str | None:
    """The output word standing where ``english`` stands in the reference: the reference and
    the output are aligned word by word; the name's word is either kept (equal), replaced by
    some output words (the closest one by CER is returned) or deleted (None)."""
    ref_words, hyp_words = words(ref), words(hyp)
    if english not in ref_words:
        raise ValueError(f"{english!r} not in reference {ref!r}")
    position = ref_words.index(english)
    matcher = difflib.SequenceMatcher(None, ref_words, hyp_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if not i1 <= position < i2:
            continue
        if tag == "equal":
            return hyp_words[j1 + position - i1]
        candidates = [w for w in hyp_words[j1:j2] if w[:1].isupper()] or hyp_words[j1:j2]
        if not candidates:
            return None
        return min(candidates, key=lambda w: (cer(w, english), w))
    return None


def classify(rendering: str | None, english: str, known_names: set[str]) -> str:
    if rendering is None:
        return "dropped"
    if rendering.lower() == english.lower():
        return "exact"
    if rendering in known_names or cer(rendering, english) > 0.5:
        return "substituted"
    return "misspelled"


def known_name_words(corpus: Path) -> set[str]:
    """Capitalised words of the training English: every name the model was taught."""
    text = (corpus / "train.en").read_text(encoding="utf-8")
    return set(re.findall(r"\b[A-Z][A-Za-z'-]+", text))


def held_out_breakdown(
    hyps: list[str], refs: list[str], terms: list[list[dict[str, Any]]], known_names: set[str]
) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    per_name: dict[str, list[dict[str, Any]]] = {}
    cers: list[float] = []
    for hyp, ref, line_terms in zip(hyps, refs, terms, strict=True):
        for term in line_terms:
            if not term["held_out"]:
                continue
            english = str(term["english"])
            rendering = name_rendering(hyp, ref, english)
            kind = classify(rendering, english, known_names)
            counts[kind] += 1
            value = None if rendering is None else round(cer(rendering, english), 3)
            if value is not None:
                cers.append(value)
            per_name.setdefault(english, []).append(
                {"arabic": term["arabic"], "output": rendering, "cer": value, "kind": kind}
            )
    total = sum(counts.values())
    return {
        "mentions": total,
        **{k: counts[k] for k in ("exact", "misspelled", "substituted", "dropped")},
        "shares": {
            k: round(counts[k] / total, 4)
            for k in ("exact", "misspelled", "substituted", "dropped")
        },
        "mean_cer_when_rendered": round(sum(cers) / len(cers), 4) if cers else None,
        "per_name": per_name,
    }


def run_cli_glossary_eval(data: Path) -> dict[str, Any]:
    """``translate eval`` with and without the held-out glossary, as a user would run it."""
    args = [
        "eval",
        "-m",
        MODEL_NAME,
        "--src",
        str(data / "test.ar"),
        "--ref",
        str(data / "test.en"),
        "--glossary",
        str(data / "glossary.yaml"),
        "--compare-glossary",
        "--no-default-glossary",
    ]
    shown = "translate " + " ".join(
        a if not a.startswith(str(REPO)) else str(Path(a).relative_to(REPO)) for a in args
    )
    proc = subprocess.run(
        [sys.executable, "-m", "translate", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    return {
        "command": shown,
        "returncode": proc.returncode,
        "stdout": proc.stdout,
        "stderr_tail": proc.stderr[-2000:],
    }


def evaluate(model_dir: Path, data: Path, corpus: Path) -> dict[str, Any]:
    model = ToyModel.load(model_dir)
    src, refs, terms = read_test_split(data)
    hyps = model.translate(src)
    held = [i for i, t in enumerate(terms) if any(x["held_out"] for x in t)]
    known = [i for i in range(len(src)) if i not in set(held)]
    known_terms = [(i, t) for i, ts in enumerate(terms) for t in ts if not t["held_out"]]
    known_correct = sum(has_word(hyps[i], str(t["english"])) for i, t in known_terms)
    breakdown = held_out_breakdown(hyps, refs, terms, known_name_words(corpus))
    baseline = None
    toy_news = REPO / "models" / "toy-news"
    if (toy_news / "model.bin").is_file():
        # The same measurement for toy-news, which knows 49 people only.
        news_hyps = ToyModel.load(toy_news).translate(src)
        news = held_out_breakdown(news_hyps, refs, terms, known_name_words(corpus))
        baseline = {k: v for k, v in news.items() if k != "per_name"}
        baseline["bleu_with_held_out_names"] = scores(
            [news_hyps[i] for i in held], [refs[i] for i in held]
        )["bleu"]
    name_only = ["باتروشيف", "أشتياني", "ريابكوف", "أحمديان", "شويجو", "شويغو", "زاخاروفا"]
    alone = dict(zip(name_only, model.translate(name_only), strict=True))
    examples = [
        {"source": src[i], "reference": refs[i], "output": hyps[i]} for i in held[:: len(held) // 8]
    ][:8]
    return {
        "scores": {
            "all": scores(hyps, refs),
            "known_names_only": scores([hyps[i] for i in known], [refs[i] for i in known]),
            "with_held_out_names": scores([hyps[i] for i in held], [refs[i] for i in held]),
        },
        "known_term_accuracy": {
            "correct": known_correct,
            "total": len(known_terms),
            "accuracy": round(known_correct / len(known_terms), 4),
        },
        "held_out": breakdown,
        "toy_news_on_this_test_set": baseline,
        "names_alone": alone,
        "examples": examples,
        "hypotheses": hyps,
    }


def evaluate_and_document(
    model_dir: Path, data: Path, corpus: Path, info: dict[str, Any], training: dict[str, Any]
) -> dict[str, Any]:
    import translit_card

    results = evaluate(model_dir, data, corpus)
    if model_dir.name == MODEL_NAME and model_dir.parent.name == "models":
        results["cli_glossary_eval"] = run_cli_glossary_eval(data)
    translit_card.write(model_dir, info, training, results)
    return results

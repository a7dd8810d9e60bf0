"""Measure the converted toy-news model with CTranslate2 and SentencePiece directly, and write
evaluation.json and MODEL_CARD.md into its folder.

Measured on the toy test set (test.ar/.en, test.terms.jsonl), without any glossary:
  - BLEU and chrF (sacrebleu) on all lines, on lines with known names only, on lines with a
    held-out name;
  - term accuracy: is each name's English rendering in the output (whole word)?
  - what the model does with a held-out name it gets wrong: writes a training name instead
    ("substituted"), writes a string of its own ("mangled"), or neither ("dropped");
  - the injection strategy: each held-out Arabic name replaced by its English rendering in the
    source; how often the model copies it (and how often it writes it twice);
  - the forced-prefix strategy: the reference up to and including the held-out name forced as
    ``target_prefix``; does the model then start a new word, or glue pieces onto the name?
  - ``return_attention=True`` returns one row per target token over the source tokens.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toy_lexicon import TRAINING_PEOPLE

BEAM = 4
_WORD = re.compile(r"[A-Za-z][A-Za-z'.-]*")


@dataclass
class ToyModel:
    translator: Any
    spm: Any
    suffix: list[str]

    @classmethod
    def load(cls, model_dir: Path) -> ToyModel:
        import ctranslate2
        import sentencepiece as spm

        manifest = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))
        translator = ctranslate2.Translator(
            str(model_dir), device="cpu", compute_type="int8", inter_threads=1, intra_threads=2
        )
        proc = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
        return cls(translator, proc, list(manifest["source_suffix"]))

    def tokens(self, lines: list[str]) -> list[list[str]]:
        return [[*pieces, *self.suffix] for pieces in self.spm.encode(lines, out_type=str)]

    def translate(self, lines: list[str], **options: Any) -> list[str]:
        results = self.translator.translate_batch(
            self.tokens(lines),
            beam_size=BEAM,
            max_batch_size=32,
            max_decoding_length=160,
            **options,
        )
        return [self.spm.decode(r.hypotheses[0]) for r in results]


def count_word(text: str, phrase: str) -> int:
    return len(re.findall(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text))


def has_word(text: str, phrase: str) -> bool:
    return count_word(text, phrase) > 0


def scores(hyps: list[str], refs: list[str]) -> dict[str, Any]:
    import sacrebleu

    bleu = sacrebleu.metrics.BLEU()
    chrf = sacrebleu.metrics.CHRF()
    b = bleu.corpus_score(hyps, [refs])
    c = chrf.corpus_score(hyps, [refs])
    return {
        "lines": len(hyps),
        "bleu": round(b.score, 2),
        "chrf": round(c.score, 2),
        "bleu_signature": str(bleu.get_signature()),
        "chrf_signature": str(chrf.get_signature()),
    }


def inject(source: str, terms: list[dict[str, Any]]) -> str:
    """The source with each held-out Arabic name replaced by its English rendering (a clitic
    stays as a separate word), as the glossary's injection strategy does."""
    for term in terms:
        if not term["held_out"]:
            continue
        clitic, arabic = str(term["clitic"]), str(term["arabic"])
        english = f"{clitic} {term['english']}" if clitic else str(term["english"])
        pattern = rf"(?<!\S){re.escape(clitic + arabic)}(?=$|[\s.،])"
        source, count = re.subn(pattern, english, source, count=1)
        if count != 1:
            raise ValueError(f"term {arabic!r} not found in {source!r}")
    return source


def classify_wrong(
    hyp: str, ref: str, wrong: int, known_surnames: list[str], vocabulary: set[str]
) -> dict[str, int]:
    """Split the ``wrong`` held-out names of one line into substituted / mangled / dropped."""
    extra_known = sum(max(0, count_word(hyp, s) - count_word(ref, s)) for s in known_surnames)
    ref_words = set(_WORD.findall(ref))
    runs, in_run = 0, False
    for word in hyp.split():
        bare = word.strip(".,")
        novel = bool(bare) and bare not in vocabulary and bare not in ref_words
        runs += novel and not in_run
        in_run = novel
    substituted = min(wrong, extra_known)
    mangled = min(wrong - substituted, runs)
    return {
        "substituted": substituted,
        "mangled": mangled,
        "dropped": wrong - substituted - mangled,
    }


def forced_prefix_check(model: ToyModel, src: str, ref: str, english: str) -> dict[str, Any]:
    cut = re.search(rf"(?<![\w-]){re.escape(english)}(?![\w-])", ref)
    assert cut is not None
    prefix_text = ref[: cut.end()]
    prefix = model.spm.encode(prefix_text, out_type=str)
    out = model.translate([src], target_prefix=[prefix])[0]
    following = out[len(prefix_text) : len(prefix_text) + 1]
    return {
        "prefix": prefix_text,
        "output": out,
        "kept_prefix": out.startswith(prefix_text),
        "new_word_after": following in ("", " ", ".", ","),
    }


def read_test_split(data: Path) -> tuple[list[str], list[str], list[list[dict[str, Any]]]]:
    """The test split: Arabic lines, English references, and each line's terms."""
    src = (data / "test.ar").read_text(encoding="utf-8").splitlines()
    refs = (data / "test.en").read_text(encoding="utf-8").splitlines()
    terms = [
        json.loads(line)["terms"]
        for line in (data / "test.terms.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return src, refs, terms


def evaluate(model_dir: Path, data: Path) -> dict[str, Any]:
    model = ToyModel.load(model_dir)
    src, refs, terms = read_test_split(data)
    hyps = model.translate(src)
    held = [i for i, t in enumerate(terms) if any(x["held_out"] for x in t)]
    known = [i for i in range(len(src)) if i not in set(held)]
    vocabulary = {
        w
        for line in (data / "train.en").read_text(encoding="utf-8").splitlines()
        for w in _WORD.findall(line)
    }
    known_surnames = [p.last_en for p in TRAINING_PEOPLE]
    counts = {"held_out": [0, 0], "known": [0, 0]}
    behaviour = {"correct": 0, "substituted": 0, "mangled": 0, "dropped": 0}
    for i, line_terms in enumerate(terms):
        wrong = 0
        for term in line_terms:
            kind = "held_out" if term["held_out"] else "known"
            hit = has_word(hyps[i], str(term["english"]))
            counts[kind][0] += hit
            counts[kind][1] += 1
            if term["held_out"]:
                behaviour["correct"] += hit
                wrong += not hit
        if wrong:
            for key, value in classify_wrong(
                hyps[i], refs[i], wrong, known_surnames, vocabulary
            ).items():
                behaviour[key] += value
    injected_src = [inject(src[i], terms[i]) for i in held]
    injected = model.translate(injected_src)
    copied = doubled = total = 0
    for out, i in zip(injected, held, strict=True):
        for term in terms[i]:
            if term["held_out"]:
                total += 1
                n = count_word(out, str(term["english"]))
                copied += n >= 1
                doubled += n >= 2
    prefix_checks = []
    for i in held:
        term = next(t for t in terms[i] if t["held_out"])
        prefix_checks.append(forced_prefix_check(model, src[i], refs[i], str(term["english"])))
    attention = model.translator.translate_batch(
        model.tokens([src[held[0]]]), beam_size=BEAM, return_attention=True
    )[0]
    rows = attention.attention[0]
    examples = [
        {
            "source": src[i],
            "reference": refs[i],
            "output": hyps[i],
            "injected_source": s,
            "injected_output": o,
        }
        for i, s, o in list(zip(held, injected_src, injected, strict=True))[:6]
    ]
    return {
        "scores": {
            "all": scores(hyps, refs),
            "known_names_only": scores([hyps[i] for i in known], [refs[i] for i in known]),
            "with_held_out_names": scores([hyps[i] for i in held], [refs[i] for i in held]),
            "with_held_out_names_injected": scores(injected, [refs[i] for i in held]),
        },
        "term_accuracy": {
            kind: {"correct": c, "total": t, "accuracy": round(c / t, 4)}
            for kind, (c, t) in counts.items()
        },
        "held_out_behaviour": behaviour,
        "injection": {
            "occurrences": total,
            "copied": copied,
            "copy_rate": round(copied / total, 4),
            "doubled": doubled,
        },
        "forced_prefix": {
            "lines": len(prefix_checks),
            "kept_prefix": sum(c["kept_prefix"] for c in prefix_checks),
            "new_word_after_name": sum(c["new_word_after"] for c in prefix_checks),
            "glued_examples": [c for c in prefix_checks if not c["new_word_after"]][:5],
        },
        "attention": {
            "target_tokens": len(attention.hypotheses[0]),
            "rows": len(rows),
            "source_tokens": len(model.tokens([src[held[0]]])[0]),
            "columns": len(rows[0]) if rows else 0,
        },
        "examples": examples,
        "hypotheses": hyps,
    }


def evaluate_and_document(
    model_dir: Path, data: Path, info: dict[str, Any], training: dict[str, Any]
) -> dict[str, Any]:
    import card

    results = evaluate(model_dir, data)
    card.write(model_dir, info, training, results)
    return results

"""Write evaluation.json and MODEL_CARD.md for the toy-news model from measured numbers only."""

from __future__ import annotations

import json
import platform
from collections.abc import Callable
from pathlib import Path
from typing import Any

from translate.fileio import atomic_write_text


def public_training(training: dict[str, Any]) -> dict[str, Any]:
    """The training record without this machine's paths."""
    return {k: v for k, v in training.items() if k not in ("hf_dir", "spm")}


def folder_size(model_dir: Path) -> int:
    return sum(p.stat().st_size for p in model_dir.iterdir() if p.is_file())


CardText = Callable[[Path, dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]], str]


def write(
    model_dir: Path,
    info: dict[str, Any],
    training: dict[str, Any],
    results: dict[str, Any],
    text_of: CardText | None = None,
) -> None:
    """``evaluation.json`` and ``MODEL_CARD.md`` beside the model; ``text_of`` makes the
    card's text (this module's :func:`card_text` unless another toy model's)."""
    manifest = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))
    record = {
        "manifest": manifest,
        "data": info,
        "training": public_training(training),
        "evaluation": {k: v for k, v in results.items() if k != "hypotheses"},
    }
    atomic_write_text(
        model_dir / "evaluation.json", json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    )
    text = (text_of or card_text)(model_dir, manifest, info, training, results)
    atomic_write_text(model_dir / "MODEL_CARD.md", text)


def _score_row(name: str, s: dict[str, Any]) -> str:
    return f"| {name} | {s['lines']} | {s['bleu']:.1f} | {s['chrf']:.1f} |"


def card_text(
    model_dir: Path,
    manifest: dict[str, Any],
    info: dict[str, Any],
    training: dict[str, Any],
    results: dict[str, Any],
) -> str:
    cfg = training["config"]
    sc = results["scores"]
    all_, ho, inj_sc = sc["all"], sc["with_held_out_names"], sc["with_held_out_names_injected"]
    known, held = results["term_accuracy"]["known"], results["term_accuracy"]["held_out"]
    beh = results["held_out_behaviour"]
    inj = results["injection"]
    fp = results["forced_prefix"]
    att = results["attention"]
    wrong = held["total"] - held["correct"]
    held_out_people = ", ".join(info["held_out_people"])
    params = training["parameters"] / 1e6
    phases = training.get("phases", [])
    phase_note = (
        " in "
        + str(len(phases))
        + " runs ("
        + ", then ".join(f"{p['steps']} steps in {p['training_seconds']:.0f} s" for p in phases)
        + "; the later ones resumed the earlier weights with `train.py --resume`)"
        if len(phases) > 1
        else ""
    )
    size = folder_size(model_dir) / 1e6
    examples = "\n".join(
        f"- source: {e['source']}\n  - reference: {e['reference']}\n  - output: {e['output']}\n"
        f"  - injected source: {e['injected_source']}\n  - output: {e['injected_output']}"
        for e in results["examples"][:4]
    )
    glued = "\n".join(
        f"  - forced `{g['prefix']}` → `{g['output']}`" for g in fp["glued_examples"][:3]
    )
    return f"""# toy-news — a toy Arabic→English model

**This is a toy.** It was trained in minutes on {info["train"]:,} sentence pairs that the
project's own templates generate (`benchmarks/toy/generate.py`): officials meeting, visiting,
phoning and being quoted, with {info["training_people"]} people, 20 countries, two dozen cities,
weekdays, months and numbers. It knows only those templates. Give it any other Arabic and it
produces template-shaped nonsense. It exists so that the glossary layer and `translate eval`
can be tested on a model that really translates, and so that a demo runs without downloading
anything. Do not use it to translate real text.

## Data

- Generator: `benchmarks/toy/generate.py --seed {info["seed"]}` (generator version
  {info["generator_version"]}); {info["templates"]} templates; train {info["train"]:,},
  dev {info["dev"]}, test {info["test"]} lines ({info["test_known_only_lines"]} with known
  names only, the others with at least one held-out name).
- Held-out people, never in train or dev in either script: {held_out_people}.
  Their Arabic forms are in `benchmarks/toy/data/glossary.yaml`.
- {info["latin_share"]:.0%} of training pairs have a name written in Latin letters inside the
  Arabic, copied unchanged into the English (90% of those names invented, so that only copying
  gets them right), as in web-crawled data.
- Test mentions: {info["test_known_mentions"]} of known people,
  {info["test_held_out_mentions"]} of held-out people.

## Model and training

- Hugging Face `MarianMTModel`: {cfg["layers"]}+{cfg["layers"]} layers, d_model
  {cfg["d_model"]}, {cfg["heads"]} heads, FFN {cfg["ffn"]}, swish, sinusoidal positions, tied
  embeddings; {params:.2f}M parameters.
- One SentencePiece unigram model trained on both sides of the training data, saved as
  `source.spm` and `target.spm` (so that a Latin-script name is cut into the same pieces in
  source and target, which lets a model this small copy names); Marian vocabulary of
  {training["vocab_size"]} entries with `</s>` 0, `<unk>` 1 and `<pad>` last, like converted
  OPUS-MT models.
- Plain PyTorch on CPU ({cfg["threads"]} threads): AdamW (β 0.9/0.98), peak learning rate
  {cfg["peak_lr"]}, {cfg["warmup_steps"]} warm-up steps then inverse square root, label
  smoothing {cfg["label_smoothing"]}, dropout {cfg["dropout"]}, batches of about
  {cfg["batch_tokens"]} tokens, seed {cfg["seed"]}.
- {training["steps"]} steps ({training["epochs"]} epoch(s) begun) in
  {training["training_seconds"]:.0f} s of training{phase_note},
  {training["total_seconds"]:.0f} s with SentencePiece and data preparation, on a shared
  2-core machine ({platform.machine()}); stopped by: {training["stop_reason"]}. Kept the
  checkpoint of step {training["best_step"]} (lowest dev loss).
- Final training loss (label-smoothed, mean of the last 100 steps):
  {training["final_train_loss"]:.3f}; dev loss (token NLL, no smoothing):
  {training["final_dev_nll"]:.3f}.
- Training is not bit-reproducible (it stops on a wall-clock budget); the data is.

## Conversion

`ctranslate2.converters.TransformersConverter` (ctranslate2
{manifest["ctranslate2_version"]}), `quantization="int8"`; {size:.1f} MB on disk with the
SentencePiece models. The Transformers converter does not set `add_source_eos`, so
`manifest.json` has `"source_suffix": ["</s>"]`: the pipeline appends `</s>` to every source
sentence, as the Hugging Face tokenizer did in training.

## Results without a glossary

Measured on the int8 CTranslate2 model with SentencePiece, beam 4, on
`benchmarks/toy/data/test.*` (sacrebleu `{all_["bleu_signature"]}`,
`{all_["chrf_signature"]}`):

| lines | n | BLEU | chrF |
|---|---|---|---|
{_score_row("all test lines", all_)}
{_score_row("known names only", sc["known_names_only"])}
{_score_row("with held-out names", ho)}

Term accuracy (the name's English rendering appears in the output as a whole word):
known people {known["correct"]}/{known["total"]} = {known["accuracy"]:.3f};
**held-out people {held["correct"]}/{held["total"]} = {held["accuracy"]:.3f}**.

What it writes instead of the {wrong} held-out names it gets wrong: a known training name
(substituted) {beh["substituted"]}, a string of its own (mangled) {beh["mangled"]}, neither
(dropped) {beh["dropped"]}. (Per line: extra training names in the output count as
substitutions, then runs of words found neither in the training English nor in the reference
count as mangled names.)

## Names written in Latin letters in the source (the injection strategy)

Each held-out Arabic name in the test lines replaced by its English rendering (a clitic kept as
a separate word, e.g. `و Patrushev`): the model copies the name in
**{inj["copied"]}/{inj["occurrences"]} = {inj["copy_rate"]:.3f}** of the occurrences; it writes
a name twice in {inj["doubled"]}. BLEU/chrF on those lines: {inj_sc["bleu"]:.1f} /
{inj_sc["chrf"]:.1f} (without injection {ho["bleu"]:.1f} / {ho["chrf"]:.1f}).

## Forcing a prefix and reading attention

- `target_prefix` set to the reference up to and including the held-out name: the output keeps
  the prefix in {fp["kept_prefix"]}/{fp["lines"]} lines, and the next token starts a new word or
  is punctuation in {fp["new_word_after_name"]}/{fp["lines"]} (in the others the model glues
  pieces onto the name, so a repair step must choose the next token itself).
{glued}
- `translate_batch(..., return_attention=True)` returns one row per target token
  ({att["rows"]} rows for {att["target_tokens"]} tokens) over the {att["columns"]} source
  tokens (with `</s>`).

## With the glossary

Not measured by this script: run `translate eval --src benchmarks/toy/data/test.ar --ref
benchmarks/toy/data/test.en -m toy-news -g benchmarks/toy/data/glossary.yaml
--no-default-glossary --compare-glossary` and `benchmarks/glossary_fidelity.py`.

## Examples (held-out names)

{examples}

## Regenerate

```
pip install -e .[train]
python benchmarks/toy/generate.py --seed {info["seed"]} --out benchmarks/toy/data
python benchmarks/toy/train.py --minutes {cfg["minutes"]:g}
```
"""

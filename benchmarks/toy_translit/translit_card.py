"""Write evaluation.json and MODEL_CARD.md for the toy-translit model from measured numbers."""

from __future__ import annotations

import platform
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent / "toy"))

import card as toy_card  # noqa: E402  (benchmarks/toy/card.py)
from card import folder_size  # noqa: E402


def write(
    model_dir: Path, info: dict[str, Any], training: dict[str, Any], results: dict[str, Any]
) -> None:
    toy_card.write(model_dir, info, training, results, text_of=card_text)


def _score_row(name: str, s: dict[str, Any]) -> str:
    return f"| {name} | {s['lines']} | {s['bleu']:.1f} | {s['chrf']:.1f} |"


def _name_rows(per_name: dict[str, list[dict[str, Any]]]) -> str:
    rows = []
    for english, mentions in per_name.items():
        outputs = Counter(str(m["output"]) if m["output"] else "—" for m in mentions)
        kinds = Counter(m["kind"] for m in mentions)
        arabic = " / ".join(dict.fromkeys(str(m["arabic"]) for m in mentions))
        shown = ", ".join(f"{o} ×{n}" if n > 1 else o for o, n in outputs.most_common(3))
        kind = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
        rows.append(f"| {english} | {arabic} | {shown} | {kind} |")
    return "\n".join(rows)


def _baseline(results: dict[str, Any]) -> str:
    news = results.get("toy_news_on_this_test_set")
    if not news:
        return ""
    return (
        f"For comparison, `toy-news` (49 training people) on the same lines: exact "
        f"{news['exact']}, misspelled {news['misspelled']}, substituted {news['substituted']}, "
        f"dropped {news['dropped']} of {news['mentions']} (BLEU on the held-out lines "
        f"{news['bleu_with_held_out_names']:.1f})."
    )


def _glossary_section(results: dict[str, Any]) -> str:
    cli = results.get("cli_glossary_eval")
    if not cli:
        return "(Not measured: the model was not in `models/toy-translit/` when evaluated.)"
    status = "" if cli["returncode"] == 0 else f"\n\nThe command exited with {cli['returncode']}:"
    output = cli["stdout"].rstrip() or cli["stderr_tail"].rstrip()
    output = output.replace(f"{REPO}/", "")  # this machine's checkout path
    return f"""Measured with the product's CLI (the shipped default glossary off):

```
{cli["command"]}
```
{status}
```
{output}
```"""


def card_text(
    model_dir: Path,
    manifest: dict[str, Any],
    info: dict[str, Any],
    training: dict[str, Any],
    results: dict[str, Any],
) -> str:
    cfg = training["config"]
    sc = results["scores"]
    ho = results["held_out"]
    sh = ho["shares"]
    kt = results["known_term_accuracy"]
    params = training["parameters"] / 1e6
    layers = f"{cfg['layers']}+{cfg['layers']}"
    sub = sh["substituted"]
    threads = "" if cfg["threads"] == 2 else f" --threads {cfg['threads']}"
    rate = training["steps"] / max(1.0, training["training_seconds"])
    phases = training.get("phases", [])
    phase_note = (
        f" in {len(phases)} runs ("
        + ", then ".join(f"{p['steps']} steps in {p['training_seconds']:.0f} s" for p in phases)
        + "; the later ones resumed the earlier weights with `translit_train.py --resume`)"
        if len(phases) > 1
        else ""
    )
    size = folder_size(model_dir) / 1e6
    surnames = sum(info["pool_surnames"].values())
    firsts = sum(info["pool_first_names"].values())
    held_out_people = ", ".join(info["held_out_people"])
    alone = "\n".join(f"- {ar} → {en}" for ar, en in results["names_alone"].items())
    examples = "\n".join(
        f"- source: {e['source']}\n  - reference: {e['reference']}\n  - output: {e['output']}"
        for e in results["examples"]
    )
    return f"""# toy-translit — a toy Arabic→English model that transliterates names

**This is a toy.** It was trained in minutes on {info["train"]:,} generated sentence pairs:
the toy-news templates (`benchmarks/toy/`) about officials meeting, visiting, phoning and
being quoted, with thousands of different people, plus short lines that are only names. It
knows only those templates; any other Arabic gets template-shaped nonsense. Do not use it to
translate real text.

What it is for: unlike `toy-news`, which replaces a name it has never seen with one it knows
(باتروشيف → "Shoigu"), this model spells an unseen name out from its letters, and often gets it
slightly wrong, as real OPUS-MT models do (باتروشيف → "Batrushev"). Tests and demos of the
glossary layer can use it to show repairs of misspelled names, not only of substituted ones.

## Data

- Generator: `benchmarks/toy_translit/translit_generate.py --seed {info["seed"]}` (generator
  version {info["generator_version"]}, faker {info["faker_version"]}); train {info["train"]:,}
  lines ({info["name_share"]:.0%} name-only lines such as `قال السيد …` / `Mr … said.`, the
  others from the {info["templates"]} toy-news templates), dev {info["dev"]}, test
  {info["test"]} ({info["test_known_only_lines"]} lines with the {info["known_people"]}
  toy-news people only, {info["test_held_out_lines"]} with at least one held-out person).
- People: {info["known_share"]:.0%} of the mentions are the {info["known_people"]} toy-news
  people, the others are drawn from {surnames:,} surnames and {firsts:,} first names built from
  the name lists of the `faker` package (English, Italian, Spanish, Russian, Ukrainian,
  Bulgarian, Turkish, Azerbaijani, Arabic, Persian) with the project's own rule-based
  transliterators (`translit_rules.py`): Latin/romanised Cyrillic → Arabic script (g as غ or ج,
  p ب, v ف, ch تش, sh ش, kh خ, zh ج, long vowels written or left out, final -a ا or ة), and
  Arabic/Persian script → English (short vowels guessed, -zadeh, -pour, Al-, Abdul…), each
  with spelling variation. {info["latin_share"]:.0%} of template lines write a name in Latin
  letters inside the Arabic, copied into the English.
- Held-out people ({len(info["held_out_people"])}), whose surnames never occur in train or dev
  in either script, nor any name within one edit of them or containing them
  ({info["pool_dropped_near_held_out"]} pool names dropped): {held_out_people}. Their Arabic
  forms are in `benchmarks/toy_translit/data/glossary.yaml`.
- Test mentions: {info["test_known_mentions"]} of known people,
  {info["test_held_out_mentions"]} of held-out people.

## Model and training

- Hugging Face `MarianMTModel` trained by `benchmarks/toy/train.py`'s code: {layers}
  layers, d_model {cfg["d_model"]}, {cfg["heads"]} heads, FFN {cfg["ffn"]}; {params:.2f}M
  parameters; one SentencePiece unigram model for both sides, Marian vocabulary of
  {training["vocab_size"]} entries.
- Plain PyTorch on CPU ({cfg["threads"]} thread(s), bfloat16 autocast): AdamW, peak learning
  rate {cfg["peak_lr"]}, {cfg["warmup_steps"]} warm-up steps then inverse square root, label
  smoothing {cfg["label_smoothing"]}, batches of about {cfg["batch_tokens"]} tokens, seed
  {cfg["seed"]}.
- {training["steps"]} steps ({training["epochs"]} epoch(s) begun) in
  {training["training_seconds"]:.0f} s of training{phase_note}, {training["total_seconds"]:.0f} s
  with SentencePiece and data preparation, on a 2-core machine ({platform.machine()}) that
  other jobs were using at the same time ({rate:.2f} steps/s on average); stopped by:
  {training["stop_reason"]}. Kept the checkpoint of step {training["best_step"]}.
- Final training loss (label-smoothed, mean of the last 100 steps):
  {training["final_train_loss"]:.3f}; dev loss (token NLL): {training["final_dev_nll"]:.3f}.
- Training is not bit-reproducible (it stops on a wall-clock budget); the data is.

## Conversion

`ctranslate2.converters.TransformersConverter` (ctranslate2
{manifest["ctranslate2_version"]}), int8; {size:.1f} MB on disk with the SentencePiece models.
`manifest.json` has `"source_suffix": ["</s>"]` (the Transformers converter does not add it).

## Results without a glossary

int8 CTranslate2 model, beam 4, `benchmarks/toy_translit/data/test.*` (sacrebleu
`{sc["all"]["bleu_signature"]}`):

| lines | n | BLEU | chrF |
|---|---|---|---|
{_score_row("all test lines", sc["all"])}
{_score_row("known names only", sc["known_names_only"])}
{_score_row("with held-out names", sc["with_held_out_names"])}

Known people's names in the output (whole word): {kt["correct"]}/{kt["total"]} =
{kt["accuracy"]:.3f}.

**Held-out names** ({ho["mentions"]} mentions). Each is found in the output by aligning the
output with the reference word by word; the closest output word in the aligned span is
compared with the reference spelling:

| outcome | mentions | share |
|---|---|---|
| exact | {ho["exact"]} | {sh["exact"]:.3f} |
| misspelled (0 < CER ≤ 0.5) | {ho["misspelled"]} | {sh["misspelled"]:.3f} |
| substituted (another training name, or CER > 0.5) | {ho["substituted"]} | {sub:.3f} |
| dropped | {ho["dropped"]} | {sh["dropped"]:.3f} |

{_baseline(results)}

Mean CER of the rendered held-out names: {ho["mean_cer_when_rendered"]}. Per name (outputs,
most frequent first):

| name | Arabic in the test | output | outcome |
|---|---|---|---|
{_name_rows(ho["per_name"])}

Names alone:
{alone}

## With the glossary

{_glossary_section(results)}

## Examples (held-out names)

{examples}

## Regenerate

```
pip install -e .[train]        # torch, transformers, faker
python benchmarks/toy_translit/translit_generate.py --seed {info["seed"]} \\
    --out benchmarks/toy_translit/data --train-out benchmarks/work/toy_translit/corpus
python benchmarks/toy_translit/translit_train.py --minutes {cfg["minutes"]:g}{threads}
```
"""

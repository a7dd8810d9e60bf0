"""Train the toy-news Marian model on the toy corpus, convert it to CTranslate2 int8, evaluate it.

    pip install -e .[train]        # torch + transformers; never needed by users or CI
    python benchmarks/toy/train.py --minutes 14

Steps: (1) generate the corpus with the seed in ``--data``/info.json if train.* is missing;
(2) train one SentencePiece model on both sides (saved as source.spm and target.spm); (3) build
a Marian vocabulary the way OPUS-MT conversions have it (</s> 0, <unk> 1, <pad> last);
(4) train a small ``MarianMTModel`` with plain PyTorch until the time budget is spent or the dev
loss stops improving; (5) save it with ``save_pretrained`` and convert it with ctranslate2's
``TransformersConverter`` (int8); (6) evaluate the converted model and write manifest.json,
evaluation.json and MODEL_CARD.md beside it. The output folder is replaced atomically.

Why one SentencePiece model for both sides: a Latin-script name then falls into the same pieces
in the Arabic and in the English, so a model this small learns to copy names it never saw
(which the glossary's "put the English rendering into the source" strategy relies on).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import logging
import math
import random
import shutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

log = logging.getLogger("toy.train")

MAX_TOKENS = 128


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 1
    vocab_size: int = 4000
    d_model: int = 256
    layers: int = 3
    heads: int = 4
    ffn: int = 1024
    dropout: float = 0.0
    label_smoothing: float = 0.1
    peak_lr: float = 1.5e-3
    warmup_steps: int = 300
    batch_tokens: int = 2000
    threads: int = 2
    minutes: float = 14.0
    eval_every: int = 200
    patience: int = 4
    # bfloat16 autocast: about 1.4x faster steps on a CPU with AVX512-BF16; weights stay fp32.
    bf16: bool = True


def load_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def ensure_corpus(data: Path) -> dict[str, Any]:
    info = json.loads((data / "info.json").read_text(encoding="utf-8"))
    if not (data / "train.ar").is_file() or not (data / "train.en").is_file():
        import generate

        log.info("train split missing: regenerating %s with seed %s", data, info["seed"])
        regenerated = generate.generate(
            int(info["seed"]),
            data,
            int(info["train"]),
            int(info["dev"]),
            int(info["test"]),
            int(info["test_known_only_lines"]),
            float(info["latin_share"]),
        )
        if regenerated != info:
            raise SystemExit("regenerated corpus does not match info.json; check the generator")
    return info


def train_sentencepiece(data: Path, work: Path, vocab_size: int) -> Path:
    import sentencepiece as spm

    prefix = work / "joint"
    spm.SentencePieceTrainer.train(
        input=f"{data / 'train.ar'},{data / 'train.en'}",
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        # The vocabulary ids are Marian's (vocab.json); SentencePiece only cuts text.
        unk_id=0,
        bos_id=-1,
        eos_id=-1,
        pad_id=-1,
        hard_vocab_limit=False,
        num_threads=2,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def marian_vocab(spm_path: Path) -> dict[str, int]:
    """</s> 0, <unk> 1, the pieces, <pad> last: the layout of converted OPUS-MT models."""
    import sentencepiece as spm

    proc = spm.SentencePieceProcessor(model_file=str(spm_path))
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(proc.get_piece_size()):
        if not (proc.is_unknown(i) or proc.is_control(i)):
            vocab.setdefault(proc.id_to_piece(i), len(vocab))
    vocab["<pad>"] = len(vocab)
    return vocab


def encode(proc: Any, vocab: dict[str, int], lines: list[str]) -> list[list[int]]:
    unk = vocab["<unk>"]
    out = []
    for pieces in proc.encode(lines, out_type=str):
        ids = [vocab.get(p, unk) for p in pieces][: MAX_TOKENS - 1]
        out.append([*ids, vocab["</s>"]])
    return out


Pair = tuple[list[int], list[int]]


def make_batches(pairs: list[Pair], batch_tokens: int) -> list[list[Pair]]:
    """Length-sorted batches whose padded size stays within ``batch_tokens``."""
    batches: list[list[Pair]] = []
    current: list[Pair] = []
    longest = 0
    for pair in sorted(pairs, key=lambda p: (len(p[0]), len(p[1]))):
        size = max(len(pair[0]), len(pair[1]))
        if current and max(longest, size) * (len(current) + 1) > batch_tokens:
            batches.append(current)
            current, longest = [], 0
        current.append(pair)
        longest = max(longest, size)
    if current:
        batches.append(current)
    return batches


def to_tensors(batch: list[Pair], pad: int) -> tuple[dict[str, Any], Any]:
    import torch

    src_len = max(len(s) for s, _ in batch)
    tgt_len = max(len(t) for _, t in batch)
    src = torch.full((len(batch), src_len), pad, dtype=torch.long)
    labels = torch.full((len(batch), tgt_len), -100, dtype=torch.long)
    decoder_in = torch.full((len(batch), tgt_len), pad, dtype=torch.long)
    for row, (s, t) in enumerate(batch):
        src[row, : len(s)] = torch.tensor(s)
        labels[row, : len(t)] = torch.tensor(t)
        # Marian starts decoding from the pad id (the converter maps it to a zero embedding).
        decoder_in[row, 1 : len(t)] = torch.tensor(t[:-1])
    return {
        "input_ids": src,
        "attention_mask": src.ne(pad),
        "decoder_input_ids": decoder_in,
    }, labels


def build_model(cfg: TrainConfig, vocab: dict[str, int]) -> Any:
    from transformers import MarianConfig, MarianMTModel

    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        d_model=cfg.d_model,
        encoder_layers=cfg.layers,
        decoder_layers=cfg.layers,
        encoder_attention_heads=cfg.heads,
        decoder_attention_heads=cfg.heads,
        encoder_ffn_dim=cfg.ffn,
        decoder_ffn_dim=cfg.ffn,
        max_position_embeddings=MAX_TOKENS * 2,
        activation_function="swish",
        dropout=cfg.dropout,
        attention_dropout=0.0,
        activation_dropout=0.0,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        pad_token_id=pad,
        eos_token_id=vocab["</s>"],
        forced_eos_token_id=vocab["</s>"],
        decoder_start_token_id=pad,
        num_beams=4,
        max_length=MAX_TOKENS,
    )
    return MarianMTModel(config)


def dev_loss(model: Any, batches: list[Any], pad: int, bf16: bool) -> float:
    import torch
    import torch.nn.functional as F

    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for batch in batches:
            inputs, labels = to_tensors(batch, pad)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
                logits = model(**inputs).logits.float()
            total += float(F.cross_entropy(logits.flatten(0, 1), labels.flatten(), reduction="sum"))
            count += int(labels.ne(-100).sum())
    model.train()
    return total / count


def train(cfg: TrainConfig, data: Path, work: Path) -> dict[str, Any]:
    import sentencepiece as spm
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    spm_path = train_sentencepiece(data, work, cfg.vocab_size)
    vocab = marian_vocab(spm_path)
    pad = vocab["<pad>"]
    proc = spm.SentencePieceProcessor(model_file=str(spm_path))
    split = {}
    for name in ("train", "dev"):
        src = encode(proc, vocab, load_lines(data / f"{name}.ar"))
        tgt = encode(proc, vocab, load_lines(data / f"{name}.en"))
        split[name] = list(zip(src, tgt, strict=True))
    batches = make_batches(split["train"], cfg.batch_tokens)
    dev_batches = make_batches(split["dev"], cfg.batch_tokens)
    model = build_model(cfg, vocab)
    params = sum(p.numel() for p in model.parameters())
    log.info("vocab %d, params %.2fM, %d batches/epoch", len(vocab), params / 1e6, len(batches))
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.peak_lr, betas=(0.9, 0.98), eps=1e-9)

    def lr_at(step: int) -> float:
        # Linear warm-up, then inverse square-root decay (the Transformer schedule).
        return cfg.peak_lr * min(step / cfg.warmup_steps, math.sqrt(cfg.warmup_steps / step))

    deadline = started + cfg.minutes * 60
    step, epoch = 0, 0
    recent: list[float] = []
    best: tuple[float, int, dict[str, Any]] | None = None
    history: list[dict[str, float]] = []
    stale = 0
    stop_reason = "time budget"
    model.train()
    train_started = time.monotonic()
    while time.monotonic() < deadline and stale < cfg.patience:
        epoch += 1
        rng.shuffle(batches)
        for batch in batches:
            step += 1
            for group in optimizer.param_groups:
                group["lr"] = lr_at(step)
            inputs, labels = to_tensors(batch, pad)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=cfg.bf16):
                logits = model(**inputs).logits.float()
            loss = F.cross_entropy(
                logits.flatten(0, 1), labels.flatten(), label_smoothing=cfg.label_smoothing
            )
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            recent = [*recent[-99:], float(loss.detach())]
            if step % 50 == 0:
                log.info(
                    "step %d loss %.3f %.1fs", step, recent[-1], time.monotonic() - train_started
                )
            if step % cfg.eval_every == 0:
                dev = dev_loss(model, dev_batches, pad, cfg.bf16)
                elapsed = time.monotonic() - train_started
                history.append(
                    {
                        "step": step,
                        "train_loss": sum(recent) / len(recent),
                        "dev_nll": dev,
                        "s": elapsed,
                    }
                )
                log.info(
                    "step %d epoch %d train %.4f dev %.4f %.0fs",
                    step,
                    epoch,
                    history[-1]["train_loss"],
                    dev,
                    elapsed,
                )
                if best is None or dev < best[0] * 0.98:
                    stale = 0
                else:
                    stale += 1
                if best is None or dev < best[0]:
                    best = (dev, step, copy.deepcopy(model.state_dict()))
                if stale >= cfg.patience:
                    stop_reason = "dev loss converged"
                    break
            if time.monotonic() >= deadline:
                break
    train_seconds = time.monotonic() - train_started
    final_dev = dev_loss(model, dev_batches, pad, cfg.bf16)
    if best is not None and best[0] < final_dev:
        model.load_state_dict(best[2])
        final_dev = best[0]
    else:
        best = (final_dev, step, {})
    hf_dir = work / "hf"
    save_hf(model, vocab, spm_path, hf_dir)
    return {
        "config": asdict(cfg),
        "vocab_size": len(vocab),
        "parameters": params,
        "train_pairs": len(split["train"]),
        "steps": step,
        "epochs": epoch,
        "best_step": best[1] if best else step,
        "stop_reason": stop_reason,
        "final_train_loss": sum(recent) / len(recent),
        "final_dev_nll": final_dev,
        "training_seconds": round(train_seconds, 1),
        "total_seconds": round(time.monotonic() - started, 1),
        "history": history,
        "hf_dir": str(hf_dir),
        "spm": str(spm_path),
    }


def save_hf(model: Any, vocab: dict[str, int], spm_path: Path, hf_dir: Path) -> None:
    from transformers import MarianTokenizer

    if hf_dir.exists():
        shutil.rmtree(hf_dir)
    hf_dir.mkdir(parents=True)
    model.save_pretrained(hf_dir)
    shutil.copyfile(spm_path, hf_dir / "source.spm")
    shutil.copyfile(spm_path, hf_dir / "target.spm")
    with (hf_dir / "vocab.json").open("w", encoding="utf-8", newline="\n") as handle:
        json.dump(vocab, handle, ensure_ascii=False, indent=1)
    tokenizer = MarianTokenizer(
        str(hf_dir / "source.spm"), str(hf_dir / "target.spm"), str(hf_dir / "vocab.json")
    )
    tokenizer.save_pretrained(hf_dir)


def convert(hf_dir: Path, spm_path: Path, out: Path) -> dict[str, Any]:
    """Convert into a temporary folder beside ``out``; the caller renames it into place."""
    import ctranslate2
    from ctranslate2.converters import TransformersConverter

    TransformersConverter(str(hf_dir)).convert(str(out), quantization="int8", force=True)
    shutil.copyfile(spm_path, out / "source.spm")
    shutil.copyfile(spm_path, out / "target.spm")
    manifest = {
        "name": "toy-news",
        "architecture": "marian",
        "source_url": None,
        "archive_sha256": None,
        "quantization": "int8",
        "converter": "ctranslate2.converters.TransformersConverter",
        "ctranslate2_version": ctranslate2.__version__,
        "installed_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        # The Transformers converter does not set add_source_eos (the Marian one does): the
        # Hugging Face tokenizer appended </s> during training, so the pipeline must too.
        "source_prefix": [],
        "source_suffix": ["</s>"],
        "target_prefix": [],
        "bundled": True,
    }
    write_json(out / "manifest.json", manifest)
    return manifest


def write_json(path: Path, value: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
        json.dump(value, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "work" / "toy")
    parser.add_argument("--out", type=Path, default=REPO / "models" / "toy-news")
    parser.add_argument("--minutes", type=float, default=TrainConfig.minutes)
    parser.add_argument("--threads", type=int, default=TrainConfig.threads)
    parser.add_argument("--seed", type=int, default=TrainConfig.seed)
    parser.add_argument(
        "--from-work", action="store_true", help="skip training: convert and evaluate --work/hf"
    )
    parser.add_argument(
        "--evaluate-only", action="store_true", help="re-evaluate --out, rewrite its card"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stdout)
    info = ensure_corpus(args.data)
    if args.evaluate_only:
        import evaluation

        training = json.loads((args.out / "evaluation.json").read_text(encoding="utf-8"))[
            "training"
        ]
        evaluation.evaluate_and_document(args.out, args.data, info, training)
        return 0
    record = args.work / "training.json"
    if args.from_work:
        training = json.loads(record.read_text(encoding="utf-8"))
    else:
        cfg = TrainConfig(seed=args.seed, minutes=args.minutes, threads=args.threads)
        training = train(cfg, args.data, args.work)
        write_json(record, training)
    staging = args.out.with_name(args.out.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    convert(Path(training["hf_dir"]), Path(training["spm"]), staging)
    import evaluation

    evaluation.evaluate_and_document(staging, args.data, info, training)
    old = args.out.with_name(args.out.name + ".old")
    if args.out.exists():
        args.out.rename(old)
    staging.rename(args.out)
    if old.exists():
        shutil.rmtree(old)
    log.info("model written to %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

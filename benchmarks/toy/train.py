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

from toy_batches import (  # noqa: E402
    MAX_TOKENS,
    encode,
    make_batches,
    marian_vocab,
    to_tensors,
    train_sentencepiece,
)
from toy_convert import convert, save_hf, swap_in, write_json  # noqa: E402

log = logging.getLogger("toy.train")


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 1
    # Small enough that Latin names fall into short, frequent pieces (which helps copying).
    vocab_size: int = 2000
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


def train(
    cfg: TrainConfig, data: Path, work: Path, resume: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Train from scratch, or continue the run recorded in ``resume`` (same SentencePiece
    model and vocabulary, weights from its Hugging Face folder, learning-rate schedule
    continued where it stopped)."""
    import sentencepiece as spm
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    if resume:
        spm_path = Path(resume["spm"])
    else:
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
    if resume:
        from transformers import MarianMTModel

        model = MarianMTModel.from_pretrained(resume["hf_dir"])
    else:
        model = build_model(cfg, vocab)
    offset = int(resume["steps"]) if resume else 0
    params = sum(p.numel() for p in model.parameters())
    log.info("vocab %d, params %.2fM, %d batches/epoch", len(vocab), params / 1e6, len(batches))
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.peak_lr, betas=(0.9, 0.98), eps=1e-9)

    def lr_at(step: int) -> float:
        # Linear warm-up, then inverse square-root decay (the Transformer schedule).
        # A resumed run re-warms briefly: its optimizer moments start from zero again.
        total = step + offset
        rewarm = min(1.0, step / 50) if offset else 1.0
        return (
            rewarm
            * cfg.peak_lr
            * min(total / cfg.warmup_steps, math.sqrt(cfg.warmup_steps / total))
        )

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
                    best = (dev, offset + step, copy.deepcopy(model.state_dict()))
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
        best = (final_dev, offset + step, {})
    hf_dir = work / "hf"
    save_hf(model, vocab, spm_path, hf_dir)
    return {
        "config": asdict(cfg),
        "vocab_size": len(vocab),
        "parameters": params,
        "train_pairs": len(split["train"]),
        "steps": offset + step,
        "epochs": epoch + (int(resume["epochs"]) if resume else 0),
        "phases": [
            *(resume.get("phases", [resume_phase(resume)]) if resume else []),
            {"steps": step, "training_seconds": round(train_seconds, 1)},
        ],
        "best_step": best[1] if best else offset + step,
        "stop_reason": stop_reason,
        "final_train_loss": sum(recent) / len(recent),
        "final_dev_nll": final_dev,
        "training_seconds": round(train_seconds + (resume["training_seconds"] if resume else 0), 1),
        "total_seconds": round(
            time.monotonic() - started + (resume["total_seconds"] if resume else 0), 1
        ),
        "history": history,
        "hf_dir": str(hf_dir),
        "spm": str(spm_path),
    }


def resume_phase(previous: dict[str, Any]) -> dict[str, Any]:
    return {"steps": previous["steps"], "training_seconds": previous["training_seconds"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "work" / "toy")
    parser.add_argument("--out", type=Path, default=REPO / "models" / "toy-news")
    parser.add_argument("--minutes", type=float, default=TrainConfig.minutes)
    parser.add_argument("--threads", type=int, default=TrainConfig.threads)
    parser.add_argument("--seed", type=int, default=TrainConfig.seed)
    parser.add_argument(
        "--resume", action="store_true", help="continue training the model in --work for --minutes"
    )
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
        previous = json.loads(record.read_text(encoding="utf-8")) if args.resume else None
        training = train(cfg, args.data, args.work, previous)
        write_json(record, training)
    staging = args.out.with_name(args.out.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    convert(Path(training["hf_dir"]), Path(training["spm"]), staging)
    import evaluation

    evaluation.evaluate_and_document(staging, args.data, info, training)
    swap_in(staging, args.out)
    log.info("model written to %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Text to Marian ids for the toy model: one SentencePiece model for both sides, the Marian
vocabulary layout, and length-sorted batches of padded tensors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

MAX_TOKENS = 128


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

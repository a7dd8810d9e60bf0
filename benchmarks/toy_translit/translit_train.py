"""Train the toy-translit model: the toy-news training code (benchmarks/toy/train.py) on the
toy-translit corpus, converted to CTranslate2 int8 as ``models/toy-translit``.

    pip install -e .[train]        # torch + transformers + faker; never needed by users or CI
    python benchmarks/toy_translit/translit_train.py --minutes 18

Steps: (1) regenerate the corpus from ``--data``/info.json into ``--work``/corpus (train is not
committed) and check that dev/test are byte for byte the committed ones; (2) train with
``train.train`` of benchmarks/toy (same model, SentencePiece and schedule; a smaller
vocabulary); (3) convert with ``toy_convert.convert`` (int8, manifest name toy-translit);
(4) measure it (translit_eval.py) and write evaluation.json and MODEL_CARD.md; (5) swap the
folder into ``--out``. ``--resume --minutes N`` continues training the model in ``--work``
(as ``train.py --resume`` does; the card then reports the runs); ``--from-work`` converts
and evaluates the last trained model again; ``--evaluate-only`` re-measures ``--out`` and
rewrites its card (with the ``translate eval --compare-glossary`` run).
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent / "toy"))
sys.path.insert(0, str(HERE))

import train as toy_train  # noqa: E402  (benchmarks/toy/train.py)
from toy_convert import convert, swap_in, write_json  # noqa: E402
from translit_generate import generate_from_info  # noqa: E402

log = logging.getLogger("toy_translit.train")

MODEL_NAME = "toy-translit"
# A smaller vocabulary than toy-news (2000): names fall into shorter pieces, which is what
# a model needs to learn spelling rather than whole names.
VOCAB_SIZE = 1500
COMMITTED = ("dev.ar", "dev.en", "test.ar", "test.en", "test.terms.jsonl", "glossary.yaml")


def prepare_corpus(data: Path, corpus: Path) -> dict[str, Any]:
    """Regenerate everything into ``corpus``; the committed files must come out identical."""
    info: dict[str, Any] = json.loads((data / "info.json").read_text(encoding="utf-8"))
    if not (corpus / "train.ar").is_file() or not (corpus / "info.json").is_file():
        log.info("regenerating the corpus into %s (seed %s)", corpus, info["seed"])
        regenerated = generate_from_info(info, corpus)
        if regenerated != info:
            raise SystemExit("regenerated info.json differs from the committed one")
    for name in COMMITTED:
        if (data / name).read_bytes() != (corpus / name).read_bytes():
            raise SystemExit(f"{corpus / name} differs from the committed {data / name}")
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "data")
    parser.add_argument("--work", type=Path, default=REPO / "benchmarks" / "work" / "toy_translit")
    parser.add_argument("--out", type=Path, default=REPO / "models" / MODEL_NAME)
    parser.add_argument("--minutes", type=float, default=18.0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--vocab-size", type=int, default=VOCAB_SIZE)
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
    corpus = args.work / "corpus"
    info = prepare_corpus(args.data, corpus)
    if args.evaluate_only:
        import translit_eval

        record = json.loads((args.out / "evaluation.json").read_text(encoding="utf-8"))
        translit_eval.evaluate_and_document(args.out, args.data, corpus, info, record["training"])
        return 0
    record_path = args.work / "training.json"
    if args.from_work:
        training = json.loads(record_path.read_text(encoding="utf-8"))
    else:
        cfg = toy_train.TrainConfig(
            seed=args.seed, minutes=args.minutes, threads=args.threads, vocab_size=args.vocab_size
        )
        previous = json.loads(record_path.read_text(encoding="utf-8")) if args.resume else None
        training = toy_train.train(cfg, corpus, args.work, previous)
        write_json(record_path, training)
    staging = args.out.with_name(args.out.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    convert(Path(training["hf_dir"]), Path(training["spm"]), staging, name=MODEL_NAME)
    import translit_eval

    translit_eval.evaluate_and_document(staging, args.data, corpus, info, training)
    swap_in(staging, args.out)
    log.info("model written to %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Decoding: SentencePiece tokenisation, the CTranslate2 backend, batched sentence
decoding and scoring, and the line pipeline (normalise → split → decode → reassemble).

May import :mod:`translate.text`; knows nothing of glossaries (the pipeline takes a
:class:`~translate.engine.pipeline.SentenceHook`, which :mod:`translate.enforce`
implements).
"""

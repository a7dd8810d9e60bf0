"""How the model rendered a stretch of its source: the words of its translation that
depend on that stretch.

Glossary suggestions and document consistency need, for a name no glossary lists, the
English the model wrote for it in each sentence ("Batroshev", or the substitute
"Shoigu", or nothing). The method is the attribution of enforcement
(:mod:`translate.enforce.attribution`) with a neutral Latin placeholder written in
place of the Arabic word: the model copies the placeholder, so the words it had
rendered from the name become unlikely, and only those. A placeholder rather than a
deletion, because a template's name slot gets filled with the same substitute anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from translate.enforce.attribution import term_spans, word_deltas
from translate.enforce.renderings import bare
from translate.enforce.rules import DEFAULT_RULES, EnforcementRules
from translate.engine.decoding import SentenceTranslation, SentenceTranslator, TokenScores
from translate.engine.tokenizer import Tokenizer
from translate.glossary.tokens import has_arabic_letter

#: Written in place of the name in the contrast source: Latin, so the model copies it,
#: and no English word or name, so it never stands in the translation being scored.
PLACEHOLDER = "Qzx"


@dataclass(frozen=True)
class Observation:
    """The model's words for the stretch ``start:end`` of sentence ``sentence``:
    ``rendering`` (words joined, edge punctuation removed; ``""`` where no word depends
    on it, i.e. the model dropped it), ``weight`` the attribution (nats), and whether
    the model left Arabic letters there."""

    sentence: int
    start: int
    end: int
    rendering: str
    weight: float
    arabic_left: bool
    # Mean log-probability of the rendering's pieces in the plain translation: how sure
    # the model was when it wrote them.
    confidence: float = 0.0

    @property
    def capitalised(self) -> bool:
        return bool(self.rendering) and all(w[:1].isupper() for w in self.rendering.split())


def observe(
    spans: Sequence[tuple[int, int, int]],
    sentences: Sequence[str],
    translations: Sequence[SentenceTranslation],
    decoder: SentenceTranslator,
    tokenizer: Tokenizer,
    rules: EnforcementRules = DEFAULT_RULES,
) -> list[Observation]:
    """One observation per ``(sentence index, start, end)`` of ``spans``; all scorings
    in one batched call."""
    pieces: dict[int, list[str]] = {}
    for index, _, _ in spans:
        if index not in pieces:
            pieces[index] = tokenizer.encode_target(translations[index].text)
    pairs: list[tuple[str, Sequence[str]]] = [(sentences[i], pieces[i]) for i in pieces]
    for index, start, end in spans:
        sentence = sentences[index]
        contrast = " ".join(f"{sentence[:start]} {PLACEHOLDER} {sentence[end:]}".split())
        pairs.append((contrast, pieces[index]))
    scored = decoder.score(pairs)
    full: dict[int, TokenScores] = dict(zip(pieces, scored))
    out: list[Observation] = []
    for (index, start, end), contrasted in zip(spans, scored[len(pieces) :]):
        words = translations[index].text.split()
        groups = tokenizer.group_words(pieces[index])
        if len(groups) != len(words):
            out.append(Observation(index, start, end, "", 0.0, False))
            continue
        deltas = word_deltas(groups, full[index].log_probs, contrasted.log_probs)
        # The name's capitalised words first; else whatever depends on it (a common
        # word the model read there: "by phone", "enthusiastically").
        found = term_spans(words, deltas, set(), name=True, rules=rules)
        found = found or term_spans(words, deltas, set(), name=False, rules=rules)
        if not found:
            out.append(Observation(index, start, end, "", 0.0, False))
            continue
        best = found[0]
        rendering = " ".join(bare(w) for w in words[best.first : best.last]).strip()
        own = [i for group in groups[best.first : best.last] for i in group]
        probs = [full[index].log_probs[i] for i in own]
        confidence = round(sum(probs) / max(1, len(probs)), 4)
        arabic = has_arabic_letter(rendering)
        out.append(Observation(index, start, end, rendering, best.weight, arabic, confidence))
    return out

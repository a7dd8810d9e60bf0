"""Arabic→English machine translation with CTranslate2 models and a clitic-aware glossary.

The heavy parts (CTranslate2, SentencePiece) load only when a model is opened, so
importing this package is cheap and has no side effects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from translate.errors import (
    ConfigError,
    EvaluationError,
    GlossaryError,
    InputError,
    ModelInstallError,
    ModelNotFoundError,
    TranslateError,
)
from translate.options import TranslationOptions

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "EvaluationError",
    "GlossaryError",
    "InputError",
    "ModelInstallError",
    "ModelNotFoundError",
    "TranslateError",
    "TranslationOptions",
    "Translator",
    "__version__",
]

if TYPE_CHECKING:
    from translate.translator import Translator


def __getattr__(name: str) -> Any:
    if name == "Translator":
        from translate.translator import Translator

        return Translator
    raise AttributeError(name)

"""The project's error hierarchy.

Every error a user can cause or fix derives from :class:`TranslateError`; the CLI turns
them into one line on stderr and exit code 2. Messages say what to do, not only what
went wrong.
"""

from __future__ import annotations

from collections.abc import Sequence


class TranslateError(Exception):
    """Base class of every error this package raises on purpose."""

    exit_code = 2


class ModelNotFoundError(TranslateError):
    """A model name or path does not lead to a usable, installed model."""


class ModelInstallError(TranslateError):
    """Downloading, unpacking, verifying or converting a model failed."""


class CorruptArchiveError(ModelInstallError):
    """A model archive's bytes are wrong: corrupt, truncated, or not the expected checksum.

    Resuming a download from such a file is pointless, so installers delete it.
    """


class GlossaryError(TranslateError):
    """A glossary file is malformed; ``problems`` lists every problem found at once."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        self.problems = list(problems)
        if self.problems:
            message = message + "\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(message)


class InputError(TranslateError):
    """Input text cannot be read as asked (bad encoding, binary data, unknown format)."""


class EvaluationError(TranslateError):
    """Test-set files do not fit together (line counts, encodings, empty files)."""


class ConfigError(TranslateError):
    """An option, environment variable or config-file value is invalid."""

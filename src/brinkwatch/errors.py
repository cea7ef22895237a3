"""One exception tree. Every error has a code and says what to do.

Codes are stable (scripts match on them); the message reads
``[BW-I003] Empty input: notes.txt has no text. Check the file or remove it from the batch.``

Code ranges: I = ingest, X = extract, S = store, Q = query/CLI usage, E = export,
V = evaluate, W = web, D = dependencies/extras, K = knowledge files.
"""

from __future__ import annotations


class BrinkwatchError(Exception):
    """Base of every brinkwatch error."""

    code = "BW-000"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text

    def to_dict(self) -> dict[str, str | None]:
        """The one JSON shape of every error."""
        return {"error": type(self).__name__, "code": self.code, "message": self.message, "hint": self.hint}


# --- ingest -------------------------------------------------------------------------------
class IngestError(BrinkwatchError):
    code = "BW-I000"


class InputNotFound(IngestError):
    code = "BW-I001"


class UnsupportedInput(IngestError):
    code = "BW-I002"


class EmptyInput(IngestError):
    code = "BW-I003"


class BinaryInput(IngestError):
    code = "BW-I004"


class InputTooLarge(IngestError):
    code = "BW-I005"


class MalformedInput(IngestError):
    """Broken JSON, a feed that does not parse, a truncated WARC ..."""

    code = "BW-I006"


class NoArticleText(IngestError):
    """The page parsed but has no main text (a login wall, an index page)."""

    code = "BW-I007"


class FetchError(IngestError):
    """A URL could not be fetched: DNS, timeout, HTTP error, too many redirects."""

    code = "BW-I008"


class BlockedAddress(IngestError):
    """A URL resolves to a loopback or private address and --allow-private was not given."""

    code = "BW-I009"


class UnsupportedLanguage(IngestError):
    code = "BW-I010"


# --- extract ------------------------------------------------------------------------------
class ExtractError(BrinkwatchError):
    code = "BW-X000"


class ModelNotInstalled(ExtractError):
    code = "BW-X001"


# --- store --------------------------------------------------------------------------------
class StoreError(BrinkwatchError):
    code = "BW-S000"


class StoreLocked(StoreError):
    code = "BW-S001"


class StoreNotFound(StoreError):
    code = "BW-S002"


class SchemaTooNew(StoreError):
    code = "BW-S003"


class StoreCorrupt(StoreError):
    code = "BW-S004"


# --- usage / queries / exports -------------------------------------------------------------
class UsageError(BrinkwatchError):
    code = "BW-Q001"


class ExportError(BrinkwatchError):
    code = "BW-E001"


class EvaluationError(BrinkwatchError):
    code = "BW-V001"


class KnowledgeFileError(BrinkwatchError):
    code = "BW-K001"


class MissingExtra(BrinkwatchError):
    """An optional dependency is missing; the message names the extra to install."""

    code = "BW-D001"


def require_extra(module: str, extra: str):  # noqa: ANN201 - returns the imported module
    """Import an optional dependency or fail with the extra that provides it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(
            f"This feature needs the optional package '{module}', which is not installed.",
            hint=f"Install it with: pip install 'brinkwatch[{extra}]'",
        ) from exc

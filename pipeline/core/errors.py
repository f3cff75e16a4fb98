"""The project's own exceptions: every problem a user can cause ends in one of these,
with a message that names the file (and where possible row and column), never a raw
traceback from a library."""

from __future__ import annotations

from pathlib import Path


class NetwerkscanError(Exception):
    """Base of every error Netwerkscan raises on purpose."""


class InputError(NetwerkscanError):
    """An input file cannot be used at all; its coalition fails, the batch goes on."""

    def __init__(self, path: Path | str, message: str):
        self.path = Path(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class ConfigError(NetwerkscanError):
    """A configuration file (coalition.yaml, brand.yaml, instrument) is missing or wrong."""

    def __init__(self, path: Path | str, message: str):
        self.path = Path(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")


class TooFewRespondentsError(NetwerkscanError):
    """Fewer usable responses than the anonymity threshold: no report may be shown."""


class FetchRefusedError(NetwerkscanError):
    """The PDF renderer asked for a resource outside the template and brand folders."""

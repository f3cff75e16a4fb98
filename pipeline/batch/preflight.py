"""What a batch checks before any kernel starts: the files every coalition's report uses.

The brand (brand.yaml, its fonts and logo, and the firm's advice.yaml and questions.yaml beside it) and the norm
file serve every coalition, so a mistake in them would fail or spoil each report in turn,
deep inside a kernel. They are checked once, here; a problem stops the batch before it
starts (the command exits 2) with every problem named by file and key. A coalition's own
coalition.yaml is checked when the batch is planned and fails that coalition only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.analysis.catalogue import load_catalogue
from pipeline.analysis.themes import load_themes
from pipeline.core.errors import ConfigError, NetwerkscanError
from pipeline.core.norm_file import read_norm_file
from pipeline.report.brand import load_brand
from pipeline.report.questions import load_questions


class BatchConfigError(NetwerkscanError):
    """One or more of the batch's shared configuration files cannot be used."""

    def __init__(self, errors: list[ConfigError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def config_errors(brand_dir: Path | None, norm_file: Path | None) -> list[ConfigError]:
    """Every problem of the brand folder and the norm file (empty: all can be used)."""
    checks: list[Callable[[], object]] = [lambda: load_brand(brand_dir),
                                          lambda: load_catalogue(brand_dir), lambda: load_questions(brand_dir),
                                          lambda: load_themes(brand_dir)]
    if norm_file:
        checks.append(lambda: read_norm_file(norm_file))
    found = []
    for check in checks:
        try:
            check()
        except ConfigError as exc:
            found.append(exc)
    return found


def check_config(brand_dir: Path | None, norm_file: Path | None) -> None:
    """Raise `BatchConfigError` naming every problem of the batch's shared configuration."""
    found = config_errors(brand_dir, norm_file)
    if found:
        raise BatchConfigError(found)

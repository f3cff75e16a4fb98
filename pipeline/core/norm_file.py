"""A norm file checked before the batch starts: a mean per construct the instrument knows.

A norm is one file for the whole batch, so a mistake in it would show in every report (or,
for a misspelled construct code, silently leave that construct without a norm). It is
therefore checked once, up front, and a problem stops the batch naming the file and key."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from pipeline.core.config_check import ConfigProblems, Problem, did_you_mean, parse, read_mapping
from pipeline.core.instrument import load_instrument

NORM_FILE = "norm.yaml"     # a norm in the input folder is used without --norm


class NormFile(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    constructs: dict[str, Annotated[float, Field(ge=1, le=5)]] = Field(min_length=1)


def read_norm_file(path: Path) -> NormFile:
    """The norm in `path`; `ConfigProblems` names every wrong key, also an unknown construct."""
    spec = parse(NormFile, read_mapping(path, "norm file"), path)
    known = load_instrument().constructs
    unknown = [Problem(f"constructs.{code}", f"not a construct of the instrument{did_you_mean(code, known)}")
               for code in spec.constructs if code not in known]
    if unknown:
        raise ConfigProblems(path, unknown)
    return spec

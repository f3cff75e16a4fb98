"""Bringing the batch reference up to date before the first report (see
`pipeline.analysis.reference` for what it holds and why).

Only coalitions whose input changed are scored again, on the batch's executor and within
its time limit, so a hung input cannot stall the batch before its first job. A coalition
that cannot be scored is left out of the reference and the manifest says why; its own job
reports its error in full. Reports made earlier are not re-rendered when only other
coalitions changed: ranks are refreshed when a coalition is rendered again (or with --force)."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from pathlib import Path

from pipeline.analysis.reference import (
    Means,
    ReferenceEntry,
    construct_means,
    read_reference,
    write_reference,
)

Scorer = Callable[[dict[str, Path]], dict[str, "Means | str"]]


def means_or_error(folder: Path) -> Means | str:
    """The construct means, or why they cannot be had (the coalition's job reports it in full)."""
    try:
        return construct_means(folder)
    except Exception as exc:  # noqa: BLE001 - recorded in the manifest; the batch goes on
        return f"{type(exc).__name__}: {exc}"


def means_in_processes(folders: dict[str, Path], workers: int, timeout: float) -> dict[str, Means | str]:
    """Score in `workers` processes; one that takes longer than `timeout` seconds (a hung file
    share, say) is given up, and leaving the pool stops its process."""
    if not folders:
        return {}
    out: dict[str, Means | str] = {}
    with multiprocessing.Pool(max(1, min(workers, len(folders)))) as pool:
        pending = {slug: pool.apply_async(means_or_error, (folder,)) for slug, folder in folders.items()}
        for slug, result in pending.items():
            try:
                out[slug] = result.get(timeout)
            except multiprocessing.TimeoutError:
                out[slug] = f"not scored within {timeout:g} s"
    return out


def update_reference(path: Path, coalitions: dict[str, tuple[Path, str]], score: Scorer) -> dict[str, str]:
    """Bring the reference file up to date for `coalitions` (slug -> (folder, input hash));
    returns the coalitions left out, with the reason."""
    known = read_reference(path)
    fresh = {slug: known[slug] for slug, (_, input_hash) in coalitions.items()
             if slug in known and known[slug].input_hash == input_hash}
    stale = {slug: folder for slug, (folder, _) in coalitions.items() if slug not in fresh}
    left_out: dict[str, str] = {}
    for slug, means in score(stale).items():
        if isinstance(means, str):
            left_out[slug] = means
        else:
            fresh[slug] = ReferenceEntry(coalitions[slug][1], means)
    write_reference(path, fresh)
    return left_out

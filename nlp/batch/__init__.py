"""Batch runs: many articles, results streamed to JSONL, resumable, bad records set aside.

- ``analyze.py``: :func:`analyze_batch`, the unit of work (columns in, columns out), and
  :class:`AnalyzeBatch`, its Ray Data form;
- ``run.py``: :func:`run_batch`, which drives it over a record stream;
- ``paths.py``: the checks on ``--out``/``--errors`` made before anything is opened;
- ``files.py``: the locked output files, the run record, resuming;
- ``workers.py``: supervised worker processes for ``--workers N``.
"""

from __future__ import annotations

from .analyze import AnalyzeBatch, analyze_batch
from .paths import check_options, check_paths, errors_path
from .run import DEFAULT_CHUNK, BatchReport, run_batch

__all__ = ["DEFAULT_CHUNK", "AnalyzeBatch", "BatchReport", "analyze_batch", "check_options", "check_paths",
           "errors_path", "run_batch"]

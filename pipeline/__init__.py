"""Netwerkscan: survey answers of regional care networks in, advisory PDF reports out."""

import os

__version__ = "0.1.0"

# openpyxl writes its XML through lxml when lxml is installed (python-pptx needs it) and
# through the standard library otherwise; the two differ in every byte that matters for
# `pipeline.core.xlsx.save_reproducibly` (namespace placement, spaces in empty tags). One writer
# for every process keeps the shipped example files and the content hashes stable. openpyxl
# reads the setting once, on its first import: in the pipeline's processes that comes later.
os.environ.setdefault("OPENPYXL_LXML", "False")

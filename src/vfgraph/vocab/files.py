"""Where the ontology and shapes files are.

By default the ``ontology/`` and ``shapes/`` folders at the root of the repository (this file is
``src/vfgraph/vocab/files.py``). An installed package that does not sit in a checkout points at
them with the environment variables ``VFGRAPH_ONTOLOGY_DIR`` and ``VFGRAPH_SHAPES_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

ONTOLOGY_DIR_ENV = "VFGRAPH_ONTOLOGY_DIR"
SHAPES_DIR_ENV = "VFGRAPH_SHAPES_DIR"

_REPO_ROOT = Path(__file__).resolve().parents[3]


def _folder(env_var: str, default: Path) -> Path:
    override = os.environ.get(env_var)
    return Path(override) if override else default


def ontology_dir() -> Path:
    """The folder holding ``vf.ttl`` and ``vfgraph.ttl``."""
    return _folder(ONTOLOGY_DIR_ENV, _REPO_ROOT / "ontology")


def shapes_dir() -> Path:
    """The folder holding the SHACL shapes, one ``*.ttl`` file per record kind."""
    return _folder(SHAPES_DIR_ENV, _REPO_ROOT / "shapes")

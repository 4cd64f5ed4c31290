"""Where the ontology and shapes files are by default: the ``ontology/`` and ``shapes/`` folders at the root
of the repository (this file is ``src/vfgraph/vocab/files.py``). An installed package that does not sit in
a checkout is pointed elsewhere through :class:`vfgraph.settings.Settings` (``VFGRAPH_ONTOLOGY_DIR``,
``VFGRAPH_SHAPES_DIR``), which passes the folders to :func:`vfgraph.bootstrap.build_ledger`.
"""

from __future__ import annotations

from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[3]


def ontology_dir() -> Path:
    """The folder holding ``vf.ttl`` and ``vfgraph.ttl``."""
    return _REPO_ROOT / "ontology"


def shapes_dir() -> Path:
    """The folder holding the SHACL shapes, one ``*.ttl`` file per record kind."""
    return _REPO_ROOT / "shapes"

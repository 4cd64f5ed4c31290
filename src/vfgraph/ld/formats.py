"""The RDF formats vfgraph reads and writes, and HTTP content negotiation over them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vfgraph.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class Format:
    name: str  # the --format value
    media_type: str
    extensions: tuple[str, ...]
    rdflib: str  # rdflib's parser name
    writable: bool = True


TURTLE = Format("turtle", "text/turtle", (".ttl",), "turtle")
JSONLD = Format("jsonld", "application/ld+json", (".jsonld", ".json"), "json-ld")
NTRIPLES = Format("nt", "application/n-triples", (".nt",), "nt")
# YAML-LD (https://json-ld.github.io/yaml-ld/): the form of the ValueFlows specification's examples.
YAMLLD = Format("yamlld", "application/ld+yaml", (".yaml", ".yml", ".yamlld"), "json-ld", writable=False)

FORMATS: tuple[Format, ...] = (TURTLE, JSONLD, NTRIPLES, YAMLLD)
WRITABLE: tuple[Format, ...] = tuple(f for f in FORMATS if f.writable)

# Other media types clients send for the same formats.
_ALIASES = {
    "application/x-turtle": TURTLE,
    "application/json": JSONLD,
    "text/plain": NTRIPLES,  # N-Triples' media type before RDF 1.1
    "application/yaml": YAMLLD,
    "application/x-yaml": YAMLLD,
    "text/yaml": YAMLLD,
}


def by_name(name: str) -> Format:
    for f in FORMATS:
        if f.name == name:
            return f
    raise InvalidInput(f"unknown RDF format {name!r} (known: {', '.join(f.name for f in FORMATS)})")


def by_media_type(media_type: str) -> Format | None:
    """The format of a Content-Type value (parameters ignored), or None."""
    bare = media_type.split(";")[0].strip().lower()
    for f in FORMATS:
        if f.media_type == bare:
            return f
    return _ALIASES.get(bare)


def by_path(path: Path) -> Format:
    """The format of a file, from its extension."""
    suffix = path.suffix.lower()
    for f in FORMATS:
        if suffix in f.extensions:
            return f
    known = ", ".join(e for f in FORMATS for e in f.extensions)
    raise InvalidInput(f"{path}: cannot tell the RDF format from the extension {suffix!r} (known: {known})")


def negotiate(accept: str | None) -> Format | None:
    """The writable format an ``Accept`` header prefers; Turtle when it accepts anything; None: 406.

    Media ranges are weighed by ``q`` and then by specificity (an exact type beats ``text/*``, which beats
    ``*/*``); between equals vfgraph's order (Turtle, JSON-LD, N-Triples) decides.
    """
    if not accept or not accept.strip():
        return TURTLE
    best: tuple[float, int, int] | None = None
    chosen: Format | None = None
    for position, fmt in enumerate(WRITABLE):
        main = fmt.media_type.partition("/")[0]
        aliases = [t for t, f in _ALIASES.items() if f is fmt]
        for item in accept.split(","):
            parts = [p.strip() for p in item.split(";")]
            media = parts[0].lower()
            q = 1.0
            for param in parts[1:]:
                key, _, value = param.partition("=")
                if key.strip() == "q":
                    try:
                        q = float(value)
                    except ValueError:
                        q = 0.0
            if media in (fmt.media_type, *aliases):
                specificity = 2
            elif media == f"{main}/*":
                specificity = 1
            elif media == "*/*":
                specificity = 0
            else:
                continue
            if q <= 0:
                continue
            rank = (q, specificity, -position)
            if best is None or rank > best:
                best, chosen = rank, fmt
    return chosen

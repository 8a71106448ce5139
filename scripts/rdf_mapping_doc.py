"""Write the tables of docs/rdf-mapping.md from the mapping (credgraph.mapping.KINDS).

    python scripts/rdf_mapping_doc.py            # rewrite the generated part of the doc
    python scripts/rdf_mapping_doc.py --check    # exit 1 if the doc is not what it generates

The doc is a view of the one mapping, never a second copy: tests/test_docs.py runs --check.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from credgraph.mapping import KINDS
from credgraph.vocab import PREFIXES
from generated_section import run  # noqa: E402  (scripts/, beside this one)

DOC = Path(__file__).resolve().parents[1] / "docs" / "rdf-mapping.md"


def curie(iri) -> str:
    text = str(iri)
    for prefix, ns in sorted(PREFIXES.items(), key=lambda p: -len(str(p[1]))):
        if text.startswith(str(ns)):
            return f"{prefix}:{text[len(str(ns)):]}"
    return f"<{text}>"


def tables() -> str:
    out = []
    for kind in KINDS.values():
        node = {"source": "source/<id>", "report": "report/<id>", "claim": "claim/<id>",
                "mention": "mention/<report>/<mention>",
                "statement": "statement/<claim>/<source>"}.get(
            kind.name, f"{kind.name}/<report>/<mention>")
        read = "read by the audit" if kind.read else "for SPARQL users; the audit does not read it"
        out += [f"### {kind.name}", "", f"`cgid:{node} a {curie(kind.rdf_class)}` ({read})", "",
                "| field | predicate | value | required | repeats | the audit reads it |",
                "|---|---|---|---|---|---|"]
        for f in kind.fields:
            out.append(f"| `{f.name}` | `{curie(f.predicate)}` | {f.codec.name} | "
                       f"{'yes' if f.required else ''} | {'yes' if f.many else ''} | "
                       f"{'yes' if f.read and kind.read else ''} |")
        out.append("")
    return "\n".join(out)


def main(argv=None) -> int:
    return run(DOC, "rdf_mapping_doc.py", tables, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())

"""Write the table of closed lists in docs/annotation-format.md from the concept schemes.

    python scripts/closed_lists_doc.py            # rewrite the generated part of the doc
    python scripts/closed_lists_doc.py --check    # exit 1 if the doc is not what it generates

Each list's values are its SKOS concept scheme's members in ontology/credgraph.ttl, in their
order (credgraph.schemes), and the CiTO intents of `cites_as` are credgraph.vocab.CITES_AS:
the doc is a view of them, never a second copy. tests/test_docs.py runs --check. What this
script holds is the doc's own wording: which field an annotator writes each list in.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from credgraph.vocab import CITES_AS, CONCEPT_SCHEMES, members
from generated_section import run  # noqa: E402  (scripts/, beside this one)

DOC = Path(__file__).resolve().parents[1] / "docs" / "annotation-format.md"

ROWS = [
    ("source `kind`", "source-kind", ""),
    ("`party`, `subject_side`", "party", ""),
    ("`reliability`", "reliability", "Admiralty source reliability"),
    ("report `kind`", "report-kind", ""),
    ("date `certainty`", "date-certainty", ""),
    ("`qualifier`", "qualifier", ""),
    ("`hedge`", "hedge", ""),
    ("`cites_as`", "cites_as", "CiTO"),
    ("`rate.per`", "rate-unit", ""),
    ("a measure's `kind` (`measures.yaml`)", "quantity-kind", ""),
]
"""(the field as an annotator writes it, the list, a note): the table's rows, in order."""


def values(name: str) -> list[str]:
    """The values of the closed list *name*: a concept scheme's members, or cites_as."""
    return list(CITES_AS) if name == "cites_as" else list(members(CONCEPT_SCHEMES[name]))


def table() -> str:
    out = ["| field | values |", "|---|---|"]
    for field, name, note in ROWS:
        out.append(f"| {field} | {', '.join(values(name))}{f' ({note})' if note else ''} |")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    return run(DOC, "closed_lists_doc.py", table, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())

"""``figure-drift``: the figure changes between a relay and what it relays.

Compares each mention with the mention it relays, mentions that relay the same source
statement with each other, and every other mention of the claim, in whatever report, with
the claim's mention nearest to the origin (whether or not ``relays:`` is written): value or
range, qualifier, unit, time reference, measure (criminal cases become deserters), subject
and place (a region's count becomes the country's). A relay that moves the date or period is drift.
A value that says less, not otherwise (a rounding: "18,342" relayed as "about 18,000", whose
interval holds it), is a note (``info``): the figure stays true, only less precise.
"""

from __future__ import annotations

from ..comparison import normal_text, same_time
from ..ids import mention_key
from . import Finding, register_check


def differences(a, b, *, either: bool = False) -> list[tuple[str, str | None]]:
    """How figure *a* differs from figure *b*, in words, each with its severity (None: the
    check's); empty when they agree. A value that says less, not something else, is a
    rounding, a note (``info``): *a*'s interval holds *b*'s, in the same unit ("18,342"
    relayed as "about 18,000" or "more than 18,000"; with *either*, whichever holds the
    other, for two relays of one source); "450 to 500" relayed as "about 450" is not."""
    out = []
    if (a.value, a.min, a.max) != (b.value, b.min, b.max) or a.qualifier != b.qualifier:
        change = f"{b.describe()} became {a.describe()}"
        if normal_text(a.unit) == normal_text(b.unit) and (
                _holds(a, b) or either and _holds(b, a)):
            out.append((f"{change} (a rounding: the one still holds the other)", "info"))
        else:
            out.append((change, None))
    elif (a.unit or "") != (b.unit or ""):
        out.append((f"unit {b.unit!r} became {a.unit!r}", None))
    if not same_time(a.time, b.time):
        out.append((f"{_when(b.time)} became {_when(a.time)}", None))
    if a.measure != b.measure:  # criminal cases become deserters
        out.append((f"measure {b.measure!r} became {a.measure!r}", None))
    for what in ("subject", "place"):  # a region's count becomes the country's
        old, new = getattr(b, what), getattr(a, what)
        if normal_text(old) != normal_text(new):
            out.append((f"{what} {old!r} became {new!r}", None))
    return out


def _holds(a, b) -> bool:
    """Whether *a*'s value interval holds *b*'s: *a* says less than *b*, not otherwise."""
    (a_low, a_high), (b_low, b_high) = a.bounds(), b.bounds()
    return ((a_low is None or b_low is not None and a_low <= b_low)
            and (a_high is None or b_high is not None and b_high <= a_high))


def _when(time) -> str:
    if time.kind == "as-of":
        return f"as of {time.end}" + (f" since {time.start}" if time.start else "")
    if time.kind == "period":
        return f"period {time.iso()}"
    return "no time given"


@register_check("figure-drift",
                "The value, qualifier, unit, period, measure, subject or place changes along a "
                "chain.", "warning")
def figure_drift(ctx, claim):
    trace = ctx.trace
    by_upstream: dict[str, list] = {}
    for m in claim.mentions:
        if m.figure is None:
            continue
        upstream = trace.upstream_mention(m.node)
        if upstream is not None and upstream.figure is not None:
            for diff, severity in differences(m.figure, upstream.figure):
                yield Finding(
                    f"{mention_key(m.node)} relays {mention_key(upstream.node)}: {diff}",
                    [[m.node, upstream.node]], severity=severity)
        elif upstream is None:
            for nxt in trace.successors(m.node):
                by_upstream.setdefault(nxt, []).append(m)
    for node, siblings in by_upstream.items():
        first = siblings[0]
        for other in siblings[1:]:
            for diff, severity in differences(other.figure, first.figure, either=True):
                yield Finding(
                    f"{mention_key(other.node)} and {mention_key(first.node)} relay the same "
                    f"source ({node}) differently: {diff}",
                    [[first.node, node], [other.node, node]], severity=severity)
    reported = {m.node for m in claim.mentions if m.figure is not None
                and (trace.upstream_mention(m.node) is not None or m.node in
                     {x.node for group in by_upstream.values() for x in group[1:]})}
    ref = claim.reference
    if ref.figure is None:
        return
    for m in claim.mentions:
        if m.node == ref.node or m.node in reported or m.figure is None:
            continue
        for diff, severity in differences(m.figure, ref.figure):
            yield Finding(f"{mention_key(m.node)} states {claim.claim} differently from "
                          f"{mention_key(ref.node)}, nearest its origin: {diff}",
                          [[m.node], [ref.node]], severity=severity)

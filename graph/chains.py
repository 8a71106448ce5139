"""Algorithms on the citation graph, given as successor mappings: roots and loops in one pass,
chains, and the NetworkX graph for those who want one.

:mod:`credgraph.trace` fetches the edges from a store and calls these; they know nothing of RDF.
Every function takes ``{node: successors}`` (a dict of lists or dicts, or a DiGraph's
``succ``), so a million nodes cost one walk and no per-edge NetworkX calls.

>>> roots, loops = roots_and_loops({"m1": ["s1"], "m2": ["m1"], "s1": []})
>>> sorted(roots["m2"]), loops
(['s1'], [])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import chain

import networkx as nx

__all__ = ["roots_and_loops", "loop_text", "chains_from", "digraph_from"]


def roots_and_loops(succ: Mapping[str, Iterable[str]],
                    order: Iterable[str] = ()) -> tuple[dict, list[list[str]]]:
    """Roots of every node and the citation loops, from successor lists, in one pass.

    An iterative Tarjan walk finds the strongly connected components in reverse topological
    order, so each component's successors are finished before it: its roots are theirs
    (shared, not copied, when there is one) or, for a component without exits, its own
    members. Loops are the components of more than one node, or with a self-loop.

    The walk starts from the nodes of *order* (which may lack successors), then from those
    of *succ*, so loops are listed in the same order however *succ* is held. Most nodes of a
    citation graph are sinks or relay finished nodes: those close at once, without the
    bookkeeping of a component.

    >>> roots, loops = roots_and_loops({"a": ["b"], "b": ["a"], "c": ["a"], "d": []})
    >>> sorted(roots["c"]), sorted(roots["d"]), loops
    (['a', 'b'], ['d'], [['a', 'b']])
    >>> roots_and_loops({"m": ["s"]}, order=["x"])[0]["x"]
    frozenset({'x'})
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    roots: dict[str, frozenset] = {}
    loops: list[list[str]] = []
    for start in chain(order, succ):
        if start in roots or start in index or _closes_at_once(start, succ, roots):
            continue
        index[start] = low[start] = len(index)
        stack.append(start)
        work = [(start, iter(succ[start]))]
        while work:
            node, nexts = work[-1]
            for nxt in nexts:
                if nxt in roots:  # finished: a component of its own, closed before
                    continue
                if nxt in index:  # visited and not finished: on the stack
                    if index[nxt] < low[node]:
                        low[node] = index[nxt]
                    continue
                if _closes_at_once(nxt, succ, roots):
                    continue
                index[nxt] = low[nxt] = len(index)
                stack.append(nxt)
                work.append((nxt, iter(succ[nxt])))
                break
            else:
                work.pop()
                if work and low[node] < low[work[-1][0]]:
                    low[work[-1][0]] = low[node]
                if low[node] == index[node]:
                    if stack[-1] is node and _closes_at_once(node, succ, roots):
                        stack.pop()  # a component of one node, without a self-loop
                    else:
                        _close_component(node, succ, stack, roots, loops)
    return roots, loops


def _closes_at_once(node, succ, roots) -> bool:
    """Give *node* its roots now if it is a sink or all its successors are finished (then
    nothing on the Tarjan stack can be reached from it: it is a component of its own)."""
    nexts = succ.get(node)
    if not nexts:
        roots[node] = frozenset((node,))
        return True
    if len(nexts) == 1:
        (nxt,) = nexts
        found = roots.get(nxt)
        if found is None:
            return False
        roots[node] = found
        return True
    exits = {}
    for nxt in nexts:
        found = roots.get(nxt)
        if found is None:
            return False
        exits[id(found)] = found
    roots[node] = _union(exits)
    return True


def _union(exits: dict) -> frozenset:
    """The roots reached through several exits: shared when there is one set of them."""
    if len(exits) == 1:
        (found,) = exits.values()
        return found
    return frozenset().union(*exits.values())


def _close_component(node, succ, stack, roots, loops) -> None:
    """Pop one finished component off the Tarjan stack and give its members their roots."""
    members = [stack.pop()]
    while members[-1] != node:
        members.append(stack.pop())
    inside = set(members)
    exits = {id(r): r for m in members for s in succ.get(m, ()) if s not in inside
             for r in (roots[s],)}
    found = _union(exits) if exits else frozenset(members)
    for m in members:
        roots[m] = found
    if len(members) > 1 or node in succ.get(node, ()):
        loops.append(_in_citation_order(inside, succ))


def _in_citation_order(inside: set, succ, budget: int = 10_000) -> list[str]:
    """A loop's members from the first by name, each citing the next and the last the
    first: a ring through them all when there is one (looked for within *budget* steps),
    else the longest cycle through the first that was found, then the others by name.

    >>> _in_citation_order({"c", "a", "b"}, {"a": ["c"], "b": ["a"], "c": ["b"]})
    ['a', 'c', 'b']
    """
    first = min(inside)

    def cited(node):
        return sorted(s for s in succ.get(node, ()) if s in inside)

    best: list[str] = [first]
    path, on_path = [first], {first}
    work = [iter(cited(first))]
    while work and budget > 0:
        budget -= 1
        for nxt in work[-1]:
            if nxt == first:
                if len(path) > len(best) or best == [first]:
                    best = list(path)
                if len(best) == len(inside):
                    return best
                continue
            if nxt not in on_path:
                on_path.add(nxt)
                path.append(nxt)
                work.append(iter(cited(nxt)))
                break
        else:
            work.pop()
            on_path.discard(path.pop())
    return best + sorted(inside - set(best))


def loop_text(loop: list[str]) -> str:
    """A loop as people read it, each member citing the next and the last the first.

    >>> loop_text(["r1#m2", "r2#m2"])
    'r1#m2 -> r2#m2 -> r1#m2'
    """
    return " -> ".join([*loop, loop[0]])


def chains_from(graph: nx.DiGraph | Mapping[str, Iterable[str]], start: str,
                limit: int = 64) -> list[list[str]]:
    """Every chain from *start* to a root (or back into a loop), at most *limit* of them.

    *graph* is a DiGraph or a mapping from each node to its successors. A node with one
    successor extends the current chain in place; a fork explores successors in order.

    >>> chains_from({"a": ["c", "b"], "b": ["d"], "c": ["a"]}, "a")
    [['a', 'b', 'd'], ['a', 'c']]
    """
    succ = graph.succ if isinstance(graph, nx.DiGraph) else graph
    chains, stack = [], [[start]]
    while stack and len(chains) < limit:
        path = stack.pop()
        node = path[-1]
        while True:
            nexts = succ.get(node, ())
            if len(nexts) == 1:
                (nxt,) = nexts
                if nxt not in path:
                    path.append(nxt)
                    node = nxt
                    continue
                nexts = ()
            nexts = [n for n in nexts if n not in path]
            if not nexts:
                chains.append(path)
            for nxt in sorted(nexts, reverse=True):
                stack.append(path + [nxt])
            break
    return chains


def digraph_from(kinds: dict[str, str], succ: Mapping[str, Iterable[str]]) -> nx.DiGraph:
    """A DiGraph over *succ* (``{node: successors}``) whose nodes are *kinds*' keys (with
    their ``kind``) first, then any other edge ends.

    The adjacency is handed to NetworkX as its own storage (``graph._adj``, which also sets
    ``_succ`` and resets its caches) instead of a call per edge: several times faster. The
    audit itself walks *succ*; this graph is built only for those who ask for it.

    >>> graph = digraph_from({"m1": "mention"}, {"m1": ["s1"]})
    >>> list(graph.nodes(data="kind")), list(graph.predecessors("s1")), graph.succ["s1"]
    ([('m1', 'mention'), ('s1', None)], ['m1'], AtlasView({}))
    """
    nodes = {n: {"kind": kind} for n, kind in kinds.items()}
    for a, targets in succ.items():
        nodes.setdefault(a, {})
        for b in targets:
            nodes.setdefault(b, {})
    adj: dict[str, dict] = {n: {} for n in nodes}
    pred: dict[str, dict] = {n: {} for n in nodes}
    for a, targets in succ.items():
        out = adj[a]
        for b in targets:
            out[b] = pred[b][a] = {}
    graph = nx.DiGraph()
    graph._node, graph._adj, graph._pred = nodes, adj, pred
    return graph

"""Pendant trees: people who hang off the network by a single tie, folded away before a betweenness search.

Someone with a single tie (a *leaf*: 39 % of a rep's network, contacts known
only to the rep) lies on no shortest path between two other people, and every
shortest path from them runs through their one contact.  So betweenness can
be computed exactly on a smaller network (the known leaf reduction, e.g.
Baglioni, Geraci, Pellegrini & Lastres 2012):

* leaves are removed, repeatedly, so whole trees hanging off the network fold
  into the person they hang from; each remaining person stands for
  ``size`` people (themselves and everyone folded into them);
* a pair of remaining people ``s, t`` stands for ``size[s] * size[t]`` pairs
  of people, whose shortest paths are those between ``s`` and ``t``: the
  weighted Brandes search of :mod:`.betweenness`;
* the pairs a person is on every path of, because one end hangs off them,
  are counted exactly (:attr:`Folding.hanging`): if the trees folded into
  ``v`` hold ``a_1 ... a_k`` people (``a`` in all) in a component of ``N``,
  ``v`` lies between each of them and the ``N - 1 - a`` people outside, and
  between two people of different trees: ``a (N - 1 - a) + (a^2 - sum a_i^2) / 2``
  pairs.  A folded person's betweenness is exactly that.

>>> import networkx as nx
>>> from workbench.network.adjacency import adjacency
>>> A, _ = adjacency(nx.star_graph(3))          # a centre and three leaves
>>> f = fold_pendants(A)
>>> f.kept.tolist(), f.size.tolist(), f.hanging.tolist()
([0], [4.0], [3.0, 0.0, 0.0, 0.0])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["Folding", "fold_pendants"]


@dataclass(frozen=True)
class Folding:
    """The network left after folding its pendant trees.

    ``kept``: the people remaining (indices into the adjacency, sorted);
    ``size``: how many people each of them stands for (themselves included);
    ``hanging``: for everyone, the unordered pairs of people they lie between
    because one end is in a tree folded into them (all of a folded person's
    betweenness; the rest of a kept person's comes from the search).
    """

    kept: np.ndarray
    size: np.ndarray
    hanging: np.ndarray


def fold_pendants(A) -> Folding:
    """Fold, round after round, every person with a single tie into their contact.

    ``A``: a symmetric adjacency without self-ties (:func:`~.adjacency.adjacency`).
    A lone pair (two people tied only to each other) stays as it is; a tree
    folds down to one or two people.

    >>> import networkx as nx
    >>> from workbench.network.adjacency import adjacency
    >>> A, _ = adjacency(nx.path_graph(5))          # 0-1-2-3-4: folds into 2
    >>> f = fold_pendants(A)
    >>> f.kept.tolist(), f.size.tolist(), f.hanging.tolist()
    ([2], [5.0], [0.0, 3.0, 4.0, 3.0, 0.0])
    """
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    A = sp.csr_matrix(A)
    n = A.shape[0]
    P = sp.csr_matrix((np.ones(A.nnz), A.indices, A.indptr), shape=(n, n))  # the ties, as 1s
    degree = np.diff(P.indptr).astype(np.int64)
    alive = np.ones(n, dtype=bool)
    size = np.ones(n)
    squares = np.zeros(n)  # sum of the squared sizes of the trees folded into each person
    index = np.arange(n, dtype=float)
    while True:
        leaves = np.flatnonzero(alive & (degree == 1))
        if len(leaves) == 0:
            break
        contact = np.rint(P[leaves] @ (index * alive)).astype(np.int64)  # the one contact still there
        leaves, contact = leaves[degree[contact] >= 2], contact[degree[contact] >= 2]  # a lone pair stays
        if len(leaves) == 0:
            break
        size += np.bincount(contact, weights=size[leaves], minlength=n)  # contacts are never leaves here
        squares += np.bincount(contact, weights=size[leaves] ** 2, minlength=n)
        degree -= np.bincount(contact, minlength=n)
        degree[leaves] = 0
        alive[leaves] = False
    _, label = connected_components(P, directed=False)
    component = np.bincount(label)[label].astype(float)
    folded = size - 1
    hanging = folded * (component - 1 - folded) + (folded ** 2 - squares) / 2
    kept = np.flatnonzero(alive)
    return Folding(kept=kept, size=size[kept], hanging=hanging)

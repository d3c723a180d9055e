"""Split the recorded page writes between workers (pure: names in, index lists out)."""

from __future__ import annotations

from collections.abc import Sequence


def assign(names: Sequence[str], workers: int) -> list[list[int]]:
    """Indexes of `names` for each of `workers` shares, in their original order.

    Writes to the same name stay in one share, in order, so Pelican's own rule for a file
    written twice (`override_output`) plays out as it would in one process. Distinct names
    are dealt out in turn, which balances well because neighbouring writes cost alike
    (an article, then the next article).
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    share_of: dict[str, int] = {}
    shares: list[list[int]] = [[] for _ in range(workers)]
    for index, name in enumerate(names):
        if name not in share_of:
            share_of[name] = len(share_of) % workers
        shares[share_of[name]].append(index)
    return shares

"""The Content-Security-Policy the pages carry, with the frames the site trusts.

`PUBLISH_CSP` is written once in publishconf.py; the hosts a page may show in a frame (a
video player) are `TRUSTED_FRAME_HOSTS`, the very list the rule book accepts frames
from, so the two can never disagree: a frame the checker lets through is one the policy
lets the browser show.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["allow_frames"]


def allow_frames(csp: str, hosts: Sequence[str]) -> str:
    """`csp` with `frame-src 'self' https://<host> ...` for `hosts` (added to the
    policy's own frame-src when it has one). No policy or no hosts: `csp` unchanged."""
    if not csp.strip() or not hosts:
        return csp
    sources = [f"https://{host}" for host in hosts]
    directives = [d.strip() for d in csp.split(";") if d.strip()]
    for index, directive in enumerate(directives):
        name, _, values = directive.partition(" ")
        if name.lower() == "frame-src":
            known = values.split()
            directives[index] = " ".join([name, *known, *(s for s in sources if s not in known)])
            break
    else:
        directives.append(" ".join(["frame-src", "'self'", *sources]))
    return "; ".join(directives)

"""The phone preview of `make devserver HOST=0.0.0.0`: which address to open on a phone on
the same network, printed with a QR code of it (`print_phone_preview`).

The machine's own addresses come from its host name and its network interfaces as the
system lists them (`lan_addresses`); nothing is sent on the network to find them.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
from collections.abc import Iterable
from typing import TextIO

import segno

WILDCARDS = {"", "0.0.0.0", "::"}


SIOCGIFADDR = 0x8915  # Linux: an interface's IPv4 address


def lan_addresses(host_name: str | None = None) -> list[str]:
    """This machine's IPv4 addresses that another device can reach (no loopback, no
    link-local), private ones first: its host name's, and (without `host_name`) its
    network interfaces'."""
    try:
        infos = socket.getaddrinfo(host_name or socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    found = {str(info[4][0]) for info in infos}
    if host_name is None:
        found.update(interface_addresses())
    usable = [a for a in found if _reachable(a)]
    return sorted(usable, key=lambda a: (not ipaddress.ip_address(a).is_private, a))


def interface_addresses() -> list[str]:
    """The IPv4 address of each network interface (Linux; elsewhere none). The socket is
    only a handle for the query: it is never connected and sends nothing."""
    try:
        import fcntl  # noqa: PLC0415  (POSIX only)

        names = [name for _, name in socket.if_nameindex()]
    except (ImportError, OSError, AttributeError):
        return []
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as handle:
        for name in names:
            request = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(handle.fileno(), SIOCGIFADDR, request)
            except OSError:  # no IPv4 address
                continue
            found.append(socket.inet_ntoa(answer[20:24]))
    return found


def _reachable(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast)


def phone_urls(host: str, port: int, addresses: Iterable[str] | None = None) -> list[str]:
    """The addresses a phone opens: every LAN address when the preview listens on all
    interfaces, the one address it listens on otherwise, none for 127.0.0.1/localhost."""
    if host in WILDCARDS:
        chosen = list(addresses) if addresses is not None else lan_addresses()
    elif host == "localhost" or _is_loopback(host):
        return []
    else:
        chosen = [host]
    return [f"http://{a}:{port}/" for a in chosen]


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def print_phone_preview(urls: list[str], out: TextIO) -> None:
    """Say what to open on a phone, with a QR code of the first address for its camera."""
    if not urls:
        out.write(
            "--- No network address found for a phone: open the preview on this computer,"
            " or start it with HOST=<this computer's address>.\n"
        )
        return
    out.write(f"--- On a phone on the same network (Wi-Fi), open: {urls[0]}\n")
    for other in urls[1:]:
        out.write(f"    or: {other}\n")
    out.write("--- or scan this code with the phone's camera:\n")
    segno.make(urls[0], error="l").terminal(out=out, compact=True)
    out.flush()

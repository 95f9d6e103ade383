"""Idle keep-alive connections kept for reuse, so repeated calls to one provider, SOAR server or splunkd
skip the TCP and TLS handshakes.

A connection is kept only after its answer was read to the end and the server did not ask to close it;
it is handed out again only to a request with the same scheme, host, port, TLS and proxy settings, and
only if it is younger than `IDLE_SECONDS` and the server has not closed it meanwhile (a socket that reads
as ready while idle has been closed or sent something unasked: either way it is not reused).
"""

import http.client
import select
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable
from typing import Callable, Optional

IDLE_SECONDS = 30.0  # under most servers' keep-alive time-out; a shorter one is caught by _closed_by_peer
PER_DESTINATION = 4  # one per concurrent request of a search's default concurrency
DESTINATIONS = 32


class ConnectionPool:
    """Idle connections by destination; thread-safe, clock injected."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._idle: OrderedDict[Hashable, list[tuple[float, http.client.HTTPConnection]]] = OrderedDict()

    def take(self, destination: Hashable) -> Optional[http.client.HTTPConnection]:
        """An idle connection to `destination` that is still usable, or None."""
        while True:
            with self._lock:
                idle = self._idle.get(destination)
                if not idle:
                    return None
                since, connection = idle.pop()
            if self._clock() - since < IDLE_SECONDS and not _closed_by_peer(connection):
                return connection
            connection.close()

    def give(self, destination: Hashable, connection: http.client.HTTPConnection) -> None:
        """Keep `connection` (its answer fully read) for the next request to `destination`."""
        surplus: list[http.client.HTTPConnection] = []
        with self._lock:
            idle = self._idle.setdefault(destination, [])
            self._idle.move_to_end(destination)
            idle.append((self._clock(), connection))
            if len(idle) > PER_DESTINATION:
                surplus.append(idle.pop(0)[1])
            while len(self._idle) > DESTINATIONS:
                surplus.extend(connection for _, connection in self._idle.popitem(last=False)[1])
        for extra in surplus:
            extra.close()

    def close_all(self) -> None:
        """Close every idle connection (a handler process ending, a test starting clean)."""
        with self._lock:
            idle = [connection for kept in self._idle.values() for _, connection in kept]
            self._idle.clear()
        for connection in idle:
            connection.close()


def _closed_by_peer(connection: http.client.HTTPConnection) -> bool:
    sock = connection.sock
    if sock is None:
        return True
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)

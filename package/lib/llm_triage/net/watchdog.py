"""One deadline for every phase of a request, not for each wait.

A socket's time-out bounds each wait for bytes, not their sum: a server that sends its status line and headers
one byte at a time, or a proxy its answer to CONNECT, held a request with a one-second time-out for half a
minute (fourteenth review, M3). The watchdog, one thread for the process, shuts a watched connection's socket
down once its request's deadline has passed; whatever the request was waiting for then ends at once, and the
request says it had no complete answer in time. What runs before there is a socket, the name lookup and
connecting, net/http.py bounds itself: the lookup on a thread of its own, a name's addresses within what is left
of the time-out, in all.
"""

import heapq
import http.client
import itertools
import socket
import threading
import time
from typing import Callable, Optional


class Watch:
    """One connection watched until its request's deadline."""

    def __init__(self, connection: http.client.HTTPConnection) -> None:
        self.connection = connection
        # The socket the answer is read from: http.client lets go of it (connection.sock = None) as soon as the
        # headers say the connection will close, and a chunked body still trickles in over it.
        self.sock: Optional[socket.socket] = None
        self.expired = False  # the deadline passed first and the socket was shut down
        self.released = False


class Watchdog:
    """Shuts down the socket of every watched connection whose deadline passes before it is released."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._condition = threading.Condition()
        self._due: list[tuple[float, int, Watch]] = []
        self._order = itertools.count()
        self._watched = 0
        self._thread: Optional[threading.Thread] = None

    def watch(self, deadline: float, connection: http.client.HTTPConnection) -> Watch:
        """Watch `connection` until `deadline` (time.monotonic) or its release."""
        watch = Watch(connection)
        with self._condition:
            heapq.heappush(self._due, (deadline, next(self._order), watch))
            self._watched += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="llm-triage-deadlines", daemon=True)
                self._thread.start()
            if self._due[0][2] is watch:  # due before any other: the thread's wait ends too late
                self._condition.notify()
        return watch

    def release(self, watch: Watch) -> bool:
        """Stop watching; False when the deadline came first and the connection is no longer usable."""
        with self._condition:
            if not watch.released:
                watch.released = True
                self._watched -= 1
                # Released watches leave the heap when they come due; many short calls with long time-outs
                # (splunkd's) would pile up meanwhile.
                if len(self._due) > 64 and len(self._due) > 4 * self._watched:
                    self._due = [entry for entry in self._due if not entry[2].released]
                    heapq.heapify(self._due)
            return not watch.expired

    def _run(self) -> None:
        with self._condition:
            while True:
                while self._due and self._due[0][2].released:
                    heapq.heappop(self._due)
                if not self._due:
                    self._condition.wait()
                    continue
                wait = self._due[0][0] - self._clock()
                if wait > 0:
                    # At most an hour at a time: a time-out of years would overflow the wait and end the thread,
                    # and with it every deadline of the process.
                    self._condition.wait(min(wait, _LONGEST_WAIT))
                    continue
                _, _, watch = heapq.heappop(self._due)
                watch.expired = True
                _shut_down(watch.connection.sock)
                _shut_down(watch.sock)


_LONGEST_WAIT = 3600.0


def _shut_down(sock: Optional[socket.socket]) -> None:
    """End every wait on `sock` now: reads see the end of the stream, writes fail. The plain socket's own
    shutdown, also under TLS (ssl's would drop its state under a thread still reading)."""
    if sock is None:
        return
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except (OSError, ValueError):  # already closed or shut down, never connected, or detached by ssl
        pass

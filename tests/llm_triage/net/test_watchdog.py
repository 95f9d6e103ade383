"""The watchdog ends a request's waits at its deadline, and only then."""

import socket
import time
from typing import Any

from llm_triage.net.watchdog import Watchdog


class Connection:
    """What the watchdog reads of an http.client connection: its socket (None before it connects)."""

    def __init__(self) -> None:
        self.sock: Any
        self.sock, self.peer = socket.socketpair()


def test_a_wait_past_the_deadline_ends_when_the_deadline_comes() -> None:
    watchdog, connection = Watchdog(), Connection()
    started = time.monotonic()
    watch = watchdog.watch(started + 0.3, connection)
    connection.sock.settimeout(5)
    assert connection.sock.recv(1) == b""  # the stream's end, at the deadline rather than after 5 s
    assert 0.25 < time.monotonic() - started < 2
    assert watch.expired and watchdog.release(watch) is False


def test_a_connection_released_in_time_is_left_alone() -> None:
    watchdog, connection = Watchdog(), Connection()
    watch = watchdog.watch(time.monotonic() + 0.2, connection)
    assert watchdog.release(watch) is True
    time.sleep(0.4)
    connection.peer.sendall(b"x")
    connection.sock.settimeout(1)
    assert connection.sock.recv(1) == b"x" and not watch.expired


def test_an_earlier_deadline_is_kept_though_a_later_one_came_first() -> None:
    watchdog, late, early = Watchdog(), Connection(), Connection()
    watchdog.watch(time.monotonic() + 30, late)
    started = time.monotonic()
    watchdog.watch(started + 0.2, early)
    early.sock.settimeout(5)
    assert early.sock.recv(1) == b"" and time.monotonic() - started < 2


def test_released_watches_do_not_pile_up() -> None:
    watchdog = Watchdog()
    connection = Connection()
    for _ in range(10_000):
        watchdog.release(watchdog.watch(time.monotonic() + 60, connection))
    assert len(watchdog._due) <= 65


def test_a_connection_not_yet_connected_is_no_failure() -> None:
    watchdog, connection = Watchdog(), Connection()
    connection.sock = None
    watch = watchdog.watch(time.monotonic(), connection)
    time.sleep(0.2)
    assert watch.expired


def test_a_deadline_too_far_to_wait_for_leaves_the_others_enforced() -> None:
    # Fifteenth review, L2: a wait of 1e10 s overflowed, ended the thread, and with it every deadline.
    watchdog, far, near = Watchdog(), Connection(), Connection()
    watchdog.watch(time.monotonic() + 1e10, far)
    time.sleep(0.1)
    started = time.monotonic()
    watchdog.watch(started + 0.2, near)
    near.sock.settimeout(5)
    assert near.sock.recv(1) == b"" and time.monotonic() - started < 2

"""Events to an index through receivers/simple: one JSON object per line, in posts of bounded size."""

import json
from typing import Optional
from urllib.parse import parse_qs, urlsplit

import pytest

from llm_triage.splunkd import index as index_events
from llm_triage.splunkd.index import IndexUnavailable, send_events
from llm_triage.splunkd.rest import SplunkdRest


class Receiver:
    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.posts: list[tuple[str, dict[str, list[str]], bytes]] = []

    def __call__(self, method: str, path: str, body: Optional[bytes]) -> tuple[int, bytes]:
        parts = urlsplit(path)
        self.posts.append((parts.path, parse_qs(parts.query), body or b""))
        return self.status, b"{}"


def test_events_go_as_json_lines_with_index_sourcetype_and_source() -> None:
    receiver = Receiver()
    events = [{"action": "inference", "n": 1}, {"action": "inference", "n": 2, "text": "a\nb"}]
    assert send_events(SplunkdRest(receiver), events, "main", "llm_triage:audit", "llm_triage:judge") == 1
    path, query, body = receiver.posts[0]
    assert path == "receivers/simple"
    assert query == {"index": ["main"], "sourcetype": ["llm_triage:audit"], "source": ["llm_triage:judge"]}
    assert [json.loads(line) for line in body.split(b"\n")] == events  # a newline inside a value stays escaped


def test_large_batches_are_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_events, "MAX_POST_BYTES", 100)
    receiver = Receiver()
    events = [{"n": n, "pad": "x" * 40} for n in range(6)]
    posts = send_events(SplunkdRest(receiver), events, "main", "st", "src")
    assert posts == len(receiver.posts) > 1
    sent = [json.loads(line) for _, _, body in receiver.posts for line in body.split(b"\n")]
    assert sent == events
    assert all(len(body) <= 100 for _, _, body in receiver.posts)


@pytest.mark.parametrize(("status", "message"), [(403, "edit_tcp"), (400, "does it exist"), (503, "answered 503")])
def test_a_refusal_says_why(status: int, message: str) -> None:
    with pytest.raises(IndexUnavailable, match=message):
        send_events(SplunkdRest(Receiver(status)), [{"n": 1}], "audit", "st", "src")


def test_an_unreachable_splunkd_is_named() -> None:
    def broken(method: str, path: str, body: Optional[bytes]) -> tuple[int, bytes]:
        raise ConnectionRefusedError("secret-free but unhelpful")

    with pytest.raises(IndexUnavailable, match="unreachable"):
        send_events(SplunkdRest(broken), [{"n": 1}], "main", "st", "src")

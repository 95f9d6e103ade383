"""The client side tests share with the JSON loopback servers and the splunkd stand-in: send a request,
read its status and decoded JSON answer, an HTTP error's included. Standard library only."""

import json
import urllib.error
import urllib.request
from typing import Any


def json_answer(request: urllib.request.Request, timeout: float = 10) -> tuple[int, Any]:
    """`request` sent: its status and JSON body, or an HTTP error's status and JSON body."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())

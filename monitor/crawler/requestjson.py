"""Requests as JSON for the shared frontier in Redis (scrapy-redis' SCHEDULER_SERIALIZER).

scrapy-redis pickles requests by default: whoever can write to Redis could then run code in
every crawler. JSON can only carry data. scrapy-redis calls `dumps` with the dict of
`Request.to_dict(spider=...)` (callbacks as spider method names) and `loads` with what Redis
returns; Scrapy's `request_from_dict` rebuilds the request.
"""

from __future__ import annotations

import json
from typing import Any

# Headers and the body are bytes; latin-1 maps every byte to one character and back, so they
# travel as JSON strings unchanged.
_BYTES = "latin-1"


class UnencodableRequest(TypeError):
    """A request carries a value JSON cannot hold (in meta or cb_kwargs, say)."""


def dumps(request: dict) -> bytes:
    """The JSON of a request's dict; `UnencodableRequest` for anything JSON cannot carry."""
    data = dict(request)
    data["headers"] = {_text(name): [_text(v) for v in values]
                       for name, values in (request.get("headers") or {}).items()}
    data["body"] = _text(request.get("body") or b"")
    _check(data, "request")
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes | str) -> dict:
    """The request dict that `dumps` encoded, headers and body as bytes again."""
    request = json.loads(data)
    request["headers"] = {name.encode(_BYTES): [v.encode(_BYTES) for v in values]
                          for name, values in request["headers"].items()}
    request["body"] = request["body"].encode(_BYTES)
    return request


def _text(value: Any) -> str:
    return value.decode(_BYTES) if isinstance(value, bytes) else str(value)


def _check(value: Any, where: str) -> None:
    # json.dumps would turn a tuple into a list and a number key into a string: the request
    # read back would differ from the one sent, so only JSON's own types pass.
    if value is None or isinstance(value, str | bool | int | float):
        return
    if isinstance(value, list):
        for i, item in enumerate(value):
            _check(item, f"{where}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise UnencodableRequest(f"{where}: key {key!r} is not a string")
            _check(item, f"{where}[{key!r}]")
        return
    raise UnencodableRequest(f"{where} is a {type(value).__name__}, which JSON cannot carry; "
                             f"requests in the shared frontier hold only JSON values")

"""A page of HSDS objects written as JSON fast, byte for byte what JsonResponse writes.

A full service nests one attribute per service code it offers (80 on
average), each carrying its taxonomy term: 50 KB of a service's 51 KB, nearly
all of it the same few hundred terms again and again. Building those
attributes as dicts and encoding a page of 100 (5 MB) was most of the page's
time. Here the list views build services with their attributes as
AttributeLinks (ids and terms, api.hsds.mapping), each term's part of an
attribute is encoded once per taxonomy, and the page is joined into HSDS's
envelope without encoding any object twice. api/tests/test_hsds_page_json.py
compares every list endpoint's pages with plain json.dumps of the plain objects.
"""

from __future__ import annotations

import json
import secrets
import threading
from json.encoder import encode_basestring_ascii  # how the encoder writes a string
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from api.hsds.mapping import AttributeLinks, attribute
from api.hsds.taxonomy import Taxonomy, Term

# Stands in for a service's attributes while the rest is encoded. A NUL is
# always written escaped, and the random part cannot come from the data.
_PLACEHOLDER = f"\x00attributes-{secrets.token_hex(16)}"
_PLACEHOLDER_JSON = json.dumps(_PLACEHOLDER)
_MARK = secrets.token_hex(16)

_lock = threading.Lock()
_tails: tuple[Taxonomy, dict[str, tuple[Term, str]]] | None = None


def dumps(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder)


def envelope_json(envelope: dict[str, Any], items: list[str]) -> str:
    """The envelope (its last key `contents`) with the objects already encoded."""
    if list(envelope)[-1] != "contents":
        raise ValueError("the objects are joined in as the envelope's last field")
    head = dumps(envelope | {"contents": []})
    return head[: -len("[]}")] + "[" + ", ".join(items) + "]}"


def object_json(body: dict[str, Any]) -> str:
    """One HSDS object built with `links=True`: the attributes of the service in it (a service,
    a full organization's service, a service_at_location's service) written from their terms."""
    service = _service_in(body)
    if service is None:
        return dumps(body)
    links: AttributeLinks = service["attributes"]
    service["attributes"] = _PLACEHOLDER
    try:
        text = dumps(body)
    finally:
        service["attributes"] = links
    return text.replace(_PLACEHOLDER_JSON, _attributes_json(links), 1)


def _service_in(body: dict[str, Any]) -> dict[str, Any] | None:
    """The service in `body` whose attributes are AttributeLinks, if any."""
    for candidate in (body, body.get("service"), *(body.get("services") or ())):
        if isinstance(candidate, dict) and isinstance(candidate.get("attributes"), AttributeLinks):
            return candidate
    return None


def _attributes_json(attributes: AttributeLinks) -> str:
    tails = _tails_of(attributes.taxonomy)
    link = encode_basestring_ascii(attributes.service_id)
    written = []
    for attribute_id, term in zip(attributes.ids, attributes.terms, strict=True):
        held = tails.get(term.id)
        tail = held[1] if held is not None and held[0] is term else _tail(term)  # (never, but exact)
        written.append(f'{{"id": {encode_basestring_ascii(attribute_id)}, "link_id": {link}, {tail}')
    return "[" + ", ".join(written) + "]"


def _tails_of(taxonomy: Taxonomy) -> dict[str, tuple[Term, str]]:
    """Each term's part of an attribute, encoded: what follows the attribute's id and its service's id."""
    global _tails
    held = _tails
    if held is None or held[0] is not taxonomy:
        with _lock:
            held = _tails = (taxonomy, {term.id: (term, _tail(term)) for term in taxonomy.by_code.values()})
    return held[1]


def _tail(term: Term) -> str:
    text = dumps(attribute(_MARK, _MARK, term))
    head = f'{{"id": "{_MARK}", "link_id": "{_MARK}", '
    if not text.startswith(head) or _MARK in text[len(head) :]:
        raise ValueError("an attribute must begin with its own id and its service's id, in that order")
    return text[len(head) :]

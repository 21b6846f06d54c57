"""Human-readable API docs rendered on the server from the OpenAPI schema.

ninja's own docs page pulls Swagger UI from a CDN, which our Content-Security-Policy
(and our rule of no third-party scripts) forbids; this page needs no script at all.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from api.v1 import api


def _type_of(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " or ".join(_type_of(option) for option in schema["anyOf"] if option.get("type") != "null")
    if schema.get("type") == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    if "enum" in schema:
        return "one of " + ", ".join(str(value) for value in schema["enum"])
    return str(schema.get("type", "any"))


@lru_cache(maxsize=1)
def operations() -> list[dict[str, Any]]:
    """The API's operations as the page lists them; the schema is fixed for the life of the process."""
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    found = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": p["name"],
                    "where": p["in"],
                    "type": _type_of(
                        {
                            **p.get("schema", {}),
                            **({"items": p["schema"]["items"]} if "items" in p.get("schema", {}) else {}),
                        }
                    ),
                    "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description", ""),
                }
                for p in operation.get("parameters", [])
            ]
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                    "responses": sorted(operation.get("responses", {}).keys()),
                }
            )
    return found


def docs(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "api/docs.html",
        {"title": api.title, "description": api.description, "operations": operations()},
    )

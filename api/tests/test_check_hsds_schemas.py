"""manage.py check_hsds_schemas: HSDS answers against a folder laid out like Open Referral's schema/."""

import json

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

OBJECTS = ("service", "organization", "location", "address", "phone", "language", "attribute", "taxonomy_term")


def schema_folder(tmp_path, *, phone_needs: str = "number"):
    """The files the command reads, each asking only for an id (a phone also for `phone_needs`)."""
    (tmp_path / "compiled").mkdir()
    page = {"type": "object", "required": ["empty", "contents"]}
    (tmp_path / "openapi.json").write_text(json.dumps({"components": {"schemas": {"Page": page}}}))
    for name in OBJECTS:
        required = ["id", phone_needs] if name == "phone" else ["id"]
        (tmp_path / f"{name}.json").write_text(json.dumps({"type": "object", "required": required}))
    for name in ("organization", "service", "service_at_location"):
        item = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "format": "uuid"}}}
        (tmp_path / "compiled" / f"{name}_list.json").write_text(json.dumps(item))
    return tmp_path


def test_valid_answers_pass_and_are_counted(tmp_path, capsys):
    call_command("check_hsds_schemas", str(schema_folder(tmp_path)))
    out = capsys.readouterr().out
    checked = int(out.split(" objects checked")[0].replace(",", ""))
    assert checked > 300 and out.strip().endswith("0 invalid")


def test_a_field_the_schema_requires_and_the_answers_lack_fails_the_check(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_status:
        call_command("check_hsds_schemas", str(schema_folder(tmp_path, phone_needs="fax_number")))
    assert exit_status.value.code == 1
    captured = capsys.readouterr()
    assert "'fax_number' is a required property" in captured.err
    assert "invalid" in captured.out and not captured.out.strip().endswith(" 0 invalid")


def test_a_folder_without_the_files_gets_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="give the schema/ folder"):
        call_command("check_hsds_schemas", str(tmp_path))


def test_the_check_is_neither_rate_limited_nor_served_from_the_cache(tmp_path, capsys, settings):
    settings.API_RATE_LIMIT, settings.API_RESPONSE_CACHE_SECONDS = 5, 300
    folder = schema_folder(tmp_path)
    for _ in range(2):
        call_command("check_hsds_schemas", str(folder))
        assert capsys.readouterr().out.strip().endswith(" 0 invalid")

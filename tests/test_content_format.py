"""The declared content format (hubgen/content_format.py): the docs tables and
the JSON Schemas come from it, validation reads through it, and the keys added
by the contract (shipping, milestone history, contact.form, summary, FAQ
updated) are checked with file:line:col messages."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

import contentkit
from hubgen import content_docs, schemas
from hubgen import content_format as spec
from hubgen.pipeline import load_hub

HUB = textwrap.dedent(contentkit.MINIMAL["hub.yaml"])

SHIPPING = """\
shipping:
  - region: EU and UK
    countries: [DE, FR, NL, GB]
    shipped: [NL]
    status: shipping
    estimate: 2026-12-15
    duties: included
    carrier: Harbourline Logistics
  - region: North America
    countries: [US, CA]
    status: packing
    estimate: 2027-01-20
    duties: backer_pays
"""


def all_records(record: spec.Record, seen=None):
    seen = seen if seen is not None else []
    if record not in seen:
        seen.append(record)
        for key in record.keys:
            if key.record is not None:
                all_records(key.record, seen)
    return seen


RECORDS = [r for top in spec.FILES.values() for r in all_records(top)]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def problems(tmp_path: Path, changes: dict) -> list[str]:
    contentkit.write_content(tmp_path, changes)
    return [d.text() for d in load_hub(Path("content")).report.sorted()]


def hub_plus(extra: str) -> dict:
    return {"hub.yaml": HUB + extra}


def line_in(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column of the nth `needle` in `text`."""
    found = 0
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            found += 1
            if found == nth:
                return number, line.index(needle) + 1
    raise AssertionError(needle)


# -- the table itself and what is derived from it ---------------------------------------

def test_every_key_has_a_one_line_doc():
    for record in RECORDS:
        assert record.doc.strip() and "\n" not in record.doc, record.what
        for key in record.keys:
            assert key.doc.strip() and "\n" not in key.doc and key.doc.endswith("."), (record.what, key.name)


def test_the_docs_tables_are_generated_from_the_format():
    text = content_docs.DOCS.read_text(encoding="utf-8")
    assert content_docs.generated(text) == text, "docs/content-format.md is stale: run python -m hubgen.content_docs"
    for file in spec.FILES:
        assert content_docs.BEGIN.format(file=file) in text, file
    # Every key, with its doc, is in the docs.
    for record in RECORDS:
        for key in record.keys:
            assert f".{key.name}` |" in text or f"| `{key.name}` |" in text, key.name
            assert key.doc in text, key.name


def test_a_changed_doc_makes_the_generated_docs_stale(monkeypatch):
    text = content_docs.DOCS.read_text(encoding="utf-8")
    changed = spec.Key("hours", spec.TEXT, "When someone answers the phone.")
    keys = tuple(changed if k.name == "hours" else k for k in spec.CONTACT.keys)
    monkeypatch.setattr(spec, "FILES", {**spec.FILES, "hub.yaml": spec.Record(
        "hub.yaml", spec.HUB.doc, tuple(spec.Key(k.name, k.type, k.doc, k.required, record=spec.Record(
            "contact", spec.CONTACT.doc, keys)) if k.name == "contact" else k for k in spec.HUB.keys))})
    assert content_docs.generated(text) != text
    assert "When someone answers the phone." in content_docs.generated(text)


def test_the_schemas_have_exactly_the_declared_keys():
    def walk(schema: dict, record: spec.Record):
        assert set(schema["properties"]) == set(record.names), record.what
        assert set(schema.get("required", [])) == set(record.required), record.what
        for key in record.keys:
            assert schema["properties"][key.name]["description"] == key.doc
            if key.type == spec.MAPPING:
                walk(schema["properties"][key.name], key.record)
            if key.type == spec.RECORDS:
                walk(schema["properties"][key.name]["items"], key.record)

    walk(schemas.load_schema("hub"), spec.HUB)
    walk(schemas.load_schema("faq")["items"], spec.FAQ_CATEGORY)
    walk(schemas.load_schema("update"), spec.UPDATE)


def test_the_colour_names_are_the_palettes():
    from hubgen.render.palette import MATERIAL_PRIMARY

    assert set(spec.COLOURS) == set(MATERIAL_PRIMARY)
    assert schemas.load_schema("hub")["properties"]["theme"]["properties"]["primary"]["enum"][:-1] == list(spec.COLOURS)


# -- new keys: valid ------------------------------------------------------------------------------

def test_shipping_regions_history_form_summary_and_faq_updated_reach_the_model(tmp_path):
    hub = HUB.replace("contact:\n  email: help@kettle.example\n",
                      "contact:\n  email: help@kettle.example\n  form: mailto\n")
    hub = hub.replace("    due: 2026-09-15\n    done: 2026-09-12\n",
                      "    due: 2026-09-15\n    done: 2026-09-12\n    history:\n"
                      "      - due: 2026-08-01\n        changed: 2026-07-20\n        update: 2026-11-18-hello\n"
                      "      - due: 2026-09-01\n        changed: 2026-08-10\n        update: 2026-11-18-hello\n")
    faq = textwrap.dedent(contentkit.MINIMAL["faq.yaml"]) + "      updated: 2026-11-01\n"
    update = textwrap.dedent(contentkit.MINIMAL["updates/2026-11-18-hello.md"]).replace(
        "date: 2026-11-18\n", "date: 2026-11-18\nsummary: Tooling is done and kettles are being made.\n")
    assert "summary:" in update
    contentkit.write_content(tmp_path, {"hub.yaml": hub + SHIPPING, "faq.yaml": faq,
                                        "updates/2026-11-18-hello.md": update})
    loaded = load_hub(Path("content"))
    assert loaded.report.diagnostics == []
    hub_model = loaded.hub
    assert hub_model.contact.form == "mailto"
    eu, america = hub_model.shipping
    assert (eu.region, eu.countries, eu.shipped, eu.status, eu.duties, eu.carrier) == (
        "EU and UK", ["DE", "FR", "NL", "GB"], ["NL"], "shipping", "included", "Harbourline Logistics")
    assert str(eu.estimate) == "2026-12-15" and america.carrier == "" and america.shipped == []
    (milestone,) = hub_model.milestones
    assert [str(m.due) for m in milestone.history] == ["2026-08-01", "2026-09-01"]
    assert str(milestone.first_due) == "2026-08-01"
    assert hub_model.updates[0].summary == "Tooling is done and kettles are being made."
    assert str(hub_model.faq[0].entries[0].updated) == "2026-11-01"


def test_contact_form_defaults_to_netlify(tmp_path):
    contentkit.write_content(tmp_path)
    assert load_hub(Path("content")).hub.contact.form == "netlify"


# -- new keys: mistakes ------------------------------------------------------------------------------

def test_an_unknown_country_code_is_named_at_its_column(tmp_path):
    text = HUB + SHIPPING.replace("[DE, FR, NL, GB]", "[DE, FR, NL, UK]")
    line, col = line_in(text, "UK]")
    assert (f"content/hub.yaml:{line}:{col}: error HUB023: 'UK' in 'countries' is not an ISO 3166-1 alpha-2 "
            "country code (the ISO code for it is 'GB')") in problems(tmp_path, {"hub.yaml": text})


def test_norway_is_a_country_even_though_yaml_reads_no_as_false(tmp_path):
    contentkit.write_content(tmp_path, hub_plus(SHIPPING.replace("[US, CA]", "[US, CA, NO]")))
    loaded = load_hub(Path("content"))
    assert loaded.report.diagnostics == []
    assert loaded.hub.shipping[1].countries == ["US", "CA", "NO"]


def test_a_lowercase_or_mistyped_country_code_gets_a_suggestion(tmp_path):
    text = HUB + SHIPPING.replace("[US, CA]", "[us, CAN]")
    found = problems(tmp_path, {"hub.yaml": text})
    assert any("'us' in 'countries' is not an ISO 3166-1 alpha-2 country code (write it in capitals: 'US')" in p
               for p in found), found
    assert any("'CAN' in 'countries'" in p and "use the two-letter code, not the three-letter one" in p
               for p in found), found


def test_a_country_in_two_regions_names_both_lines(tmp_path):
    text = HUB + SHIPPING.replace("[US, CA]", "[US, CA, DE]")
    first_line, first_col = line_in(text, "[DE, FR")
    line, col = line_in(text, "DE]")
    assert (f"content/hub.yaml:{line}:{col}: error HUB024: DE is in two shipping regions: 'EU and UK' "
            f"(at content/hub.yaml:{first_line}:{first_col + 1}) and 'North America' (here) "
            "(keep each country in one region only)") in problems(tmp_path, {"hub.yaml": text})


def test_shipped_codes_belong_to_the_region(tmp_path):
    text = HUB + SHIPPING.replace("shipped: [NL]", "shipped: [NL, US]")
    line, col = line_in(text, "US]")
    assert (f"content/hub.yaml:{line}:{col}: error HUB023: 'US' is in 'shipped' but not in this region's "
            "countries (add it to 'countries', or remove it from 'shipped')") in problems(tmp_path, {"hub.yaml": text})


def test_a_mistyped_shipping_status_and_duties_get_suggestions(tmp_path):
    text = HUB + SHIPPING.replace("status: packing", "status: packed").replace("duties: included",
                                                                                 "duties: include")
    found = problems(tmp_path, {"hub.yaml": text})
    line, col = line_in(text, "packed")
    assert f"content/hub.yaml:{line}:{col}: error HUB023: 'status' cannot be 'packed' (did you mean 'packing'?)" in found
    assert any("'duties' cannot be 'include' (did you mean 'included'?)" in p for p in found), found


HISTORY = ("    history:\n"
           "      - due: 2026-09-01\n        changed: 2026-08-10\n        update: 2026-11-18-hello\n"
           "      - due: 2026-08-01\n        changed: 2026-07-20\n        update: 2026-11-18-hello\n")


def test_history_out_of_order_names_both_entries(tmp_path):
    text = HUB.replace("    done: 2026-09-12\n", "    done: 2026-09-12\n" + HISTORY)
    first_line, first_col = line_in(text, "changed: 2026-08-10")
    line, col = line_in(text, "changed: 2026-07-20")
    assert (f"content/hub.yaml:{line}:{col + 9}: error HUB023: this move (2026-07-20) is listed after a later one "
            f"(2026-08-10, at content/hub.yaml:{first_line}:{first_col + 9}) (list the history oldest first: "
            "the earliest move at the top)") in problems(tmp_path, {"hub.yaml": text})


def test_a_mistyped_history_update_is_a_lint_warning_with_a_suggestion(tmp_path):
    """The move is a fact whatever its update says: it loads, and lint (HUB133) asks for the update."""
    from hubgen.pipeline import lint_hub

    text = HUB.replace("    done: 2026-09-12\n", "    done: 2026-09-12\n" + HISTORY.replace(
        "update: 2026-11-18-hello\n      - due: 2026-08-01\n        changed: 2026-07-20\n        update: 2026-11-18-hello",
        "update: 2026-11-18-helo\n      - due: 2026-08-01\n        changed: 2026-08-20\n        update: 2026-11-18-hello"))
    assert problems(tmp_path, {"hub.yaml": text}) == []
    line, col = line_in(text, "2026-11-18-helo\n".strip())
    found = [d.text() for d in lint_hub(load_hub(Path("content"))).sorted()]
    assert (f"content/hub.yaml:{line}:{col}: warning HUB133: the move of 'Surveys sent' from 2026-09-01 names the "
            "update '2026-11-18-helo', which does not exist (did you mean '2026-11-18-hello'?)") in " ".join(found), found


def test_contact_form_must_be_one_of_three(tmp_path):
    text = HUB.replace("  email: help@kettle.example\n", "  email: help@kettle.example\n  form: netlfy\n")
    line, col = line_in(text, "netlfy")
    assert (f"content/hub.yaml:{line}:{col}: error HUB023: 'form' cannot be 'netlfy' (did you mean 'netlify'?)"
            in problems(tmp_path, {"hub.yaml": text}))


def test_an_update_summary_is_one_line(tmp_path):
    update = ("---\ntitle: Hello backers\ndate: 2026-11-18\nsummary: |\n  Tooling is done.\n  Kettles next.\n"
              "---\nBody.\n")
    assert ("content/updates/2026-11-18-hello.md:5:3: error HUB023: 'summary' must be one line (join its lines, "
            "or move the rest into the body)") in problems(tmp_path, {"updates/2026-11-18-hello.md": update})


def test_a_faq_updated_date_that_does_not_exist(tmp_path):
    faq = textwrap.dedent(contentkit.MINIMAL["faq.yaml"]) + "      updated: 2026-04-31\n"
    line, _ = line_in(faq, "updated:")
    assert (f"content/faq.yaml:{line}:16: error HUB023: 'updated' is not a valid date: April 2026 has no day 31 "
            "(in 2026-04-31) (check the day: the last day of April 2026 is 2026-04-30)") in problems(
        tmp_path, {"faq.yaml": faq})


# -- validator fixes (#16) ---------------------------------------------------------------------

def test_every_problem_of_a_milestone_is_reported_not_just_the_first(tmp_path):
    text = HUB.replace("    due: 2026-09-15\n    done: 2026-09-12\n", "    due: soon\n    done: 2026-02-30\n    notes: x\n")
    found = problems(tmp_path, {"hub.yaml": text})
    assert any("'due' is not a valid date: 'soon'" in p for p in found), found
    assert any("'done' is not a valid date: February 2026 has no day 30" in p for p in found), found
    assert any("unknown key 'notes' in milestone (did you mean 'note'?)" in p for p in found), found


def test_every_problem_of_a_misnamed_update_is_reported(tmp_path):
    found = problems(tmp_path, {"updates/hello.md": "---\ntitle: Hi\nvisiblity: backers\n---\nBody.\n"})
    assert any("update file name 'hello.md' is not YYYY-MM-DD-slug.md" in p for p in found), found
    assert any("content/updates/hello.md:3:1: error HUB022: unknown key 'visiblity' in update front matter "
               "(did you mean 'visibility'?)" in p for p in found), found


def test_questions_without_text_do_not_cascade_into_duplicate_ids(tmp_path):
    faq = ("- category: Shipping\n  questions:\n    - a: First answer.\n    - a: Second answer.\n"
           "    - q: Where is section 2?\n      a: Here.\n")
    found = problems(tmp_path, {"faq.yaml": faq})
    assert [p.split(": error ")[1] for p in found] == ["HUB020: FAQ entry needs 'q' (add 'q:' with some text)"] * 2
    assert "duplicate" not in " ".join(found) and "'section'" not in " ".join(found)


def test_the_refund_policy_takes_no_title(tmp_path):
    policy = "---\ntitle: Our refunds\nupdated: 2026-10-01\n---\nWe refund within 30 days.\n"
    assert ("content/refund-policy.md:2:1: error HUB022: unknown key 'title' in refund policy front matter "
            "(allowed keys: updated, refund_terms, window_days)") in problems(tmp_path, {"refund-policy.md": policy})


def test_generated_schema_agrees_with_validation_on_new_keys(tmp_path):
    from hubgen.load import parse_yaml

    validator = Draft202012Validator(schemas.load_schema("hub"), format_checker=FormatChecker())
    good = HUB + SHIPPING
    bad = HUB + SHIPPING.replace("[DE, FR, NL, GB]", "[DE, FR, NL, UK]").replace("status: packing", "status: packed")
    assert list(validator.iter_errors(schemas.as_json(parse_yaml(good)))) == []
    assert len(list(validator.iter_errors(schemas.as_json(parse_yaml(bad))))) == 2
    assert problems(tmp_path, {"hub.yaml": good}) == []


def test_every_field_of_the_typed_model_has_a_one_line_doc():
    import ast
    import inspect

    from hubgen import model

    source = inspect.getsource(model)
    lines = source.splitlines()
    undocumented = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and "#:" not in lines[item.lineno - 1]:
                    undocumented.append(f"{node.name}.{item.target.id}")
    assert undocumented == []

"""`hubgen lint` and `hubgen rules` as CI and creators use them: formats, options,
exit codes, settings.lint and inline ignores."""

from __future__ import annotations

import json
import textwrap

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from conftest import REPO, run_hubgen
from contentkit import MINIMAL, write_content

TODAY = "2026-11-20"
SARIF_SCHEMA = REPO / "node_modules" / "@microsoft" / "jest-sarif" / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json"
LINT_REPORT_SCHEMA = REPO / "hubgen" / "schemas" / "lint-report.schema.json"
HUB = textwrap.dedent(MINIMAL["hub.yaml"])
# One error (HUB111) and one warning (HUB112), with characters annotations must escape.
TROUBLED = {"hub.yaml": HUB.replace("email: help@kettle.example", "email: 'help@kettle, 100%: yes'")
            .replace("  response_time: within 2 days\n", "")}


def lint(tmp_path, *args, changes=None):
    write_content(tmp_path, TROUBLED if changes is None else changes)
    return run_hubgen("lint", "content", "--today", TODAY, *args, cwd=tmp_path)


def test_text_names_file_line_code_and_fix_and_exits_1_on_errors(tmp_path):
    result = lint(tmp_path)
    assert result.returncode == 1
    assert ("content/hub.yaml:8:10: error HUB111: 'help@kettle, 100%: yes' is not an email address "
            "(write it as name@example.com)") in result.stdout
    assert "content/hub.yaml:8:3: warning HUB112:" in result.stdout
    assert result.stdout.rstrip().endswith("1 error(s), 1 warning(s).")
    assert "Traceback" not in result.stderr


def test_warnings_alone_exit_0_unless_fail_on_warning(tmp_path):
    changes = {"hub.yaml": HUB.replace("  response_time: within 2 days\n", "")}
    assert lint(tmp_path, changes=changes).returncode == 0
    assert lint(tmp_path, "--fail-on", "warning", changes=changes).returncode == 1


def test_select_and_ignore_take_codes_and_prefixes(tmp_path):
    only_warning = lint(tmp_path, "--select", "HUB112")
    assert only_warning.returncode == 0 and "HUB111" not in only_warning.stdout
    assert "HUB112" in only_warning.stdout
    no_contact_rules = lint(tmp_path, "--ignore", "HUB11")
    assert no_contact_rules.returncode == 0
    assert "HUB11" not in no_contact_rules.stdout


def test_unknown_code_is_a_usage_error_with_a_suggestion(tmp_path):
    result = lint(tmp_path, "--select", "HUB1111")
    assert result.returncode == 2
    assert "--select HUB1111: no rule has this code; did you mean HUB111?" in result.stderr


def test_lint_writes_nothing(tmp_path):
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    write_content(tmp_path, TROUBLED)
    files = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    lint(tmp_path)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == files != before


def test_json_follows_its_documented_schema(tmp_path):
    result = lint(tmp_path, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)  # nothing but JSON on stdout
    Draft202012Validator(json.loads(LINT_REPORT_SCHEMA.read_text())).validate(report)
    assert report["summary"] == {"errors": 1, "warnings": 1}
    error = report["diagnostics"][1]  # file order: the contact block (8:3), then its email value (8:10)
    assert error == {"code": "HUB111", "rule": "contact-email-invalid", "severity": "error",
                     "message": "'help@kettle, 100%: yes' is not an email address",
                     "fix": "write it as name@example.com", "path": "content/hub.yaml", "line": 8, "column": 10}


def test_github_annotations_escape_what_workflow_commands_need(tmp_path):
    result = lint(tmp_path, "--format", "github")
    lines = result.stdout.splitlines()
    assert lines[1] == ("::error file=content/hub.yaml,line=8,col=10,title=HUB111 contact-email-invalid::"
                        "'help@kettle, 100%25: yes' is not an email address (write it as name@example.com)")
    assert lines[0].startswith("::warning file=content/hub.yaml,line=8,col=3,title=HUB112 ")
    assert len(lines) == 2 and result.returncode == 1


def test_github_property_escaping_of_commas_and_colons(tmp_path):
    from hubgen.diagnostics import Diagnostic, Location
    from hubgen.lint.output import as_github

    line = as_github([Diagnostic("HUB160", "a\nb", Location("we,ird:name.md", 3))])
    assert line == "::error file=we%2Cird%3Aname.md,line=3,title=HUB160 link-broken::a%0Ab\n"


@pytest.mark.usefixtures("node_modules")  # the schema comes from npm
def test_sarif_is_valid_2_1_0_with_rules_and_repo_relative_regions(tmp_path):
    assert SARIF_SCHEMA.is_file(), "the SARIF schema is missing: run `npm install` in the repository"
    result = lint(tmp_path, "--format", "sarif")
    log = json.loads(result.stdout)
    errors = [e.message for e in Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).iter_errors(log)]
    assert errors == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_id = {rule["id"]: rule for rule in rules}
    assert {"HUB010", "HUB111", "HUB160"} <= set(by_id)
    assert by_id["HUB111"]["help"]["text"] and by_id["HUB111"]["defaultConfiguration"]["level"] == "error"
    (error,) = [r for r in run["results"] if r["level"] == "error"]
    assert rules[error["ruleIndex"]]["id"] == error["ruleId"] == "HUB111"
    location = error["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "content/hub.yaml"
    assert location["region"] == {"startLine": 8, "startColumn": 10}


def test_settings_lint_ignores_and_changes_severity(tmp_path):
    # No response time (HUB112, a warning) and a link to a page the hub does not have (HUB160, an error).
    update = "---\ntitle: Hello backers\ndate: 2026-11-18\n---\nSee the [old page](/gone/).\n"
    changes = {"hub.yaml": TROUBLED["hub.yaml"].replace("'help@kettle, 100%: yes'", "help@kettle.example")
               + "settings:\n  lint:\n    ignore: [HUB112]\n    severity:\n      HUB160: warning\n",
               "updates/2026-11-18-hello.md": update}
    result = lint(tmp_path, changes=changes)
    assert result.returncode == 0, result.stdout
    assert "warning HUB160" in result.stdout and "HUB112" not in result.stdout


def test_settings_lint_cannot_turn_down_a_rule_that_keeps_backers_safe(tmp_path):
    """A broken address would let a form send every backer's message elsewhere: HUB111 stays an error."""
    hub = TROUBLED["hub.yaml"] + "settings:\n  lint:\n    severity:\n      HUB111: warning\n"
    result = lint(tmp_path, changes={"hub.yaml": hub})
    assert result.returncode == 1
    assert "content/hub.yaml:8:10: error HUB111: 'help@kettle, 100%: yes' is not an email address" in result.stdout
    assert ("content/hub.yaml:28:3: error HUB023: settings.lint names 'HUB111', which cannot be turned off or "
            "down (remove 'HUB111' from settings.lint and fix the content it reports)") in result.stdout


def test_settings_lint_with_an_unknown_code_points_at_it(tmp_path):
    hub = HUB + "settings:\n  lint:\n    ignore: [HUB999]\n"
    result = lint(tmp_path, changes={"hub.yaml": hub})
    assert result.returncode == 1
    assert "content/hub.yaml:29:3: error HUB023: settings.lint names 'HUB999', which is not a lint rule" \
        in result.stdout


def test_inline_ignore_in_yaml_silences_one_entry(tmp_path):
    hub = HUB.replace("pledge_states:\n  - id: collected", "pledge_states:\n  # hubgen: ignore HUB153\n"
                      "  - id: collected").replace("next: [locked]", "next: [locked]\n  - id: refunded\n"
                                                   "    label: Refunded\n    description: Money back.")
    faq = textwrap.dedent(MINIMAL["faq.yaml"]).replace("[collected, locked]", "[locked]")
    result = lint(tmp_path, changes={"hub.yaml": hub, "faq.yaml": faq})
    assert "'collected'" not in result.stdout  # silenced where it was written
    assert "warning HUB153: no FAQ entry is about pledge state 'refunded'" in result.stdout  # not this one


def test_inline_ignore_in_markdown_silences_that_file(tmp_path):
    body = "---\ntitle: Hi\n---\n<!-- hubgen: ignore HUB160 -->\nSee [old page](/gone/).\n"
    changes = {"updates/2026-11-18-hello.md": body, "updates/2026-11-19-other.md": body.replace(
        "<!-- hubgen: ignore HUB160 -->\n", "").replace("Hi", "Other")}
    result = lint(tmp_path, changes=changes)
    assert "2026-11-18-hello.md" not in result.stdout
    assert "content/updates/2026-11-19-other.md:4:16: error HUB160" in result.stdout


def test_build_fails_on_lint_errors_and_prints_warnings(tmp_path):
    write_content(tmp_path, TROUBLED)
    failed = run_hubgen("build", "content", "--today", TODAY, cwd=tmp_path)
    assert failed.returncode == 1 and "HUB111" in failed.stderr and not (tmp_path / "site").exists()
    write_content(tmp_path, {"hub.yaml": HUB.replace("  response_time: within 2 days\n", "")})
    built = run_hubgen("build", "content", "--today", TODAY, cwd=tmp_path)
    assert built.returncode == 0 and "warning HUB112" in built.stderr
    strict = run_hubgen("build", "content", "--today", TODAY, "--strict", "-o", "strict", cwd=tmp_path)
    assert strict.returncode == 1 and not (tmp_path / "strict").exists()


def test_rules_lists_every_code_and_explains_one():
    listing = run_hubgen("rules")
    assert listing.returncode == 0
    codes = [line.split()[0] for line in listing.stdout.splitlines()]
    assert codes == sorted(codes) and {"HUB001", "HUB101", "HUB160"} <= set(codes)
    explained = run_hubgen("rules", "hub130")
    assert explained.returncode == 0
    assert explained.stdout.startswith("HUB130 milestone-overdue (warning by default)")
    assert "Bad:" in explained.stdout and "Good:" in explained.stdout
    assert run_hubgen("rules", "HUB999").returncode == 2


@pytest.mark.parametrize("code", ["HUB101", "HUB120", "HUB160"])
def test_docs_rules_page_is_generated_from_the_catalogue(code):
    from hubgen.lint import load_catalogue
    from hubgen.lint.docs import rules_markdown

    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_markdown(load_catalogue()), "docs/rules.md is stale: run `python -m hubgen.lint.docs`"
    assert f"## {code} " in page


def test_the_example_workflow_lint_steps_run_on_the_example_hub():
    import shlex

    import yaml

    workflow = yaml.safe_load((REPO / ".github/workflows/hub.yml").read_text(encoding="utf-8"))
    commands = [s["run"] for s in workflow["jobs"]["hub"]["steps"] if s.get("run", "").startswith("hubgen lint")]
    assert len(commands) == 2
    for command in commands:
        args = shlex.split(command.split(">")[0])[1:]
        result = run_hubgen(*args, "--today", "2026-11-23", cwd=REPO)
        assert result.returncode == 0, result.stdout + result.stderr
        if "sarif" in args:
            assert json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
        else:
            assert result.stdout == ""  # a clean hub: no annotations

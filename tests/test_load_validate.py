"""Loading and validation: every problem names file:line and says how to fix it."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

import contentkit
from hubgen.errors import UnreadableInput, UsageError
from hubgen.pipeline import lint_hub, load_hub


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    # Paths in messages are shown as the user typed the content folder.
    monkeypatch.chdir(tmp_path)


def write_content(root: Path, changes=None) -> Path:
    contentkit.write_content(root, changes)
    return Path("content")


def problems(content: Path) -> list[str]:
    return [d.text() for d in load_hub(content).report.sorted()]


def test_minimal_content_loads_into_the_model(tmp_path):
    loaded = load_hub(write_content(tmp_path))
    hub = loaded.hub
    assert loaded.report.diagnostics == []
    assert hub.project.name == "Test Kettle"
    assert hub.project.site_url == "https://help.kettle.example/"
    assert [s.id for s in hub.pledge_states] == ["collected", "locked"]
    assert hub.pledge_states[1].cannot_change == ["items"]
    assert hub.faq[0].entries[0].id == "when-ship"
    assert hub.faq[0].entries[0].where.line == 3
    assert hub.refund_policy.window_days == 30
    assert hub.refund_policy.updated == dt.date(2026, 10, 1)
    assert hub.updates[0].slug == "2026-11-18-hello"
    assert hub.updates[0].visibility == "public"
    assert hub.milestones[0].done == dt.date(2026, 9, 12)
    assert hub.contact.routing[0].contact == "help@kettle.example"  # "creator" means contact.email


def test_faq_id_defaults_to_a_slug_of_the_question(tmp_path):
    content = write_content(tmp_path, {"faq.yaml": """\
        - category: Money
          questions:
            - q: Can I get a refund?
              a: Yes.
        """})
    assert load_hub(content).hub.faq[0].entries[0].id == "can-i-get-a-refund"


def test_yaml_syntax_error_names_the_line(tmp_path):
    content = write_content(tmp_path, {"faq.yaml": "- category: Shipping\n  questions: [\n"})
    (message,) = problems(content)
    assert message.startswith("content/faq.yaml:3:")
    assert "HUB010" in message


def test_yaml_aliases_are_refused(tmp_path):
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    content = write_content(tmp_path, {"faq.yaml": bomb})
    (message,) = problems(content)
    assert message.startswith("content/faq.yaml:1:4:")  # where the reused anchor is
    assert "aliases" in message and "write the value out in full" in message


def test_python_tags_are_refused_and_never_run(tmp_path):
    marker = tmp_path / "pwned"
    content = write_content(tmp_path, {
        "faq.yaml": f"- !!python/object/apply:os.system ['touch {marker}']\n"})
    (message,) = problems(content)
    assert "content/faq.yaml:1:" in message and "not allowed" in message
    assert not marker.exists()


def test_duplicate_key_is_an_error_with_its_line(tmp_path):
    content = write_content(tmp_path, {"updates/2026-11-18-hello.md": """\
        ---
        title: One
        title: Two
        ---
        Body.
        """})
    (message,) = problems(content)
    assert message.startswith("content/updates/2026-11-18-hello.md:3:")
    assert "duplicate key 'title'" in message


def test_misspelt_visibility_is_an_error_not_a_public_update(tmp_path):
    content = write_content(tmp_path, {"updates/2026-11-18-hello.md": """\
        ---
        title: Secret
        visiblity: backers
        ---
        Body.
        """})
    (message,) = problems(content)
    assert message.startswith("content/updates/2026-11-18-hello.md:3:")
    assert "unknown key 'visiblity'" in message and "did you mean 'visibility'?" in message


def test_wrong_types_are_reported_with_the_fix(tmp_path):
    hub_yaml = textwrap.dedent(contentkit.MINIMAL["hub.yaml"]) + "settings:\n  stale_after_days: soon\n"
    content = write_content(tmp_path, {"hub.yaml": hub_yaml})
    (message,) = problems(content)
    assert "'stale_after_days' must be a whole number" in message
    assert "write for example 'stale_after_days: 14'" in message


def test_impossible_date_is_reported(tmp_path):
    content = write_content(tmp_path, {"updates/2026-11-18-hello.md": """\
        ---
        title: Hi
        date: 2026-13-45
        ---
        Body.
        """})
    (message,) = problems(content)
    assert message.startswith("content/updates/2026-11-18-hello.md:3:")
    assert "not a valid date" in message and "YYYY-MM-DD" in message


def test_missing_required_fields_are_all_reported_at_once(tmp_path):
    content = write_content(tmp_path, {"faq.yaml": """\
        - category: Shipping
          questions:
            - id: a
              q: First?
            - id: b
              a: Answer without a question.
        """})
    found = [d.text() for d in lint_hub(load_hub(content)).sorted() if d.severity == "error"]
    assert len(found) == 2
    # A missing answer is a lint finding (it also catches "TODO" answers).
    assert "content/faq.yaml:3:7: error HUB140: 'First?' has no answer" in found[0]
    assert "content/faq.yaml:5:7: error HUB020: FAQ entry needs 'q'" in found[1]


def test_duplicate_faq_id_points_at_the_first(tmp_path):
    content = write_content(tmp_path, {"faq.yaml": """\
        - category: Shipping
          questions:
            - id: same
              q: One?
              a: One.
            - id: same
              q: Two?
              a: Two.
        """})
    (message,) = problems(content)
    assert message.startswith("content/faq.yaml:6:")
    assert "duplicate FAQ id 'same' (first at content/faq.yaml:3:" in message


def test_unclosed_front_matter(tmp_path):
    content = write_content(tmp_path, {"updates/2026-11-18-hello.md": "---\ntitle: Hi\nno end\n"})
    (message,) = problems(content)
    assert "front matter is not closed" in message


def test_badly_named_update_file(tmp_path):
    content = write_content(tmp_path, {"updates/hello world.md": "---\ntitle: x\n---\n"})
    (message,) = problems(content)
    assert "content/updates/hello world.md:1: error HUB025" in message
    assert "YYYY-MM-DD-slug.md" in message


def test_missing_hub_yaml(tmp_path):
    content = write_content(tmp_path, {"hub.yaml": None})
    found = problems(content)
    assert any(f.startswith("content/hub.yaml: error HUB004: hub.yaml is missing") for f in found)


def test_non_utf8_file_is_unreadable_input(tmp_path):
    content = write_content(tmp_path, {"faq.yaml": b"- category: Caf\xe9\n"})
    with pytest.raises(UnreadableInput) as caught:
        load_hub(content)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.text().startswith("content/faq.yaml:1:")
    assert "not valid UTF-8" in diagnostic.text()


def test_binary_file_is_unreadable_input(tmp_path):
    content = write_content(tmp_path, {"refund-policy.md": b"\x89PNG\r\n\x1a\n\0\0\0"})
    with pytest.raises(UnreadableInput) as caught:
        load_hub(content)
    assert "binary file" in caught.value.diagnostics[0].text()


def test_missing_content_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="no such content folder"):
        load_hub(tmp_path / "nope")


def lint_texts(content: Path) -> list[str]:
    return [d.text() for d in lint_hub(load_hub(content), today=dt.date.fromisoformat(contentkit.TODAY)).sorted()]


@pytest.mark.parametrize("hub_text", ["", "- project\n- contact\n", "just some words\n"])
def test_an_empty_or_shapeless_hub_yaml_is_the_only_problem_reported(tmp_path, hub_text):
    """Rules would report every hole it leaves (no states, no contact) before the one real mistake."""
    found = lint_texts(write_content(tmp_path, {"hub.yaml": hub_text}))
    assert found, "an empty hub.yaml must be reported"
    assert all(line.startswith("content/hub.yaml:") for line in found), found
    assert not any(" HUB1" in line for line in found), found


def test_a_misspelled_key_is_one_mistake_not_also_a_missing_key(tmp_path):
    hub = textwrap.dedent(contentkit.MINIMAL["hub.yaml"]).replace("  response_time:", "  respone_time:")
    found = lint_texts(write_content(tmp_path, {"hub.yaml": hub}))
    assert found == ["content/hub.yaml:9:3: error HUB022: unknown key 'respone_time' in contact "
                     "(did you mean 'response_time'?)"], found


def test_front_matter_without_its_dashes_says_so(tmp_path):
    update = "title: Boxes are packed\ndate: 2026-11-18\n\nWe packed the first 400 boxes.\n"
    found = problems(write_content(tmp_path, {"updates/2026-11-18-hello.md": update}))
    assert found == ["content/updates/2026-11-18-hello.md:1: error HUB011: the front matter has no --- lines "
                     "around it (put a line holding only --- above the first key and another below the last)"], found


def _positions(value):
    """A parsed YAML value with every line and column it remembers, comparable with ==."""
    if isinstance(value, dict):
        return ("map", value.line, value.col, value.key_pos, value.value_pos,
                [(k, _positions(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", value.line, value.col, value.item_pos, [_positions(v) for v in value])
    return (type(value).__name__, value)


def test_quick_yaml_construction_keeps_every_line_and_value_pyyaml_gives(monkeypatch):
    # Loading builds plain YAML in one direct walk (load._QuickConstruction); the
    # line numbers in every message come from it, so it must agree with PyYAML's
    # own construction on real content: block scalars, flow lists, quoted text,
    # dates, numbers, empty values, comments and front matter offsets.
    from hubgen import load

    repo = Path(__file__).resolve().parent.parent
    texts = [(repo / "content" / name).read_text(encoding="utf-8") for name in ("hub.yaml", "faq.yaml")]
    texts.append(textwrap.dedent("""\
        project: {name: "Kettle: the \\"big\\" one", started: 2026-02-30, backers: 1_204, ratio: .5}
        empty:
        on: yes
        'quoted key': |
          first line
            indented
        folded: >-
          one
          two
        list:
          - - nested
            - [a, b, {c: d}]
          - ~
        """))
    quick = [_positions(load.parse_yaml(text, 4)) for text in texts]

    def thorough(self, node, depth):
        raise load._Unusual
    monkeypatch.setattr(load._QuickConstruction, "value", thorough)
    assert quick == [_positions(load.parse_yaml(text, 4)) for text in texts]


def test_loading_again_in_one_process_reads_each_edit(tmp_path):
    # `hubgen serve` loads the folder again on every save, in one process, and
    # keeps parsed YAML by each file's text: an edit must show at once, a file
    # edited back must read as before, and two files with the same text each
    # keep their own name in messages.
    content = write_content(tmp_path)
    faq = content / "faq.yaml"
    original = faq.read_text()
    assert problems(content) == []
    assert load_hub(content).hub.faq[0].entries[0].question == "When will my kettle ship?"
    faq.write_text(original.replace("When will my kettle ship?", "When does my kettle ship?"))
    assert load_hub(content).hub.faq[0].entries[0].question == "When does my kettle ship?"
    faq.write_text(original.replace("keywords: [delivery]", "keywords: [delivery]\n      q: Again?"))
    broken = problems(content)
    assert len(broken) == 1 and broken[0].startswith("content/faq.yaml:7:") and "duplicate key 'q'" in broken[0]
    faq.write_text(original)
    assert problems(content) == []
    for name in ("2026-11-20-one.md", "2026-11-21-two.md"):
        (content / "updates" / name).write_text("---\ntitle: Same\ndate: 2026-11-20\ndate: 2026-11-21\n---\nBody.\n")
    twice = problems(content)
    assert [m.split(":")[0] for m in twice] == ["content/updates/2026-11-20-one.md",
                                                 "content/updates/2026-11-21-two.md"], twice


def _parse_outcome(parse, text: str, line_offset: int):
    from hubgen import load

    try:
        return "parsed", _positions(parse(text, line_offset))
    except load._YamlProblem as problem:
        return "problem", problem.message, problem.line, problem.col, problem.fix


# What creators type into faq.yaml, well or badly: new entries and categories,
# quotes and brackets left open, a "- " that lands at the start of a line,
# anchors, tabs, Windows line ends, a stray document marker.
_YAML_PIECES = ["\n- category: Extra\n  questions:\n    - id: extra\n      q: Extra?\n      a: Yes.\n",
                "\n    - id: more\n      q: More?\n      a: |\n        Text\n\n        more text\n",
                "\n- ", "- ", '"', "'", "[", "]", "{", "}", " # note", "|", ">", ": ", "  ", "\n", "&a ", "*a ",
                "\t", "\r\n", "\n---\n", "\n...\n", "\n- |\n", "\u2028", "\\", "?", "!!str ", "-", "\n-\n"]


# Lists whose items cannot be told apart by their "- " lines alone: a quoted value
# or a flow list carried over a "- " line, an alias to another item's anchor, block
# scalars, comments, empty items, markers, Windows line ends.
_TRICKY_LISTS = [
    '- a: "x\n- y"\n- b\n', "- a: 'x\n- y'\n- b\n", '- a: "x\\\n- y"\n- b\n', "- [a,\n- b]\n- c\n",
    "- {a: 1,\n- b: 2}\n- c\n", "- &x a\n- *x\n", "- |\n- foo\n- bar\n", "- a: |\n- foo\n- b\n",
    "- a: 1\n  a: 2\n- b\n", "# c\n- a\n# d\n- b\n", "- a\r\n- b\r\n", "- a\n-\n- b\n", "- a\n---\n- b\n",
    "- a\n- b\n...\n", "- a:\n  - x\n- - y\n  - z\n", "- ? a\n  : b\n- c\n", "- !foo a\n- b\n",
    "- a\n- b\n\t\n", "- a\rb\n- c\n", "- a\u2028- b\n- c\n", "- a\nb\n- c\n",
]


@pytest.mark.parametrize("text", _TRICKY_LISTS)
def test_a_list_parsed_item_by_item_is_the_list_parsed_whole(text):
    from hubgen import load

    assert _parse_outcome(load._parse_in_items, text, 3) == _parse_outcome(load.parse_yaml, text, 3)


def test_yaml_parsed_item_by_item_is_the_yaml_parsed_whole():
    """A top-level list (faq.yaml's categories) is parsed one item at a time, each
    kept by its text (load._parse_in_items: a save reparses one category). Over a
    run of random edits, with the kept items of every earlier text at hand, each
    text gives exactly what parsing it whole gives: every value, line and column,
    or the same problem at the same place."""
    import random

    from hubgen import load

    repo = Path(__file__).resolve().parent.parent
    base = (repo / "content" / "faq.yaml").read_text(encoding="utf-8")
    rng = random.Random(1119)
    text, good, outcomes = base, base, []
    for step in range(600):
        if rng.random() < 0.6:  # mostly one edit away from content that parses
            text = good
        at = rng.randrange(len(text) + 1)
        if rng.random() < 0.3:  # often at a line's start, where the split happens
            at = text.rfind("\n", 0, at) + 1
        choice = rng.random()
        if choice < 0.5:
            text = text[:at] + rng.choice(_YAML_PIECES) + text[at:]
        elif choice < 0.8:
            text = text[:at] + text[at + rng.randint(1, 30):]
        else:  # a word changed in an answer: the edit hubgen serve sees most
            text = text[:at] + rng.choice(["kettle", "parcel", "ñ", "🙂", "x"]) + text[at:]
        offset = rng.choice([0, 1])
        whole = _parse_outcome(load.parse_yaml, text, offset)
        assert _parse_outcome(load._parse_in_items, text, offset) == whole, repr(text)
        outcomes.append(whole[0])
        if whole[0] == "parsed":
            good = text
    # Both kinds were met, many times over.
    assert outcomes.count("parsed") > 100 and outcomes.count("problem") > 100, outcomes.count("parsed")

"""Incremental builds (render/incremental.py) give the same site, byte for byte, as
clean ones: after random sequences of the edits creators make, `hubgen build`
into its previous site and `hubgen serve`'s in-place update are compared with a
clean build of the same content. And they really skip work: an edit renders
only the pages it touches."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import SOURCE_DATE_EPOCH, run_hubgen, run_hubgen_process
from sitewalk import tree
from hubgen.pipeline import build_site, lint_hub, load_hub, update_site_in_place
from hubgen.render.incremental import CACHE_FOLDER, manifest_file

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch):
    # The sitemap's gzip header carries the build time: two builds must agree on it.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)


def differences(a: Path, b: Path) -> list[str]:
    left, right = tree(a), tree(b)
    return sorted(path for path in left.keys() | right.keys() if left.get(path) != right.get(path))


# -- the edits a creator makes between two builds, written in our own words ----------------

SENTENCES = [
    "We double-checked this with the courier on Tuesday.",
    "If anything here is unclear, write to us and we will answer within two days.",
    "Backers in the EU pay no extra import VAT: it was collected with the pledge.",
    "The lids ship in a separate box, so two parcels may arrive a few days apart.",
    "Our warehouse closes over the New Year holiday; parcels resume on 4 January.",
    "Yes, the enamel is food safe and free of lead — tested by an outside lab.",
    "You can still add a spare gasket in the pledge manager until it locks.",
]
TAGS = ["production", "shipping", "surveys", "delays", "quality"]


class Creator:
    """Edits a copy of the example content the way a creator would, at random."""

    def __init__(self, content: Path, rng: random.Random):
        self.content, self.rng = content, rng
        self.new_updates = 0

    # faq.yaml
    def _faq(self) -> list:
        return yaml.safe_load((self.content / "faq.yaml").read_text(encoding="utf-8"))

    def _save_faq(self, categories: list) -> None:
        (self.content / "faq.yaml").write_text(yaml.safe_dump(categories, allow_unicode=True, sort_keys=False),
                                               encoding="utf-8")

    def _entries(self, categories: list) -> list:
        return [entry for category in categories for entry in category["questions"]]

    def reword_an_answer(self) -> str:
        categories = self._faq()
        entry = self.rng.choice(self._entries(categories))
        entry["a"] = entry["a"].rstrip() + "\n\n" + self.rng.choice(SENTENCES) + "\n"
        self._save_faq(categories)
        return f"faq answer {entry['id']}"

    def add_a_question(self) -> str:
        categories = self._faq()
        number = self.rng.randrange(10**6)
        self.rng.choice(categories)["questions"].append({
            "id": f"extra-{number}", "q": f"Can I collect my kettle in person? (#{number})",
            "a": "Not yet: we are looking for a pick-up point near the warehouse. " + self.rng.choice(SENTENCES),
        })
        self._save_faq(categories)
        return f"faq added extra-{number}"

    def remove_a_question(self) -> str:
        categories = self._faq()
        category = self.rng.choice([c for c in categories if len(c["questions"]) > 1])
        entry = category["questions"].pop(self.rng.randrange(len(category["questions"])))
        self._save_faq(categories)
        return f"faq removed {entry['id']}"

    def add_a_category(self) -> str:
        categories = self._faq()
        number = self.rng.randrange(10**6)
        categories.append({"category": f"Gift pledges {number}", "questions": [{
            "id": f"gift-{number}", "q": "Can I send my reward to a friend?",
            "a": "Yes: put their address in the pledge manager before it locks."}]})
        self._save_faq(categories)
        return f"faq category {number}"

    # updates/
    def _updates(self) -> list[Path]:
        return sorted((self.content / "updates").glob("*.md"))

    def add_an_update(self) -> str:
        self.new_updates += 1
        day = dt.date(2026, 11, 1) + dt.timedelta(days=self.new_updates)
        tags = self.rng.sample(TAGS, self.rng.randrange(3))
        path = self.content / "updates" / f"{day.isoformat()}-news-{self.new_updates}.md"
        path.write_text(f"---\ntitle: \"News from the workshop, part {self.new_updates}\"\ndate: {day}\n"
                        f"tags: [{', '.join(tags)}]\n---\n{self.rng.choice(SENTENCES)}\n\n"
                        f"## What changed\n\n{self.rng.choice(SENTENCES)}\n", encoding="utf-8")
        return f"update added {path.name}"

    def reword_an_update(self) -> str:
        path = self.rng.choice(self._updates())
        path.write_text(path.read_text(encoding="utf-8").rstrip() + "\n\n" + self.rng.choice(SENTENCES) + "\n",
                        encoding="utf-8")
        return f"update body {path.name}"

    def retitle_an_update(self) -> str:
        path = self.rng.choice(self._updates())
        text = path.read_text(encoding="utf-8")
        head, _, body = text.partition("\ntitle: ")
        old_title, _, rest = body.partition("\n")
        path.write_text(f"{head}\ntitle: \"{old_title.strip(chr(34))} (revised)\"\n{rest}", encoding="utf-8")
        return f"update title {path.name}"

    def retag_an_update(self) -> str:
        path = self.rng.choice(self._updates())
        lines = path.read_text(encoding="utf-8").split("\n")
        tags = ", ".join(self.rng.sample(TAGS, self.rng.randrange(1, 3)))
        lines = [line for line in lines if not line.startswith("tags:")]
        lines.insert(1, f"tags: [{tags}]")
        path.write_text("\n".join(lines), encoding="utf-8")
        return f"update tags {path.name}"

    def hide_an_update(self) -> str:
        path = self.rng.choice(self._updates())
        lines = path.read_text(encoding="utf-8").split("\n")
        if "visibility: backers" not in lines:
            lines.insert(1, "visibility: backers")
        path.write_text("\n".join(lines), encoding="utf-8")
        return f"update backers-only {path.name}"

    def delete_an_update(self) -> str:
        updates = self._updates()
        if len(updates) < 3:
            return self.add_an_update()
        path = self.rng.choice(updates)
        path.unlink()
        return f"update deleted {path.name}"

    # the rest
    def reword_the_policy(self) -> str:
        path = self.content / "refund-policy.md"
        path.write_text(path.read_text(encoding="utf-8").rstrip() + "\n\n" + self.rng.choice(SENTENCES) + "\n",
                        encoding="utf-8")
        return "refund policy"

    def rename_the_project(self) -> str:
        path = self.content / "hub.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("name: Tidewater Field Kettle", "name: Tidewater Field Kettle II", 1)
                        if "Kettle II" not in text else text.replace("Kettle II", "Kettle", 1), encoding="utf-8")
        return "project name (every page)"

    def switch_the_contact_form(self) -> str:
        path = self.content / "hub.yaml"
        text = path.read_text(encoding="utf-8")
        mode = "mailto" if "  form: netlify" in text else "netlify"
        path.write_text(re.sub(r"(?m)^  form: \w+", f"  form: {mode}", text), encoding="utf-8")
        return f"contact form {mode} (forms on every FAQ page and the policy)"

    def relabel_a_state(self) -> str:
        path = self.content / "hub.yaml"
        text = path.read_text(encoding="utf-8")
        labels = re.findall(r"(?m)^    label: (.+)$", text)
        label = self.rng.choice(labels)
        path.write_text(text.replace(f"    label: {label}\n", f"    label: {label} (now)\n", 1), encoding="utf-8")
        return f"pledge state label {label} (every answer naming it)"

    def restate_an_answer(self) -> str:
        categories = self._faq()
        entry = self.rng.choice(self._entries(categories))
        entry["states"] = self.rng.sample(["collected", "locked", "shipped", "delivered"], self.rng.randrange(3))
        entry["updated"] = (dt.date(2026, 11, 1) + dt.timedelta(days=self.rng.randrange(20))).isoformat()
        self._save_faq(categories)
        return f"faq states and date {entry['id']}"

    def switch_the_voice(self) -> str:
        path = self.content / "hub.yaml"
        text = path.read_text(encoding="utf-8")
        if "  voice: i\n" in text:
            path.write_text(text.replace("  voice: i\n", ""), encoding="utf-8")
            return "voice we (every page's own words)"
        path.write_text(text.replace("\ncontact:\n", "\ncontact:\n  voice: i\n", 1), encoding="utf-8")
        return "voice i (every page's own words)"

    def edit(self) -> str:
        edits = [self.reword_an_answer] * 4 + [self.reword_an_update] * 3 + [
            self.add_a_question, self.remove_a_question, self.add_a_category, self.add_an_update,
            self.retitle_an_update, self.retag_an_update, self.hide_an_update, self.delete_an_update,
            self.reword_the_policy, self.rename_the_project, self.switch_the_contact_form,
            self.relabel_a_state, self.restate_an_answer, self.switch_the_voice]
        return self.rng.choice(edits)()


def loaded_without_errors(content: Path):
    loaded = load_hub(content)
    report = lint_hub(loaded, today=TODAY)
    assert not report.errors, [d.text() for d in report.errors]
    return loaded


@pytest.mark.parametrize("seed, faq_split_after", [(1, 40), (2, 40), (3, 5)])
def test_random_edits_build_the_same_site_as_a_clean_build(tmp_path: Path, example_content: Path, seed: int,
                                                           faq_split_after: int):
    # Split after 5 entries: a page per FAQ category, as on a big hub.
    content = tmp_path / "content"
    shutil.copytree(example_content, content)
    hub = content / "hub.yaml"
    hub.write_text(hub.read_text(encoding="utf-8").replace("faq_split_after: 40", f"faq_split_after: {faq_split_after}"),
                   encoding="utf-8")
    creator = Creator(content, random.Random(seed))
    incremental, preview, clean = tmp_path / "site", tmp_path / "preview" / "site", tmp_path / "clean"
    reused = 0
    for step in range(8):
        what = creator.edit() if step else "first build"
        if step == 4:
            what += "; " + creator.switch_the_contact_form()
        loaded = loaded_without_errors(content)
        summary = build_site(loaded, incremental, fork=step % 2 == 0)
        in_place = update_site_in_place(loaded, preview)
        # The reference comes from a fresh process: a cache kept in this one (compiled
        # templates, read pages, tokens) cannot make it agree with the others.
        reference = run_hubgen_process("build", str(content), "-o", str(clean), "--clean", "-q",
                                       "--today", TODAY.isoformat(), env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
        assert reference.returncode == 0, reference.stderr
        assert differences(incremental, clean) == [], f"step {step}: {what}"
        assert differences(preview, clean) == [], f"step {step} in place: {what}"
        assert in_place.unchanged_pages == summary.unchanged_pages, what
        reused += summary.unchanged_pages
    assert reused > 0  # the sequence did reuse pages, so the comparison tested the reuse


def test_an_edited_answer_renders_only_its_faq_page(tmp_path: Path, example_content: Path):
    content = tmp_path / "content"
    shutil.copytree(example_content, content)
    site = tmp_path / "preview" / "site"
    first = update_site_in_place(loaded_without_errors(content), site)
    assert first.unchanged_pages == 0
    faq = content / "faq.yaml"
    faq.write_text(faq.read_text().replace("The first kettles leave", "The very first kettles leave"))
    summary = update_site_in_place(loaded_without_errors(content), site)
    assert summary.pages - summary.unchanged_pages == 1
    assert summary.changed == ["faq/index.html"]
    assert "The very first kettles leave" in (site / "faq" / "index.html").read_text()
    # The search index entry changed with it (it is made anew on every build).
    assert "very first kettles" in (site / "search" / "search_index.json").read_text()


def test_an_edited_update_renders_that_update_and_the_pages_listing_it(tmp_path: Path, example_content: Path):
    content = tmp_path / "content"
    shutil.copytree(example_content, content)
    site = tmp_path / "preview" / "site"
    update_site_in_place(loaded_without_errors(content), site)
    update = content / "updates" / "2026-09-12-factory-visit.md"
    update.write_text(update.read_text().replace("---\ntitle: We visited the factory",
                                                 "---\ntitle: We visited the factory in Yongkang"))
    summary = update_site_in_place(loaded_without_errors(content), site)
    assert "updates/2026-09-12-factory-visit/index.html" in summary.changed
    assert not any(path.startswith(("faq/", "pledge-states/", "contact/")) for path in summary.changed)
    assert summary.unchanged_pages > summary.pages / 2


def test_build_reuses_pages_and_says_so(tmp_path: Path, example_content: Path):
    content = tmp_path / "content"
    shutil.copytree(example_content, content)
    assert run_hubgen("build", str(content), "-o", str(tmp_path / "site")).returncode == 0
    faq = content / "faq.yaml"
    faq.write_text(faq.read_text().replace("The first kettles leave", "The first few kettles leave"))
    result = run_hubgen("build", str(content), "-o", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert "(1 rendered, " in result.stdout
    result = run_hubgen("build", str(content), "-o", str(tmp_path / "site"), "--clean")
    assert "rendered" not in result.stdout and "Built " in result.stdout


@pytest.mark.parametrize("change", ["edited", "replaced by a symlink"])
def test_a_page_changed_by_hand_in_the_site_is_rendered_again(tmp_path: Path, example_content: Path, change: str):
    site, clean = tmp_path / "site", tmp_path / "clean"
    loaded = loaded_without_errors(example_content)
    build_site(loaded, site)
    page = site / "contact" / "index.html"
    if change == "edited":
        page.write_text(page.read_text().replace("</body>", "<script>alert(1)</script></body>"))
    else:
        (tmp_path / "secret.txt").write_text("not for the site")
        page.unlink()
        page.symlink_to(tmp_path / "secret.txt")
    summary = build_site(loaded, site)
    assert summary.pages - summary.unchanged_pages == 1
    assert not page.is_symlink()
    build_site(loaded, clean, clean=True)
    assert differences(site, clean) == []


@pytest.mark.parametrize("damage", ["garbage", "empty", "other version", "missing"])
def test_a_damaged_cache_means_a_clean_build(tmp_path: Path, example_content: Path, damage: str):
    site, clean = tmp_path / "site", tmp_path / "clean"
    loaded = loaded_without_errors(example_content)
    build_site(loaded, site)
    cache = manifest_file(site)
    assert cache.parent == tmp_path / CACHE_FOLDER  # beside the site, never published inside it
    text = cache.read_text()
    cache.write_text({"garbage": "{\"format\": 1, \"pages\": [1, 2", "empty": "",
                      "other version": text.replace('"format": 1', '"format": 999'), "missing": text}[damage])
    if damage == "missing":
        cache.unlink()
    summary = build_site(loaded, site)
    assert summary.unchanged_pages == 0
    build_site(loaded, clean, clean=True)
    assert differences(site, clean) == []


def _voice_i(text: str) -> str:
    return text.replace("\ncontact:\n", "\ncontact:\n  voice: i\n", 1)


def _relabel_ready_to_ship(text: str) -> str:
    return text.replace("label: Ready to ship", "label: Packed and waiting", 1)


def _mailto_form(text: str) -> str:
    return re.sub(r"(?m)^  form: \w+", "  form: mailto", text)


@pytest.mark.parametrize("change, shows", [
    (_voice_i, "Contact me"),  # the words of every FAQ category page
    (_relabel_ready_to_ship, "Packed and waiting"),  # the answers that name the state
    (_mailto_form, None),  # "Was this helpful?" goes from every FAQ page
])
def test_pages_kept_from_the_last_build_change_with_the_hub_settings_they_show(
        tmp_path: Path, example_content: Path, change, shows):
    """serve keeps each update's and FAQ category's page by what it is made of
    (render/pages.py, KeptPages): a change to the hub-wide settings those pages
    show must reach every one of them, as in a clean build from a fresh process."""
    content, preview, clean = tmp_path / "content", tmp_path / "preview" / "site", tmp_path / "clean"
    shutil.copytree(example_content, content)
    hub = content / "hub.yaml"
    hub.write_text(hub.read_text(encoding="utf-8").replace("faq_split_after: 40", "faq_split_after: 5"),
                   encoding="utf-8")
    update_site_in_place(loaded_without_errors(content), preview)
    before = tree(preview)
    hub.write_text(change(hub.read_text(encoding="utf-8")), encoding="utf-8")
    summary = update_site_in_place(loaded_without_errors(content), preview)
    reference = run_hubgen_process("build", str(content), "-o", str(clean), "--clean", "-q",
                                   "--today", TODAY.isoformat(), env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
    assert reference.returncode == 0, reference.stderr
    assert differences(preview, clean) == []
    categories = [page for page in summary.changed if page.startswith("faq/") and page != "faq/index.html"]
    assert categories, summary.changed  # FAQ category pages did change
    if shows:
        assert any(shows in tree(preview)[page].decode() and shows not in before[page].decode()
                   for page in categories)


@pytest.mark.parametrize("template, reads", [
    ("update.md.j2", "{{ hub.project.name }}"),  # the hub: not in the page's key
    ("update.md.j2", "{{ update.summary }}"),  # a field of the update its key leaves out
    ("faq-entries.md.j2", "{{ entry.keywords }}"),
    ("faq-category.md.j2", "{{ project.creator }}"),
    ("updates-tag.md.j2", "{% for update in updates %}{{ update.summary }}{% endfor %}"),
])
def test_a_kept_page_template_that_reads_beyond_its_key_fails_the_build(
        tmp_path: Path, example_content: Path, monkeypatch, template: str, reads: str):
    """Kept pages are rendered from views that hold only what their key covers: a
    template changed to show more fails loudly instead of keeping a stale page."""
    import jinja2

    from hubgen.render import pages
    from hubgen.render.templates import templates_dir

    templates = tmp_path / "site_templates"
    shutil.copytree(templates_dir(), templates)
    (templates / template).write_text((templates / template).read_text(encoding="utf-8") + reads + "\n",
                                      encoding="utf-8")
    monkeypatch.setattr(pages, "templates_dir", lambda: templates)
    loaded = loaded_without_errors(example_content)
    loaded.hub.settings.faq_split_after = 5
    with pytest.raises(jinja2.UndefinedError):
        pages.generate_pages(loaded.hub)

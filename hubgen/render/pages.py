"""Generated pages: the model rendered through Jinja2 templates into Markdown.

Each generated file is a page of the MkDocs project. Links between generated
pages are written as .md paths so that MkDocs checks them; links that creators
write in content as paths from the hub root (/faq/#id) are made relative by
mkdocs_hooks.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import html
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url
from babel.core import Locale, UnknownLocaleError

from hubgen.labels import hub_labels
from hubgen.refunds import term_sentences
from hubgen.load import yaml_string
from hubgen.model import FaqCategory, Hub, Update, language_attributes, original_language
from hubgen import delivery
from hubgen.render import forms, pledge
from hubgen.render.history import answer_dates
from hubgen.render.lifecycle import lifecycle_svg
from hubgen.search.related import related_answers
from hubgen.render.templates import TemplateBytecodeCache, templates_dir
from hubgen.markup import escape_markdown
from hubgen import urls
from hubgen.urls import (ACCESSIBILITY_URL, CONTACT_URL, DELIVERY_URL, FAQ_URL, HOME_URL, PLEDGE_STATES_URL, REFUND_POLICY_URL,
                         SEARCH_URL, THANKS_URL, UPDATES_URL, contact_href, faq_url, has_delivery_page, milestone_anchors,
                         page_source, page_url, region_anchor, site_href, source_url, tag_slug, tag_url,
                         update_page_source)

WORDS_PER_MINUTE = 200


@dataclass
class GeneratedPage:
    path: str  #: path inside docs/, e.g. faq/index.md
    text: str  #: Markdown
    nav_title: str = ""  #: title in the nav; empty keeps the page out of the nav


@dataclass
class GeneratedSite:
    pages: list[GeneratedPage] = field(default_factory=list)
    nav: list = field(default_factory=list)  #: MkDocs nav entries, in order


# Compiled once per process (hubgen serve builds many times). The environment itself
# is made anew for every build: Jinja keeps an imported macro file's module with the
# globals of the build that first imported it, and globals name the hub.
PAGE_BYTECODE = TemplateBytecodeCache("pages")


def template_env() -> jinja2.Environment:
    env = jinja2.Environment(
        bytecode_cache=PAGE_BYTECODE,
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=False,  # templates write Markdown; HTML contexts escape with |e
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # Markdown attribute lists start with "{#" (a heading id), so Jinja
        # comments use other delimiters.
        comment_start_string="<%#",
        comment_end_string="#%>",
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = table_cell
    env.filters["plain"] = marked_plain
    env.filters["texts"] = marked_texts
    env.filters["attr"] = attribute_value
    env.filters["string_only"] = str  # a text unmarked, where the element around it carries its language
    env.filters["yaml"] = yaml_string
    env.globals["lang_of"] = lang_of
    env.globals["language_of"] = original_language
    return env


def table_cell(text: str) -> str:
    """Plain text safe inside a Markdown table cell."""
    return marked_plain(text)


plain = escape_markdown  # one Markdown escaper for every part of hubgen


# A text a translation left in the original (model.Original) is marked with its
# language wherever a page shows it: `| e` does so by itself (Original.__html__),
# `| plain` and `| cell` below; attribute values and <option>s, where an element
# cannot go, take `| attr` and lang_of() on their element.
def marked_plain(text: str) -> str:
    """The templates' `plain` filter: plain text safe in Markdown, marked with its
    language when it is still the original's."""
    escaped = escape_markdown(text)
    language = original_language(text)
    return f"<span{language_attributes(language)}>{escaped}</span>" if language and escaped else escaped


def marked_texts(texts: list[str], separator: str = ", ") -> str:
    """A list of plain texts in one line of Markdown, each marked as `plain` marks it."""
    return _Markdown(separator.join(marked_plain(text) for text in texts))


def attribute_value(text: str) -> Markup:
    """A text escaped for an attribute's value: never marked, an element cannot go there."""
    return escape(str(text))


def lang_of(text: str) -> Markup:
    """' lang="en"' for an element whose whole text is still the original's; else nothing."""
    language = original_language(text)
    return Markup(language_attributes(language) if language else "")


class _Markdown(str):
    """Markdown already escaped (and marked): marked_label inserts it as it is."""


def marked_label(t, key: str, **values) -> str:
    """The label `key` as Markdown text: its words and values escaped, each value
    still in the original marked with its language (a value from marked_texts as given)."""
    names = list(values)
    text = escape_markdown(t(key, **{name: f"\0{i}\0" for i, name in enumerate(names)}) if values else t(key))

    def value(match) -> str:
        given = values[names[int(match.group(1))]]
        return given if isinstance(given, _Markdown) else marked_plain(str(given) if isinstance(given, int) else given)
    return re.sub("\0(\\d+)\0", value, text)


def labelled_html(t, key: str, **values) -> Markup:
    """The label `key` as HTML, its values escaped and, when still the original's, marked."""
    return Markup(escape(t(key))).format_map(values)


def reading_minutes(markdown: str) -> int:
    return max(1, round(len(re.findall(r"\w+", markdown)) / WORDS_PER_MINUTE))


def link_address(contact: str) -> str:
    """A contact as shown beside its link: an email address, or a web address's host."""
    parts = urlsplit(contact.strip())
    return parts.netloc.removeprefix("www.") if parts.scheme in ("http", "https") and parts.netloc else contact.strip()


def mailto(hub: Hub) -> str:
    subject = quote(f"{hub.project.name}: ", safe="")
    return f"mailto:{quote(hub.contact.email, safe='@')}?subject={subject}"


def faq_page_path(hub: Hub, category_slug: str) -> str:
    """Where a FAQ category's answers live, as a docs path."""
    return page_source(faq_url(hub, category_slug))


def updates_by_tag(updates: list[Update]) -> dict[str, list[Update]]:
    """Updates per tag, newest first; tags spelled alike ("Shipping", "shipping") are one."""
    names: dict[str, str] = {}
    found: dict[str, list[Update]] = {}
    for update in updates:
        for tag in update.tags:
            name = names.setdefault(tag_slug(tag), tag)
            if update not in found.setdefault(name, []):
                found[name].append(update)
    return dict(sorted(found.items(), key=lambda item: tag_slug(item[0])))


def tag_page_path(tag: str) -> str:
    """A tag's page, as a docs path: updates/tags/<slug>/ on the site."""
    return page_source(tag_url(tag))


def language_in(language: str, page_language: str) -> str:
    """`language`'s name as the page's language says it ("Englisch" on a German page)."""
    try:
        return Locale.parse(language.replace("-", "_")).get_display_name(page_language.replace("-", "_")) or language
    except (ValueError, UnknownLocaleError):
        return language


def model_free_globals(hub: Hub) -> dict:
    """The template globals that read nothing of the hub but its language, voice,
    pledge state and segment labels and feedback form (kept_pages_key covers exactly these)."""
    labels = {}
    for state in hub.pledge_states:
        labels.setdefault(state.id, state.label)
    segments = {segment.id: segment.label for segment in hub.segments}
    return dict(
        t=hub_labels(hub),
        long_date=hub_labels(hub).date,  # labels/ own how each language writes a date
        reading_minutes=reading_minutes,
        # A .md link to the page at a site URL; MkDocs' own relative URLs, so that the
        # links the hooks make relative agree with these.
        link=lambda url, from_path: get_relative_url(page_source(url), from_path),
        urls=urls,  # where the pages, files and fixed anchors are
        state_label=lambda sid: labels.get(sid, sid),
        # "For Retailers" on what is only for some backers; delivery.js marks it for them or for others.
        segments_for=lambda ids: Markup(", ").join(segments.get(sid, sid) for sid in ids),
        th=lambda key, **values: labelled_html(hub_labels(hub), key, **values),
        site_href=site_href,
        tag_href=lambda tag: site_href(tag_url(tag)),
        feedback=forms.feedback(hub),
        url_of=source_url,
        page_language=hub.project.language,
        untranslated_note=lambda shown_in: hub_labels(hub)(
            "site.untranslated", language=language_in(shown_in, hub.project.language)),
    )


def kept_pages_key(hub: Hub) -> tuple:
    """Everything model_free_globals reads of the hub, and the templates' text."""
    templates = hashlib.sha256()
    for template in sorted(templates_dir().glob("*.j2")):
        templates.update(template.name.encode() + b"\0" + template.read_bytes() + b"\0")
    return (templates.hexdigest(), hub.project.language, hub.contact.voice,
            tuple((state.id, state.label) for state in hub.pledge_states),
            tuple((segment.id, segment.label) for segment in hub.segments),
            dataclasses.astuple(forms.feedback(hub)))


# -- pages kept from the previous build in this process (hubgen serve) --------------
# Pages that come by the dozen, one per update, FAQ category and tag, are kept
# by what they are made of, so a save generates again only the pages it changed.
# Each is rendered from views holding only the fields in its key, in an environment
# holding only model_free_globals: a template that reads anything else fails
# (StrictUndefined) instead of keeping a page that should have changed.


class _View:
    """A frozen copy of the fields its dataclass names, read from a model object
    of the same field names (lists kept as tuples, so that a view hashes)."""

    @classmethod
    def of(cls, thing):
        if thing is None:
            return None
        values = (getattr(thing, field.name) for field in dataclasses.fields(cls))
        return cls(*(tuple(value) if isinstance(value, list) else value for value in values))


@dataclass(frozen=True)
class UpdateView(_View):
    """What update.md.j2 reads of the update it shows."""

    slug: str
    title: str
    date: dt.date
    body: str
    tags: tuple[str, ...]
    segments: tuple[str, ...]
    shown_in: str


@dataclass(frozen=True)
class ListedUpdate(_View):
    """What a page that links to other updates reads of each: update.md.j2 of the
    updates before and after it, updates-tag.md.j2 of the updates with its tag."""

    slug: str
    title: str
    date: dt.date


@dataclass(frozen=True)
class EntryView:
    """What faq-entries.md.j2 reads of a FAQ entry: the entry, when its answer
    last changed (history.py) and its related answers (question, .md link)."""

    id: str
    question: str
    answer: str
    updated: dt.date
    states: tuple[str, ...]
    segments: tuple[str, ...]
    related: tuple[tuple[str, str], ...]
    shown_in: str


@dataclass(frozen=True)
class CategoryView:
    """What faq-category.md.j2 reads of a FAQ category."""

    name: str
    slug: str
    entries: tuple[EntryView, ...]

    @classmethod
    def of(cls, category: FaqCategory, entry_view) -> CategoryView:
        return cls(category.name, category.slug, tuple(map(entry_view, category.entries)))


_kept: dict[tuple, str] = {}  #: the previous build's kept pages, by key


class KeptPages:
    """Renders pages from views, taking each from the previous build when its key is unchanged."""

    def __init__(self, hub: Hub):
        self.env = template_env()
        self.env.globals.update(model_free_globals(hub))
        self.key = kept_pages_key(hub)
        self.now: dict[tuple, str] = {}

    def render(self, template: str, path: str, **views) -> str:
        """The page from `views`."""
        key = (self.key, template, path, tuple(sorted(views.items())))
        text = _kept.get(key)
        if text is None:
            text = self.env.get_template(template).render(page_path=path, **views)
        self.now[key] = text
        return text

    def keep(self) -> None:
        """Keep this build's pages (only these: what is kept never outgrows one build)."""
        global _kept
        _kept = self.now


class PageRenderer:
    def __init__(self, hub: Hub):
        self.hub = hub
        self.faq_paths = {entry.id: path for category in hub.faq
                          for path in [faq_page_path(hub, category.slug)] for entry in category.entries}
        self.env = template_env()
        self.has_delivery_page = has_delivery_page(hub)
        self.t = hub_labels(hub)
        self.kept = KeptPages(hub)
        self.env.globals.update(
            model_free_globals(hub),
            hub=hub,
            project=hub.project,
            faq_href=self.faq_href,
            contact_href=contact_href,
            has_delivery_page=self.has_delivery_page,
            # A milestone's promise history: delivery/ in full, the timelines in one line.
            moves=delivery.moves,
            total_days_moved=delivery.total_days_moved,
            days_phrase=self.days_phrase,
            milestone_anchor=milestone_anchors(hub.milestones).__getitem__,
            link_address=link_address,
        )

    def faq_href(self, entry_id: str, from_path: str) -> str:
        """A .md link from the page at `from_path` to a FAQ entry's anchor."""
        return get_relative_url(self.faq_paths[entry_id], from_path) + "#" + entry_id

    def render(self, template: str, path: str, **context) -> str:
        return self.env.get_template(template).render(page_path=path, **context)

    def site(self) -> GeneratedSite:
        hub = self.hub
        site = GeneratedSite()
        add = site.pages.append
        t = self.t
        home = page_source(HOME_URL)
        add(GeneratedPage(home, self.render("home.md.j2", home, **self.home_context()), t("nav.home")))
        self.faq_pages(site)
        if hub.refund_policy is not None:
            policy_path = page_source(REFUND_POLICY_URL)
            add(GeneratedPage(policy_path, self.render("refund-policy.md.j2", policy_path,
                                                       policy=hub.refund_policy,
                                                       refund_terms=term_sentences(hub.refund_policy, t),
                                                       body=self.policy_body()), t("nav.refund_policy")))
        states_path = page_source(PLEDGE_STATES_URL)
        add(GeneratedPage(states_path, self.render(
            "pledge-states.md.j2", states_path, lifecycle=lifecycle_svg(hub.pledge_states, t),
            faq_by_state=self.faq_by_state()), t("nav.pledge_states")))
        self.update_pages(site)
        if self.has_delivery_page:
            delivery_path = page_source(DELIVERY_URL)
            add(GeneratedPage(delivery_path, self.render("delivery.md.j2", delivery_path,
                                                         **self.delivery_context()), self.t("nav.delivery")))
        contact_path = page_source(CONTACT_URL)
        add(GeneratedPage(contact_path, self.render("contact.md.j2", contact_path, mailto=mailto(hub),
                                                    forms=forms.ask_form(hub), box=self.answer_box()), t("nav.contact")))
        statement_path = page_source(ACCESSIBILITY_URL)
        add(GeneratedPage(statement_path, self.render("accessibility.md.j2", statement_path, mailto=mailto(hub))))
        search_path = page_source(SEARCH_URL)
        add(GeneratedPage(search_path, self.render("search.md.j2", search_path)))
        if forms.uses_netlify(hub):
            thanks_path = page_source(THANKS_URL)
            add(GeneratedPage(thanks_path, self.render("contact-thanks.md.j2", thanks_path,
                                                       forms=forms.ask_form(hub))))
        for page in hub.pages:
            path = page_source(page_url(page.name))
            add(GeneratedPage(path, self.render("page.md.j2", path, page=page), page.title))
        site.nav = self.nav(site)
        self.kept.keep()
        return site

    def policy_body(self) -> str:
        """The policy's Markdown with "Was this helpful?" after each section."""
        helpful = self.env.get_template("helpful.html.j2").module.helpful
        return forms.with_section_markers(self.hub.refund_policy.body, helpful)

    def home_context(self) -> dict:
        public = self.hub.public_updates
        open_milestones = [m for m in self.hub.milestones if m.done is None]
        return {"latest": public[0] if public else None, "pinned": self.hub.pinned_updates,
                "has_pledge": bool(self.hub.shipping or self.hub.segments),
                "pledge": self.pledge(HOME_URL), "countries": delivery.countries(self.hub),
                "next_milestone": min(open_milestones, key=lambda m: m.due, default=None),
                "faq_text": self.faq_card_text(), "refund_text": self.refund_card_text(),
                "states_text": self.states_card_text(), "box": self.answer_box(urls.HELP_ANCHOR)}

    def answer_box(self, heading_id: str = "") -> dict:
        """What the "How can we help?" box shows (overrides/partials/answer-box.html):
        a form that asks search/ without JavaScript, and then points to the answers
        by topic. With `heading_id` its question is the page's heading, printed once."""
        hub, t = self.hub, self.t
        faq = f'<a href="{site_href(FAQ_URL)}">{html.escape(t("contact.faq_link"))}</a>'
        topics = [{"name": category.name,
                   "href": site_href(faq_url(hub, category.slug),
                                     "" if hub.faq_is_split else urls.topic_anchor(category.slug))}
                  for category in hub.faq if category.entries]
        return {"action": site_href(SEARCH_URL), "param": urls.SEARCH_QUERY_PARAM, "heading_id": heading_id,
                "help": t("home.help"), "placeholder": t("search.placeholder"),
                "no_script": t("search.no_script", faq=faq), "topics": topics}

    def faq_card_text(self) -> str:
        """What the FAQ covers, from its own categories."""
        names = [category.name for category in self.hub.faq if category.entries]
        if not names:
            return self.t("home.faq_text_empty")
        return marked_label(self.t, "home.faq_text", count=len(self.hub.faq_entries), topics=marked_texts(names))

    def refund_card_text(self) -> str:
        """From the policy's terms (hubgen/refunds.py): the card never reads its words."""
        policy = self.hub.refund_policy
        if policy is None or not policy.states_terms:
            return self.t("home.refund_text_open")
        if policy.no_refunds:
            return self.t("home.refund_text_none")
        return self.t("home.refund_text", terms=" ".join(term_sentences(policy, self.t)))

    def states_card_text(self) -> str:
        """Names this hub's own first states, by the labels backers see."""
        labels = [state.label for state in self.hub.pledge_states]
        if len(labels) > 2:
            return marked_label(self.t, "home.states_text_many", first=labels[0], second=labels[1])
        if len(labels) == 2:
            return marked_label(self.t, "home.states_text_two", first=labels[0], second=labels[1])
        if labels:
            return marked_label(self.t, "home.states_text_one", first=labels[0])
        return marked_label(self.t, "home.states_text_none")

    def days_phrase(self, days: int) -> str:
        """How far a date moved: "21 days later", "1 day earlier"."""
        return self.t.counted("delivery.later" if days >= 0 else "delivery.earlier", abs(days))

    def delivery_context(self) -> dict:
        hub = self.hub
        public = {update.slug: update for update in hub.public_updates}
        return {
            "countries": delivery.countries(hub),
            "region_anchor": region_anchor,
            "region_countries": lambda region: delivery.region_country_names(region, hub.project.language),
            "status_text": lambda region: delivery.status_text(region, self.t),
            "region_summary": lambda region, wave=None: delivery.region_summary(
                region, self.t, self.t.date, wave, with_region=not wave),
            "region_terms": lambda region: delivery.region_terms(region, self.t),
            "by_wave": delivery.has_region_waves(hub),
            "wave_name": lambda wave_id: getattr(hub.wave(wave_id), "name", wave_id),
            "wave_moves": delivery.wave_moves,
            "pledge": self.pledge(DELIVERY_URL),
            # Only public updates are linked: a backers-only one has no page to link to.
            "public_update": public.get,
        }

    def pledge(self, page_url: str) -> dict:
        """What "Your pledge" on the page at `page_url` tells a backer (render/pledge.py)."""
        return pledge.pledge_data(self.hub, self.t, self.t.date, page_url)

    def faq_by_state(self) -> dict[str, list]:
        found: dict[str, list] = {}
        for entry in self.hub.faq_entries:
            for state_id in entry.states:
                found.setdefault(state_id, []).append(entry)
        return found

    def faq_pages(self, site: GeneratedSite) -> None:
        hub = self.hub
        path = page_source(FAQ_URL)
        dates = answer_dates(hub)
        related = hub.related if hub.related is not None else related_answers(hub)
        questions = {entry.id: entry.question for entry in hub.faq_entries}

        def views(from_path: str):
            def entry_view(entry) -> EntryView:
                return EntryView(entry.id, entry.question, entry.answer, dates[entry.id], tuple(entry.states),
                                 tuple(entry.segments),
                                 tuple((questions[other], self.faq_href(other, from_path))
                                       for other in related[entry.id]), entry.shown_in)
            return entry_view

        site.pages.append(GeneratedPage(path, self.render(
            "faq.md.j2", path, categories=[CategoryView.of(category, views(path)) for category in hub.faq],
            split=hub.faq_is_split), self.t("nav.faq")))
        if hub.faq_is_split:
            for category in hub.faq:
                path = faq_page_path(hub, category.slug)
                site.pages.append(GeneratedPage(path, self.kept.render(
                    "faq-category.md.j2", path, category=CategoryView.of(category, views(path)), split=True),
                    category.name))

    def update_pages(self, site: GeneratedSite) -> None:
        updates = self.hub.public_updates
        months: OrderedDict[str, list[Update]] = OrderedDict()
        for update in updates:
            months.setdefault(self.t.month(update.date), []).append(update)
        path = page_source(UPDATES_URL)
        site.pages.append(GeneratedPage(path, self.render(
            "updates.md.j2", path, months=months), self.t("nav.updates")))
        for index, update in enumerate(updates):
            newer = updates[index - 1] if index > 0 else None
            older = updates[index + 1] if index + 1 < len(updates) else None
            path = update_page_source(update.slug)
            site.pages.append(GeneratedPage(path, self.kept.render(
                "update.md.j2", path, update=UpdateView.of(update), newer=ListedUpdate.of(newer),
                older=ListedUpdate.of(older))))
        for tag, tagged in updates_by_tag(updates).items():
            path = tag_page_path(tag)
            site.pages.append(GeneratedPage(path, self.kept.render(
                "updates-tag.md.j2", path, tag=tag, updates=tuple(map(ListedUpdate.of, tagged)))))

    def nav(self, site: GeneratedSite) -> list:
        nav = []
        faq_index = page_source(FAQ_URL)

        def is_faq_category(path: str) -> bool:
            return path.startswith(FAQ_URL) and path != faq_index

        faq_children = [{p.nav_title: p.path} for p in site.pages if is_faq_category(p.path)]
        for page in site.pages:
            if not page.nav_title or is_faq_category(page.path):
                continue
            if page.path == faq_index and faq_children:
                nav.append({page.nav_title: [{self.t("nav.all_questions"): page.path}] + faq_children})
            else:
                nav.append({page.nav_title: page.path})
        return nav


def generate_pages(hub: Hub) -> GeneratedSite:
    return PageRenderer(hub).site()

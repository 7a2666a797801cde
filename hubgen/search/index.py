"""hubgen's search/search_index.json, built from the model.

Material's search plugin indexes the finished HTML: every heading becomes a
hit, and it knows nothing of FAQ keywords or what backers type. hubgen writes
its own index in Material's format instead, one entry per thing a backer looks
for, and replaces Material's file after the build (site.py). The browser's
search (Material's worker, unmodified) reads it as it would read its own.

Entries, pages first and each page's sections after it (Material groups a
page's sections under the page's first entry):
  home; faq/ and one entry per question (faq/#<id>, or faq/<category>/#<id>
  when split); refund-policy/ and one per heading; pledge-states/, the "what
  can I still change?" table and one per state; updates/ with the milestones;
  updates/<slug>/ per public update; contact/ and its routing table; pages/<name>/
  and their headings.

Two hidden fields, searched but never shown: `keywords` (FAQ keywords, pledge
state ids, update tags; weighted like a title) and `synonyms` (crowdfunding
synonyms of words in the title and keywords; weighted lower).
"""

from __future__ import annotations

import functools
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from hubgen.delivery import region_country_names, region_summary
from hubgen.labels import hub_labels
from hubgen.refunds import term_sentences
from hubgen.model import Hub
from hubgen.markup import plain_paragraphs, to_html
from hubgen.search.languages import COMPOUNDING, base_language, language_for
from hubgen.search.lunrjs import STOP_WORDS, stem_word
from hubgen.search.synonyms import query_groups, synonym_groups
from hubgen.search.tokens import SEPARATOR, tokenize
from hubgen.urls import (CHANGE_ANCHOR, CONTACT_URL, DELIVERY_URL, FAQ_URL, HOME_URL, MILESTONES_ANCHOR,
                         PLEDGE_STATES_URL, REFUND_POLICY_URL, ROUTING_ANCHOR, SEARCH_INDEX_FILE, UPDATES_URL,
                         faq_url, search_shard_file, has_delivery_page, page_url, region_anchor, titled, update_url)

# The words of the index are stemmed in the hub's language (languages.py): in
# English "refunds", "refunded" and "refunding" are all stored as "refund", in
# German "Rückerstattungen" as "ruckerstatt". hubgen-search.js stems each query
# word the same way and also matches it as a prefix while it is being typed.
# How much a match in each field counts. The question (title) and keywords say
# most about an entry; the answer's text still counts, so that a sentence whose
# words are spread over an answer finds it.
FIELDS = {
    "title": {"boost": 10.0},
    "text": {"boost": 1.0},
    "tags": {"boost": 10.0},  # hubgen leaves it empty (tags show as chips)
    "keywords": {"boost": 8.0},
    "synonyms": {"boost": 3.0},
}
INDEX_PATH = SEARCH_INDEX_FILE


def search_config(hub: Hub) -> dict:
    """The index's config; `synonyms` is hubgen's: the one-word synonyms that
    hubgen-search.js (and engine.py) also try for each query word."""
    language = base_language(hub.project.language)
    return {"lang": [language], "separator": SEPARATOR,
            **language_for(hub.project.language).config(), "fields": json.loads(json.dumps(FIELDS)),
            "synonyms": query_synonyms(hub.settings.synonyms), "phrases": query_phrases(hub.settings.synonyms),
            **({"compounds": True} if language in COMPOUNDING else {})}


def query_synonyms(extra: dict[str, list[str]]) -> list[list[str]]:
    """The one-word members of each synonym group, lower-cased as the index tokenizes them."""
    separator = re.compile(SEPARATOR)
    groups = []
    for group in query_groups(extra):
        words = list(dict.fromkeys(tokens[0] for tokens in (tokenize(p, separator) for p in group)
                                   if len(tokens) == 1))
        if len(words) > 1:
            groups.append(words)
    return groups


def query_phrases(extra: dict[str, list[str]]) -> list[list]:
    """[the words of a phrase, its group's word] for each phrase of more than one
    word in a synonym group that has a one-word member ("where is my" -> "tracking"):
    the analyser reads such a phrase in a query as that word."""
    separator = re.compile(SEPARATOR)
    phrases = []
    for group in synonym_groups(extra):
        split = [tokenize(p, separator) for p in group]
        word = next((tokens[0] for tokens in split if len(tokens) == 1), None)
        if word is not None:
            phrases.extend([tokens, word] for tokens in split if len(tokens) > 1)
    return phrases


# -- Markdown to the HTML Material keeps in an index ------------------------------

class _IndexText(HTMLParser):
    """Material's search parser in small: keeps p, lists and code (no attributes),
    drops every other tag, scripts and styles and permalink anchors, escapes text."""

    KEEP = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
    SKIP = {"script", "style", "object"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP or (tag == "a" and ("class", "headerlink") in attrs):
            self.skipping += 1
            self.stack.append("#skip")
            return
        if tag in self.KEEP and not self.skipping:
            self.out.append(f"<{tag}>")
        if tag not in {"br", "hr", "img", "input", "meta", "link", "wbr"}:
            self.stack.append(tag)
        elif tag == "br":
            self.out.append(" ")

    def handle_endtag(self, tag):
        if not self.stack:
            return
        opened = self.stack.pop()
        if opened == "#skip":
            self.skipping -= 1
            return
        if tag in self.KEEP and not self.skipping:
            self.out.append(f"</{tag}>")
        elif tag in {"td", "th", "tr", "div", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"}:
            self.out.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(html.escape(data.replace("\n", " "), quote=False))

    def text(self) -> str:
        joined = "".join(self.out)
        joined = re.sub(r"<(p|li|ul|ol|code|pre|sub|sup)>\s*</\1>", "", joined)
        return re.sub(r"\s+", " ", joined).strip()


def index_text(fragment: str) -> str:
    parser = _IndexText()
    parser.feed(fragment)
    parser.close()
    return parser.text()


# Kept by the exact Markdown (bounded): `hubgen serve` indexes the hub again on
# every save, and most answers and updates did not change.
@functools.lru_cache(maxsize=16384)
def _index_text_of(markdown_text: str) -> str:
    """index_text(to_html(...)), written directly when the Markdown is nothing but paragraphs."""
    paragraphs = plain_paragraphs(markdown_text)
    if paragraphs is None:
        return index_text(to_html(markdown_text))
    return " ".join(f"<p>{' '.join(p.split())}</p>" for p in paragraphs)


_HEADING = re.compile(r"<h([1-6])([^>]*)>(.*?)</h\1>", re.S)
_ID = re.compile(r'\bid="([^"]+)"')


class _Renderer:
    """Fragments rendered as the pages render them, shared with the feeds (hubgen/markup.py)."""

    def html(self, text: str) -> str:
        return to_html(text)

    def text(self, markdown_text: str) -> str:
        return _index_text_of(markdown_text)

    def sections(self, page_title: str, body: str) -> tuple[str, list[tuple[str, str, str]]]:
        """Text before the first heading, then (id, title, text) per heading with an id.

        The body is rendered under the page's h1 as the page renders it, so the
        ids are exactly the ones the toc extension gives the headings there.
        """
        rendered = self.html(titled(page_title, body))
        pieces = _HEADING.split(rendered)
        intro = index_text(pieces[0])
        sections: list[tuple[str, str, str]] = []
        for i in range(1, len(pieces) - 1, 4):
            level, attrs, title, after = pieces[i], pieces[i + 1], pieces[i + 2], pieces[i + 3]
            found = _ID.search(attrs)
            if level == "1":
                intro = (intro + " " + index_text(after)).strip()
            elif found:
                sections.append((found.group(1), _title(title), index_text(after)))
            elif sections:
                id_, t, text = sections[-1]
                sections[-1] = (id_, t, f"{text} {_title(title)} {index_text(after)}".strip())
            else:
                intro = f"{intro} {_title(title)} {index_text(after)}".strip()
        return intro, sections


def _title(fragment: str) -> str:
    """Heading HTML to an index title: text only, still HTML-escaped as Material keeps it."""
    text = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", fragment)
    return html.escape(html.unescape(re.sub(r"<[^>]+>", "", text)), quote=False).strip()


def _plain(text: str) -> str:
    return html.escape(" ".join(str(text).split()), quote=False)


def _p(*sentences: str) -> str:
    body = " ".join(s for s in sentences if s)
    return f"<p>{body}</p>" if body else ""


# -- synonyms ---------------------------------------------------------------------

class SynonymExpander:
    """Finds synonym-group phrases in an entry's words (stemmed, so "refunds"
    finds "refund") and returns every phrase of each group found."""

    def __init__(self, extra: dict[str, list[str]], separator: re.Pattern):
        self.separator = separator
        # An entry's synonyms, kept by its words (bounded) for `hubgen serve`'s next save.
        self.expand = functools.lru_cache(maxsize=16384)(self._expand)
        self.groups = []  # (group, its longer phrases, its one-word phrases)
        self.starting: dict[str, list[int]] = {}  # a word -> the groups with a phrase starting with it
        # An entry that says any phrase of a group gets the group's phrases that a query reads
        # as the group (query_groups: a ONE_WAY phrase finds the group, and is not added).
        for group, added in zip(synonym_groups(extra), query_groups(extra)):
            phrases = [p for p in (tuple(self._stems(p)) for p in group) if p]
            for start in dict.fromkeys(p[0] for p in phrases):
                self.starting.setdefault(start, []).append(len(self.groups))
            self.groups.append((added, [p for p in phrases if len(p) > 1], {p[0] for p in phrases if len(p) == 1}))

    def _stems(self, value) -> list[str]:
        return [stem_word(t) for t in tokenize(value, self.separator)]

    def _expand(self, *values: str) -> tuple[str, ...]:
        stems = []
        for value in values:
            stems.extend(self._stems(value))
            stems.append("\0")  # phrases never span two values
        present = set(stems)
        found: dict[str, None] = {}  # an ordered set: a group's size, not its square
        for number in sorted({n for stem in present for n in self.starting.get(stem, ())}):
            group, phrases, words = self.groups[number]
            if not words.isdisjoint(present) or any(
                    phrase[0] in present and _contains(stems, phrase) for phrase in phrases):
                found.update(dict.fromkeys(group))
        return tuple(found)


@functools.lru_cache(maxsize=8)
def _expander(extra: tuple[tuple[str, tuple[str, ...]], ...], separator: str) -> SynonymExpander:
    """The expander of a hub's synonyms, the same one while they stay the same."""
    return SynonymExpander({word: list(words) for word, words in extra}, re.compile(separator))


def _contains(words: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    if n == 1:
        return phrase[0] in words
    return any(tuple(words[i:i + n]) == phrase for i in range(len(words) - n + 1))


# -- the index --------------------------------------------------------------------

class _IndexBuilder:
    def __init__(self, hub: Hub):
        self.hub = hub
        self.t = hub_labels(hub)  #: the words the pages show, in the hub's language and voice
        self.config = search_config(hub)
        self.md = _Renderer()
        self.synonyms = _expander(tuple((word, tuple(words)) for word, words in (hub.settings.synonyms or {}).items()),
                                  self.config["separator"])
        self.docs: list[dict] = []

    def add(self, location: str, title: str, text: str, keywords: list[str] | None = None,
            extra_triggers: tuple = (), segments: list[str] = (), states: list[str] = ()) -> None:
        doc = {"location": location, "title": title, "text": text}
        if keywords:
            doc["keywords"] = keywords
        # Who the answer is for: the search ranks a backer's own answers first (engine.Backer).
        if segments:
            doc["segments"] = list(segments)
        if states:
            doc["states"] = list(states)
        found = self.synonyms.expand(html.unescape(title), *(keywords or []), *extra_triggers)
        if found:
            doc["synonyms"] = list(found)
        self.docs.append(doc)

    def build(self) -> dict:
        hub, t = self.hub, self.t
        # The project's name alone: "backer support" would answer every "back..." query.
        self.add(HOME_URL, _plain(hub.project.name),
                 _p(_plain(f"{t('home.status')} {hub.project.status}") if hub.project.status else ""))
        self.faq()
        if hub.refund_policy is not None:
            self.refund_policy()
        self.pledge_states()
        self.updates()
        self.contact()
        self.delivery()
        for page in hub.pages:
            intro, sections = self.md.sections(page.title, page.body)
            location = page_url(page.name)
            self.add(location, _plain(page.title), intro)
            for anchor, title, text in sections:
                self.add(f"{location}#{anchor}", title, text)
        # The updates themselves last: the news, most of a big hub's text, come in the
        # index's later shards (search_shards), after the answers.
        self.config["answers"] = len(self.docs)
        self.update_pages()
        return {"config": self.config, "docs": self.docs}

    def faq(self) -> None:
        hub = self.hub
        self.add(FAQ_URL, self.t("faq.title"), _p(_plain(self.t("faq.cant_find", contact=self.t("contact.link")))))
        for category in hub.faq:
            location = faq_url(hub, category.slug)
            if hub.faq_is_split:
                self.add(location, _plain(category.name), "")
            for entry in category.entries:
                self.add(f"{location}#{entry.id}", _plain(entry.question),
                         self.md.text(entry.answer), list(entry.keywords),
                         segments=entry.segments, states=entry.states)

    def refund_policy(self) -> None:
        policy, t = self.hub.refund_policy, self.t
        meta = []
        if policy.updated:
            meta.append(_plain(t("refund.updated", date=t.date(policy.updated))))
        meta.extend(_plain(sentence) for sentence in term_sentences(policy, t))
        intro, sections = self.md.sections(t("refund.title"), policy.body)
        self.add(REFUND_POLICY_URL, t("refund.title"), (_p(*meta) + " " + intro).strip())
        for anchor, title, text in sections:
            self.add(f"{REFUND_POLICY_URL}#{anchor}", title, text)

    def pledge_states(self) -> None:
        states, t = self.hub.pledge_states, self.t
        self.add(PLEDGE_STATES_URL, t("states.title"), _p(_plain(t("states.intro"))))
        if not states:
            return
        can, fixed, nothing = t("states.can_change"), t("states.fixed"), t("states.nothing")
        rows = "".join(_p(_plain(f"{s.label}: {can}: {', '.join(s.can_change) or nothing}; "
                                 f"{fixed}: {', '.join(s.cannot_change) or nothing}."))
                       for s in states)
        self.add(f"{PLEDGE_STATES_URL}#{CHANGE_ANCHOR}", t("states.change_heading"), rows)
        for state in states:
            text = self.md.text(state.description)
            items = []
            if state.can_change:
                items.append(f"<li>{_plain(can)}: {_plain(', '.join(state.can_change))}</li>")
            if state.cannot_change:
                items.append(f"<li>{_plain(fixed)}: {_plain(', '.join(state.cannot_change))}</li>")
            if items:
                text += f" <ul>{''.join(items)}</ul>"
            words = state.id.replace("_", " ").replace("-", " ")
            self.add(f"{PLEDGE_STATES_URL}#{state.id}", _plain(state.label), text,
                     [state.id] + ([words] if words != state.id else []), states=[state.id])

    def updates(self) -> None:
        hub, t = self.hub, self.t
        self.add(UPDATES_URL, t("updates.title"), _p(_plain(t("updates.intro", creator=hub.project.creator))))
        if hub.milestones:
            rows = "".join(_p(_plain(f"{m.title}: {t('milestone.due', date=t.date(m.due))}, "
                                     + (f"{t('milestone.done', date=t.date(m.done))}." if m.done
                                        else f"{t('milestone.open')}.")))
                           for m in hub.milestones)
            self.add(f"{UPDATES_URL}#{MILESTONES_ANCHOR}", t("updates.milestones"), rows)

    def update_pages(self) -> None:
        for update in self.hub.public_updates:  # never backers-only or drafts
            body = self.md.text(update.body)
            self.add(update_url(update.slug), _plain(update.title),
                     (_p(self.t.date(update.date)) + " " + body).strip(), list(update.tags),
                     segments=update.segments)

    def contact(self) -> None:
        # The same words the contact page shows, in the hub's language and voice.
        contact, t = self.hub.contact, self.t
        self.add(CONTACT_URL, t("contact.title"), _p(
            _plain(t("contact.write_to", email=contact.email)),
            _plain(t("contact.answer", time=contact.response_time)) if contact.response_time else "",
            _plain(t("contact.hours", hours=contact.hours)) if contact.hours else "",
            _plain(t("contact.include"))))
        if contact.routing:
            creator = t("contact.creator", creator=self.hub.project.creator)
            rows = "".join(_p(_plain(f"{r.topic}: {creator if r.handled_by == 'creator' else r.handled_by}"
                                     + (f", {r.contact}" if r.contact else "")))
                           for r in contact.routing)
            self.add(f"{CONTACT_URL}#{ROUTING_ANCHOR}", t("contact.routing"), rows)


    def delivery(self) -> None:
        """One result per shipping region: "when does it ship to canada" finds its region."""
        hub, t = self.hub, hub_labels(self.hub)
        if not has_delivery_page(hub):
            return
        self.add(DELIVERY_URL, _plain(t("nav.delivery")), _p(_plain(t("delivery.intro"))))
        language = hub.project.language
        for index, region in enumerate(hub.shipping):
            names = region_country_names(region, language)
            summaries = [region_summary(region, t, t.date)] if not region.waves else [
                t("pledge.wave", wave=getattr(hub.wave(entry.wave), "name", entry.wave),
                  summary=region_summary(region, t, t.date, entry)) for entry in region.waves]
            self.add(f"{DELIVERY_URL}#{region_anchor(index)}", _plain(t("delivery.search_title", region=region.region)),
                     _p(_plain(t("delivery.countries", countries=", ".join(names))), *map(_plain, summaries)), names)


# The last hub's index: `hubgen build` runs lint's search checks, then writes
# the site's index; both read this one. Callers never change it.
_LAST_INDEX: list[tuple[Hub, dict]] = []


def build_search_index(hub: Hub) -> dict:
    """The search index of `hub` as hubgen-search.js reads it: {config, docs}."""
    if _LAST_INDEX and _LAST_INDEX[0][0] is hub:
        return _LAST_INDEX[0][1]
    index = _IndexBuilder(hub).build()
    _LAST_INDEX[:] = [(hub, index)]
    return index


def index_json(index: dict) -> str:
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False)


# The browser loads the index in shards (hubgen-search.js): the first holds the
# config and every answer but the updates, so a backer's question is answered
# while the news, most of a big hub's text, still load; the updates follow in
# shards of about this many bytes of JSON, fetched side by side.
UPDATE_SHARD_BYTES = 256 * 1024


def search_shards(index: dict) -> list[dict]:
    """The index as the browser loads it: [{config, docs, shards}, {docs}, ...]. Their
    docs, in order, are the index's; `shards` names the other files (search_shard_file)."""
    docs = index["docs"]
    answers = index["config"].get("answers", len(docs))
    rest: list[list[dict]] = []
    size = UPDATE_SHARD_BYTES
    for doc in docs[answers:]:
        doc_size = len(index_json(doc).encode("utf-8"))
        if size + doc_size > UPDATE_SHARD_BYTES and (not rest or rest[-1]):
            rest.append([])
            size = 0
        rest[-1].append(doc)
        size += doc_size
    names = [search_shard_file(number).rsplit("/", 1)[-1] for number in range(1, len(rest) + 1)]
    return [{"config": index["config"], "docs": docs[:answers], "shards": names}] + [{"docs": part} for part in rest]


def write_search_index(hub: Hub, site_dir: Path) -> None:
    """A model-output step (site.model_output_steps): the search index that replaces
    Material's (hubgen search and any tool read it whole), and its shards (the browser)."""
    index = build_search_index(hub)
    target = site_dir / INDEX_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_json(index), encoding="utf-8")
    for number, shard in enumerate(search_shards(index)):
        (site_dir / search_shard_file(number)).write_text(index_json(shard), encoding="utf-8")


__all__ = ["build_search_index", "write_search_index", "SEPARATOR", "FIELDS", "STOP_WORDS"]

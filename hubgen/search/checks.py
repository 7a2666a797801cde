"""search_checks in hub.yaml: a backer's query must bring up its answer in the top 3.

`expect` names what should come up:
  - a FAQ entry id (change-address)            -> faq/#change-address (or faq/<category>/#id)
  - a pledge state id (locked)                 -> pledge-states/#locked
  - a page: home, faq, refund-policy, pledge-states, updates, contact -> that page or any part of it
  - an update's file name without .md          -> updates/<slug>/
  - an extra page's name (shipping, or pages/shipping)
  - a location as the index has it (refund-policy/#when-the-money-arrives)
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass

from hubgen.model import Hub, SearchCheck, Update
from hubgen.search.engine import Hit, SearchEngine, engine_for
from hubgen.search.index import build_search_index
from hubgen.urls import (CONTACT_URL, FAQ_URL, HOME_URL, PLEDGE_STATES_URL, REFUND_POLICY_URL, UNSEARCHED_URLS,
                         UPDATES_URL, faq_url, page_url, slugify, update_url)

TOP = 3
# Synonyms tried before one is offered: each costs an index of the hub; only failing checks try them.
MOST_SYNONYM_TRIES = 12
# The pages an `expect` may name: by their folder's name, and home by two.
PAGES = {"home": HOME_URL, "index": HOME_URL,
         **{url.rstrip("/"): url for url in (FAQ_URL, REFUND_POLICY_URL, PLEDGE_STATES_URL, UPDATES_URL, CONTACT_URL)}}


@dataclass
class Target:
    location: str  #: where the answer is, e.g. "faq/#tracking" or "refund-policy/"
    whole_page: bool  #: any hit on that page counts

    def found_in(self, hit: Hit) -> bool:
        return self.holds(hit.location)

    def holds(self, location: str) -> bool:
        """Whether an index entry at `location` is (part of) this answer."""
        if self.whole_page:
            return location.split("#")[0] == self.location
        return location == self.location


def resolve(hub: Hub, expect: str, locations: set[str]) -> Target | None:
    """What `expect` names, or None when it names nothing on the hub."""
    name = expect.strip().strip("/")
    for category in hub.faq:
        if any(entry.id == name for entry in category.entries):
            return Target(f"{faq_url(hub, category.slug)}#{name}", False)
    if hub.state(name):
        return Target(f"{PLEDGE_STATES_URL}#{name}", False)
    if name in PAGES and PAGES[name] in locations:
        return Target(PAGES[name], True)
    for candidate in (update_url(name), page_url(name), f"{name}/"):
        if candidate in locations:
            return Target(candidate, True)
    if expect.strip() in locations:
        return Target(expect.strip(), False)
    return None


def unsearched_page(expect: str) -> str | None:
    """The page of hubgen's own that `expect` names and search leaves out (accessibility/), if any."""
    url = expect.strip().strip("/") + "/"
    return url if url in UNSEARCHED_URLS else None


def known_names(hub: Hub) -> list[str]:
    return ([e.id for e in hub.faq_entries] + [s.id for s in hub.pledge_states] + list(PAGES)
            + [u.slug for u in hub.public_updates] + [p.name for p in hub.pages])


@dataclass
class CheckResult:
    check: SearchCheck
    target: Target | None
    top: list[Hit]

    @property
    def passed(self) -> bool:
        return self.target is not None and any(self.target.found_in(hit) for hit in self.top)

    def suggestion(self, hub: Hub) -> str:
        close = difflib.get_close_matches(self.check.expect, known_names(hub), n=1)
        return f"did you mean '{close[0]}'?" if close else \
            "use a FAQ entry id, a pledge state id or a page slug (refund-policy, contact, ...)"


def hidden_update(hub: Hub, expect: str) -> Update | None:
    """The update off the public hub (backers-only or a draft) that `expect` names, if any."""
    name = expect.strip().strip("/")
    name = name.removeprefix(UPDATES_URL)
    return next((update for update in hub.updates if update.slug == name and not update.is_public), None)


def run_checks(hub: Hub, engine: SearchEngine | None = None) -> list[CheckResult]:
    """Every search check's result, except those naming an update taken off the hub:
    those are left out (lint warns at their line, HUB171), never a reason to fail."""
    checks = [check for check in hub.search_checks if hidden_update(hub, check.expect) is None]
    if not checks:
        return []
    index = build_search_index(hub)
    engine = engine or engine_for(index)
    locations = {doc["location"] for doc in index["docs"]}
    return [CheckResult(check, resolve(hub, check.expect, locations), engine.top(check.query, TOP))
            for check in checks]


def keyword_fix(hub: Hub, result: CheckResult) -> tuple[str, int] | None:
    """A keyword that, added to the expected FAQ entry, brings it into the top 3:
    (keyword, its place then), tried on a copy of the index; None when the
    entry already has it or it would not be enough."""
    target = result.target
    entry_id = target.location.split("#")[-1] if target and not target.whole_page else None
    entry = next((e for e in hub.faq_entries if e.id == entry_id), None)
    if entry is None:
        return None
    index = build_search_index(hub)
    words = engine_for(index).words(result.check.query)
    keyword = " ".join(words)
    if not words or keyword in (k.lower() for k in entry.keywords):
        return None
    docs = [{**doc, "keywords": [*doc.get("keywords", []), keyword]} if doc["location"] == target.location
            else doc for doc in index["docs"]]
    top = SearchEngine({"config": index["config"], "docs": docs}).top(result.check.query, TOP)
    place = next((n for n, hit in enumerate(top, 1) if target.found_in(hit)), None)
    return (keyword, place) if place else None


def _place(top: list[Hit], target: Target) -> int | None:
    return next((n for n, hit in enumerate(top, 1) if target.found_in(hit)), None)


def synonym_fix(hub: Hub, result: CheckResult) -> tuple[str, str, int] | None:
    """A synonym under settings.synonyms (a word of the query -> a word of the answer's
    title) that brings the answer into the top 3: (word, title word, its place then),
    tried on an index of a copy of the hub; None when none of those tried is enough."""
    target, query = result.target, result.check.query
    if target is None:
        return None
    index = build_search_index(hub)
    engine = engine_for(index)
    asked = engine.words(query)
    answer = [doc for doc in index["docs"] if target.holds(doc["location"])]
    own = {word for doc in answer for word in engine.words(f"{doc['title']} {doc['text']}")}
    missing = [word for word in asked if word not in own]
    # Words of what the answer is called (the page's title, not its sections'): a synonym
    # to a section's "still" or "can" would make the query find everything.
    named = [doc for doc in answer if doc["location"] == target.location] or answer
    titles = list(dict.fromkeys(word for doc in named for word in engine.words(doc["title"]) if word not in asked))
    tries = [(word, title) for word in missing for title in titles][:MOST_SYNONYM_TRIES]
    for word, title in tries:
        synonyms = {**hub.settings.synonyms, word: [*hub.settings.synonyms.get(word, []), title]}
        copy = dataclasses.replace(hub, settings=dataclasses.replace(hub.settings, synonyms=synonyms))
        place = _place(SearchEngine(build_search_index(copy)).top(query, TOP), target)
        if place:
            build_search_index(hub)  # the hub's own index again for the checks after this one
            return word, title, place
    build_search_index(hub)
    return None


def wording_fix(hub: Hub, result: CheckResult, as_section: bool) -> int | None:
    """Where the answer comes when the query's words are in its own text, which the
    creator writes (a pledge state's description, an update, contact.routing), or in a
    heading of its own (`as_section`: a section of the refund policy or an extra page),
    tried on a copy of the index; None when that is not enough."""
    target = result.target
    if target is None:
        return None
    index = build_search_index(hub)
    query = result.check.query
    if as_section:
        section = {"location": f"{target.location}#{slugify(query) or 'answer'}", "title": query, "text": ""}
        docs = [*index["docs"], section]
    else:
        docs = [{**doc, "text": f"{doc['text']} {query}"} if doc["location"] == target.location else doc
                for doc in index["docs"]]
    return _place(SearchEngine({"config": index["config"], "docs": docs}).top(query, TOP), target)


def answer_name(location: str) -> str:
    """What a search check's `expect` calls the answer at an index location
    ("faq/#refund" -> "refund", "updates/2026-11-18-shipping-plan/" -> its file name)."""
    path, _, anchor = location.partition("#")
    if anchor and (path.startswith(FAQ_URL) or path == PLEDGE_STATES_URL):
        return anchor
    if path.startswith(UPDATES_URL) and path != UPDATES_URL:
        return path.rstrip("/").rsplit("/", 1)[-1]
    return path.rstrip("/").rsplit("/", 1)[-1] or "home"

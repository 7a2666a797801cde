"""Related answers under each FAQ answer, chosen at build time by the hub's own ranking.

An entry's question and keywords are searched as a backer would type them (engine.py, the
ranking hubgen-search.js uses in the browser); the other FAQ entries among
the results, best first, are its related answers. The search's cut-off
applies (to the best other answer), so an entry with nothing close has
fewer than RELATED or none.
"""

from __future__ import annotations

from hubgen.model import Hub
from hubgen.search.engine import SearchEngine, engine_for
from hubgen.search.index import build_search_index

RELATED = 3  #: at most this many under an answer


def related_engine(hub: Hub) -> SearchEngine:
    """The ranking related_answers uses: the hub's own search index's."""
    return engine_for(build_search_index(hub))


def related_answers(hub: Hub, part: slice = slice(None), engine: SearchEngine | None = None
                    ) -> dict[str, tuple[str, ...]]:
    """Each FAQ entry's id (of the entries in `part`, in file order) -> the ids of up to
    RELATED other entries, most related first. `engine`: related_engine(hub), when the
    caller made it already (render/site.py shares it with a forked process)."""
    engine = engine or related_engine(hub)
    entry_at = {f"{location.split('#')[0]}#{entry.id}": entry.id for location, entry in _entry_locations(hub)}
    related = {}
    for location, entry in list(_entry_locations(hub))[part]:
        query = " ".join([entry.question, *entry.keywords])
        found = engine.first_locations(query, entry_at.__contains__, RELATED, without=frozenset([location]))
        related[entry.id] = tuple(entry_at[at] for at in found)
    engine.forget_dense()
    return related


def _entry_locations(hub: Hub):
    from hubgen.urls import faq_url

    for category in hub.faq:
        location = faq_url(hub, category.slug)
        for entry in category.entries:
            yield f"{location}#{entry.id}", entry

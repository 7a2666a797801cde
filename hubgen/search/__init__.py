"""Search that answers backers: hubgen's own index, and the browser's ranking in Python.

  index.py     the model -> search/search_index.json (Material's format)
  synonyms.py  the built-in crowdfunding synonyms, extended by hub.yaml
  engine.py    Material's search worker ported to Python (query rewrite, boosts, grouping)
  lunrjs.py    lunr.py made to score and stem exactly as lunr.js 2.3.9
  checks.py    search_checks: resolve `expect`, run the query, top 3
"""

from hubgen.search.engine import Hit, SearchEngine
from hubgen.search.index import build_search_index, write_search_index
from hubgen.search.synonyms import BUILTIN_SYNONYMS, synonym_groups

__all__ = ["Hit", "SearchEngine", "build_search_index", "write_search_index",
           "BUILTIN_SYNONYMS", "synonym_groups"]

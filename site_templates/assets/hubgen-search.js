// hubgen search: one answer per result, for backers who type sentences.
//
// One file, three roles:
//   - the engine (createEngine): lunr.js over search/search_index.json, with
//     hubgen's query understanding and ranking. hubgen/search/engine.py is a
//     line-by-line port of it; tests/test_search_parity.py runs this file in
//     node and compares both over hundreds of queries.
//   - the Web Worker: when this file runs as a worker it loads lunr.js from
//     Material's own search worker (the same lunr 2.3.9 build the theme ships)
//     and answers queries off the page's main thread.
//   - the page: window.hubgenSearch(query, limit) -> Promise of results, the
//     header search's result list and the "How can we help?" answer boxes.
//     The contact form can call hubgenSearch to suggest answers as well.
//
// Every visible string comes from data-label-* attributes on the header
// search (overrides/partials/search.html), never from this file. Index text is
// inserted with textContent only.
(function (root) {
  "use strict";

  // -- the engine: pure functions, no DOM --------------------------------------

  var MIN_PREFIX = 3;   // shorter words never match as a prefix ("i" is not "include")
  var MIN_FUZZY = 5;    // words this long tolerate one typo when they match nothing
  var MIN_COMPOUND_PART = 4;  // "Zoll" + "gebühren": each part of a compound tried, at least this long
  var SNIPPET_MAX = 160;
  var SYNONYM_WEIGHT = 0.5;  // an answer found through a synonym counts half
  // A result scoring under this share of the best one is left out (one common
  // word shared with a long question is no answer); engine.py says why 0.1.
  var CUTOFF = 0.1;
  // A result that matched nothing but a word COMMON_SHARE of the entries match
  // is left out when the best result matched a word RARER times rarer ("kettle
  // limescale" on a kettle's hub); engine.py says why these values.
  var COMMON_SHARE = 0.2;
  var RARER = 4;

  // Material's `split`: the non-empty ranges between separator matches.
  function split(value, separator, fn) {
    var pattern = new RegExp(separator.source, "g");
    var index = 0;
    var match;
    do {
      match = pattern.exec(value);
      var until = match ? match.index : value.length;
      if (index < until) fn(index, until);
      if (match) {
        index = match.index + match[0].length;
        if (match[0].length === 0) pattern.lastIndex = match.index + 1;
      }
    } while (match);
  }

  // The text between HTML tags, as Material's `extract` splits a field.
  function textBlocks(value) {
    var blocks = [];
    var start = 0;
    var end = 0;
    for (; end < value.length; end++) {
      var char = value.charAt(end);
      if (char === "<" && end > start) {
        blocks.push(value.slice(start, end));
        start = end;
      } else if (char === ">") {
        start = end + 1;
      }
    }
    if (end > start) blocks.push(value.slice(start, end));
    return blocks;
  }

  // Lower-cased tokens of a field value (a string or a list of strings).
  function tokenize(value, separator) {
    if (value === undefined || value === null) return [];
    var items = Array.isArray(value) ? value : [value];
    var tokens = [];
    items.forEach(function (item) {
      textBlocks(String(item)).forEach(function (block) {
        split(block, separator, function (a, b) { tokens.push(block.slice(a, b).toLowerCase()); });
      });
    });
    return tokens;
  }

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'" };

  // Index text is HTML: tags dropped, entities decoded, spaces collapsed.
  function plainText(html) {
    return String(html || "")
      .replace(/<[^>]*>/g, " ")
      .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, function (whole, name) {
        if (name.charAt(0) === "#") {
          var code = name.charAt(1) === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
        }
        return Object.prototype.hasOwnProperty.call(ENTITIES, name) ? ENTITIES[name] : whole;
      })
      .split(/\s+/).filter(Boolean).join(" ");
  }

  // Where the first sentence ends: a . ! or ? before a space, except the dot of a
  // number ("am 5. Dezember") or of a one-letter abbreviation ("z. B."); -1 when none does.
  function firstSentenceEnd(text) {
    var ends = /[.!?](?=\s|$)/g, match;
    while ((match = ends.exec(text)) !== null) {
      var at = match.index, before = at ? text.charAt(at - 1) : "";
      if (text.charAt(at) === "." && (/[0-9]/.test(before) ||
          /\p{L}/u.test(before) && (at < 2 || text.charAt(at - 2) === " "))) continue;
      return at;
    }
    return -1;
  }

  // One line of the answer: its first sentence, cut at a word near SNIPPET_MAX.
  function snippet(html) {
    var text = plainText(html);
    var end = firstSentenceEnd(text);
    if (end !== -1) text = text.slice(0, end + 1);
    if (text.length <= SNIPPET_MAX) return text;
    var cut = text.slice(0, SNIPPET_MAX - 1);
    var space = cut.lastIndexOf(" ");
    return (space > 0 ? cut.slice(0, space) : cut) + " \u2026";
  }

  // -- the analyser: how a query becomes the words searched for ----------------
  // hubgen/search/analyser.py is its port; the steps, in order:
  //   1. tokenise as the index does (the index's separator, lower-cased);
  //   2. a synonym phrase that holds a stop word ("where is my") is read as its
  //      group's word ("tracking"): step 3 would drop what it means;
  //   3. lunr's stop words are dropped ("i", "a", "where", "my");
  //   4. synonyms: each word's stem -> the other one-word members of its groups;
  //   5. stem with lunr's stemmer when the index's pipeline stems.
  // -- the language: lunr's pipeline functions for the index's words ---------
  // hubgen/search/languages.py is its port. English (no config.language) is
  // lunr.js's own; another language keeps the letters and digits the config
  // lists (the trimmer), drops the config's stop words, and stems with
  // lunr-languages' Snowball stemmer, which the worker loads beside lunr.js
  // (LANGUAGE_FILES) before it reads the index.
  var LANGUAGE_FILES = "../lunr/min/";  // beside Material's search worker, on the hub's own host

  function languageScripts(config) {
    var spec = config.language;
    if (!spec || !spec.stemmer) return [];
    return ["lunr.stemmer.support.min.js", "lunr." + spec.stemmer + ".min.js"];
  }

  function registered(lunr, fn, label) {
    fn.label = label;  // lunr warns about pipeline functions it cannot name
    lunr.Pipeline.registeredFunctions[label] = fn;
    return fn;
  }

  function createLanguage(lunr, config) {
    var spec = config.language;
    if (!spec) return { trimmer: lunr.trimmer, stopWordFilter: lunr.stopWordFilter, stemmer: lunr.stemmer };
    var name = spec.stemmer || "none";
    var trimmer = function (token) { return token; };
    if (spec.word_characters) {
      var start = new RegExp("^[^" + spec.word_characters + "]+");
      var end = new RegExp("[^" + spec.word_characters + "]+$");
      trimmer = function (token) {
        return token.update(function (text) { return text.replace(start, "").replace(end, ""); });
      };
    }
    var stemmer = spec.stemmer ? lunr[spec.stemmer].stemmer : function (token) { return token; };
    return {
      trimmer: registered(lunr, trimmer, "hubgen-trimmer-" + name),
      stopWordFilter: registered(lunr, lunr.generateStopWordFilter(spec.stop_words || []), "hubgen-stop-" + name),
      stemmer: registered(lunr, function (token) { return stemmer(token); }, "hubgen-stemmer-" + name)
    };
  }

  function createAnalyser(lunr, config) {
    var separator = new RegExp(config.separator || "[\\s\\-]+");
    var language = createLanguage(lunr, config);
    var pipeline = config.pipeline || [];
    var stems = pipeline.indexOf("stemmer") !== -1;
    var trims = pipeline.indexOf("trimmer") !== -1;
    function isStopWord(word) { return language.stopWordFilter(new lunr.Token(word)) === undefined; }
    function stem(word) { return stems ? language.stemmer(new lunr.Token(word)).toString() : word; }
    function trim(word) { return trims ? language.trimmer(new lunr.Token(word)).toString() : word; }

    // Synonyms (config.synonyms: groups of one-word synonyms, built-in and the
    // hub's own): each word's stem -> the other words of its groups.
    var alternatives = {};
    (config.synonyms || []).forEach(function (group) {
      group.forEach(function (word) {
        var key = stem(word);
        var list = Object.prototype.hasOwnProperty.call(alternatives, key) ? alternatives[key]
          : (alternatives[key] = []);
        group.forEach(function (other) {
          if (stem(other) !== key && list.indexOf(other) === -1) list.push(other);
        });
      });
    });

    // [words, group's word], longest first ("where is my order" before "where is my").
    var phrases = (config.phrases || []).filter(function (phrase) {
      return phrase[0].some(isStopWord);
    }).map(function (phrase, at) { return { words: phrase[0], word: phrase[1], at: at }; });
    phrases.sort(function (a, b) { return b.words.length - a.words.length || a.at - b.at; });

    function phraseAt(tokens, at) {
      for (var n = 0; n < phrases.length; n++) {
        var words = phrases[n].words;
        var same = at + words.length <= tokens.length;
        for (var i = 0; same && i < words.length; i++) same = tokens[at + i] === words[i];
        if (same) return phrases[n];
      }
      return null;
    }

    // The words of a query that carry meaning, each once: its tokens without
    // stop words and without "*" (lunr would read it as a wildcard), each
    // synonym phrase found in it read as its group's word.
    function words(query) {
      var seen = {};
      var found = [];
      function keep(word) {
        if (!word || isStopWord(word) || Object.prototype.hasOwnProperty.call(seen, word)) return;
        seen[word] = true;
        found.push(word);
      }
      var tokens = tokenize(query, separator).map(function (token) { return trim(token).split("*").join(""); });
      for (var at = 0; at < tokens.length;) {
        var phrase = phraseAt(tokens, at);
        if (phrase) {
          keep(phrase.word);
          at += phrase.words.length;
        } else {
          keep(tokens[at]);
          at += 1;
        }
      }
      return found;
    }

    function synonyms(word) {
      var key = stem(word);
      return Object.prototype.hasOwnProperty.call(alternatives, key) ? alternatives[key] : [];
    }

    return { separator: separator, language: language, stem: stem, words: words, synonyms: synonyms };
  }

  function createEngine(lunr, data) {
    var config = data.config;
    var analyser = createAnalyser(lunr, config);
    var separator = analyser.separator;
    var pipeline = config.pipeline || [];
    var fields = config.fields;
    var docs = data.docs;
    var pages = {};
    var order = {};
    docs.forEach(function (doc, at) {
      var page = doc.location.split("#")[0];
      if (!Object.prototype.hasOwnProperty.call(pages, page)) pages[page] = doc;
      order[doc.location] = at;
    });

    var index = lunr(function () {
      var builder = this;
      builder.b(0);
      builder.pipeline.reset();
      builder.searchPipeline.reset();
      ["trimmer", "stopWordFilter", "stemmer"].forEach(function (name) {
        if (pipeline.indexOf(name) !== -1) builder.pipeline.add(analyser.language[name]);
      });
      if (pipeline.indexOf("stemmer") !== -1) builder.searchPipeline.add(analyser.language.stemmer);
      builder.ref("location");
      Object.keys(fields).forEach(function (name) {
        builder.field(name, {
          boost: fields[name].boost,
          extractor: function (doc) { return tokenize(doc[name], separator); }
        });
      });
      docs.forEach(function (doc) { builder.add(doc, { boost: doc.boost }); });
    });

    // The clauses one query word adds: the word as the index stems it, the
    // word as a prefix while it is being typed, one typo when asked.
    function clauses(query, word, fuzzy) {
      query.term(word, { usePipeline: true, wildcard: lunr.Query.wildcard.NONE });
      if (word.length >= MIN_PREFIX) {
        query.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      }
      if (fuzzy) query.term(word, { usePipeline: true, editDistance: 1 });
    }

    // ref -> score for one query word: the word itself, else its synonyms at
    // SYNONYM_WEIGHT, else (nothing at all matched) the word with one typo.
    function matches(word) {
      var scores = scoresOf(word);
      var others = analyser.synonyms(word);
      if (others.length) {
        index.query(function (query) {
          others.forEach(function (other) { query.term(other, { usePipeline: true }); });
        }).forEach(function (hit) {
          if (!Object.prototype.hasOwnProperty.call(scores, hit.ref)) scores[hit.ref] = SYNONYM_WEIGHT * hit.score;
        });
      }
      if (!Object.keys(scores).length && config.compounds) scores = compound(word);
      if (!Object.keys(scores).length && word.length >= MIN_FUZZY) {
        index.query(function (query) { clauses(query, word, true); }).forEach(function (hit) {
          scores[hit.ref] = hit.score;
        });
      }
      return scores;
    }

    // ref -> score for the word as the index stems it, and as a prefix while typed.
    function scoresOf(word) {
      var scores = {};
      index.query(function (query) { clauses(query, word, false); }).forEach(function (hit) {
        scores[hit.ref] = hit.score;
      });
      return scores;
    }

    // A compound the index does not have ("zollgebühren"), as the first split into
    // two words it has, shortest first part first: each entry scores what each
    // part finds there (engine.py: _compound).
    function compound(word) {
      var letters = Array.from(word);
      for (var cut = MIN_COMPOUND_PART; cut <= letters.length - MIN_COMPOUND_PART; cut++) {
        var first = scoresOf(letters.slice(0, cut).join(""));
        if (!Object.keys(first).length) continue;
        var second = scoresOf(letters.slice(cut).join(""));
        if (!Object.keys(second).length) continue;
        var scores = {};
        Object.keys(first).concat(Object.keys(second)).forEach(function (ref) {
          scores[ref] = (first.hasOwnProperty(ref) ? first[ref] : 0) + (second.hasOwnProperty(ref) ? second[ref] : 0);
        });
        return scores;
      }
      return {};
    }

    // Each entry's score: the sum of its lunr scores for each query word,
    // times the square of the share of query words it matches, so that an
    // answer matching most of a sentence beats one matching a single word.
    // Once a backer said who they are ("Your pledge"): 0 for an answer for them
    // (their segment or pledge state), 1 for everyone, 2 for other segments
    // (engine.py: Backer.tier).
    function backerTier(doc, backer) {
      var segments = doc.segments || [];
      if ((backer.segment && segments.indexOf(backer.segment) >= 0) ||
          (backer.state && (doc.states || []).indexOf(backer.state) >= 0)) return 0;
      return segments.length ? 2 : 1;
    }

    // Whether a result that matched the query words `found` is no answer beside
    // the best result, which matched `best`: it matched a single common word
    // (COMMON_SHARE of the entries match it), and the best one a word RARER times
    // rarer. Words about as common as each other say nothing about which answer
    // is meant, so then none is left out; the best result itself never is.
    // `entries`: how many entries each query word matches.
    function offersLess(found, best, entries) {
      if (found.length !== 1) return false;
      var many = entries[found[0]];
      return many >= COMMON_SHARE * docs.length && best.some(function (word) { return RARER * entries[word] <= many; });
    }

    function search(query, limit, backer) {
      var words = analyser.words(query);
      var scored = {};
      var entries = Object.create(null);  // a word may be "__proto__"
      words.forEach(function (word) {
        var scores = matches(word);
        var refs = Object.keys(scores);
        entries[word] = refs.length;
        refs.forEach(function (ref) {
          var entry = scored[ref] || (scored[ref] = { sum: 0, words: [] });
          entry.sum += scores[ref];
          entry.words.push(word);
        });
      });
      var results = Object.keys(scored).map(function (location) {
        var entry = scored[location];
        var share = entry.words.length / words.length;
        return { location: location, score: entry.sum * share * share };
      });
      results.sort(function (a, b) { return b.score - a.score || order[a.location] - order[b.location]; });
      if (results.length) {
        var floor = CUTOFF * results[0].score;
        var best = scored[results[0].location].words;
        results = results.filter(function (result) {
          return result.score >= floor && !offersLess(scored[result.location].words, best, entries);
        });
      }
      if (backer && (backer.segment || backer.state)) {
        results.forEach(function (result) { result.tier = backerTier(docs[order[result.location]], backer); });
        results.sort(function (a, b) {
          return a.tier - b.tier || b.score - a.score || order[a.location] - order[b.location];
        });
      }
      return results.slice(0, limit || results.length).map(function (result) {
        var doc = docs[order[result.location]];
        var page = pages[result.location.split("#")[0]];
        return {
          location: result.location,
          title: plainText(doc.title),
          snippet: snippet(doc.text),
          page: page === doc ? "" : plainText(page.title),
          score: result.score
        };
      });
    }

    return { search: search, words: analyser.words };
  }

  var engineApi = {
    createEngine: createEngine, createAnalyser: createAnalyser, languageScripts: languageScripts,
    tokenize: tokenize, snippet: snippet, plainText: plainText
  };

  if (typeof module === "object" && module.exports) {  // node: the parity test
    module.exports = engineApi;
    return;
  }

  // -- the Web Worker ------------------------------------------------------------
  // The index comes in shards (hubgen/search/index.py, search_shards): the first
  // holds the config and every answer but the updates, and names the others.
  // The page hands over the first as soon as it has it (the head preloads it);
  // queries are answered from it at once, then from the whole index once the
  // other shards are in. lunr.js loads as soon as the worker starts, while the
  // first shard is still on its way. On a later visit the first shard may be the
  // copy the browser kept ("fresh" false) until the page has checked it is still
  // the current one. Each answer says whether it came from the whole, current index.

  if (typeof document === "undefined" && typeof importScripts === "function") {
    var engine = null;
    var whole = false;  // every shard is in
    var fresh = false;  // the first shard is the current one
    var setups = 0;
    var waiting = [];
    var imported = {};
    var load = function (url) {
      if (imported[url]) return;
      imported[url] = true;
      // Material's worker exposes its lunr as self.lunr; keep it from
      // listening to this worker's messages while it loads.
      var listen = self.addEventListener;
      self.addEventListener = function () {};
      try { importScripts(url); } finally { self.addEventListener = listen; }
    };
    var answer = function (message) {
      postMessage({ id: message.id, complete: whole && fresh,
                    results: engine.search(message.query, message.limit, message.backer) });
    };
    var grow = function (config, docs, all) {
      engine = createEngine(self.lunr, { config: config, docs: docs });
      whole = all;
      waiting.splice(0).forEach(answer);
      postMessage({ type: "grown", complete: whole && fresh });
    };
    var setup = function (message) {
      var generation = ++setups;
      load(message.lunr);
      var first = JSON.parse(message.first);
      var folder = new URL(LANGUAGE_FILES, message.lunr);
      languageScripts(first.config).forEach(function (file) { load(new URL(file, folder).href); });
      fresh = message.fresh;
      var names = first.shards || [];
      grow(first.config, first.docs, names.length === 0);
      if (!names.length) return;
      Promise.all(names.map(function (name) {
        return fetch(new URL(name, message.index).href).then(function (response) { return response.json(); });
      })).then(function (rest) {
        if (generation !== setups) return;  // a newer first shard came meanwhile
        grow(first.config, rest.reduce(function (docs, shard) { return docs.concat(shard.docs); }, first.docs), true);
      }, function () {});  // a kept first shard may name shards that are gone: the current one follows
    };
    self.onmessage = function (event) {
      var message = event.data;
      if (message.type === "lunr") {
        load(message.lunr);
      } else if (message.type === "setup") {
        setup(message);
      } else if (message.type === "fresh") {
        fresh = true;
        postMessage({ type: "grown", complete: whole && fresh });
      } else if (engine) {
        answer(message);
      } else {
        waiting.push(message);
      }
    };
    return;
  }

  // -- the page ----------------------------------------------------------------------

  var script = document.currentScript;
  var worker = null;
  var pending = {};
  var counter = 0;
  var whenWhole = [];  // run again once the whole index is in: the boxes' queries

  // Where the index's first shard and Material's worker (its lunr.js) are: on this
  // script's tag in the head (overrides/main.html), so the worker can start before
  // the page is parsed; else where the header search and Material's config say.
  function sources() {
    var own = script.dataset || {};
    if (own.searchIndex && own.searchWorker) {
      return { index: new URL(own.searchIndex, location.href).href,
               lunr: new URL(own.searchWorker, location.href).href };
    }
    var configElement = document.getElementById("__config");
    var config = JSON.parse(configElement ? configElement.textContent : "{}");
    return { index: places().index, lunr: new URL(config.search, location.href).href };
  }

  // The worker starts, and the index loads, as soon as this script runs: a
  // backer's first question should not wait for the index to start loading.
  function start() {
    if (worker) return worker;
    var where = sources();
    worker = new Worker(script.src);
    worker.postMessage({ type: "lunr", lunr: where.lunr });
    worker.onmessage = function (event) {
      if (event.data.type === "grown") {
        if (event.data.complete) whenWhole.forEach(function (again) { again(); });
        return;
      }
      var resolve = pending[event.data.id];
      delete pending[event.data.id];
      if (resolve) resolve(event.data);
    };
    // The same request as the head's preload (same URL, mode and credentials), so it uses it.
    fetch(where.index).then(function (response) { return response.text(); }).then(function (first) {
      var kept = fromCache(where.index);
      worker.postMessage({ type: "setup", lunr: where.lunr, index: where.index, first: first, fresh: !kept });
      if (!kept) return;
      // On a later visit the browser hands over the copy it kept without asking
      // the host (render/headers.py: stale-while-revalidate), which saves a round
      // trip before the first answer; this asks whether it is still the current one.
      fetch(where.index, { cache: "no-cache" }).then(function (response) { return response.text(); })
        .then(function (current) {
          worker.postMessage(current === first ? { type: "fresh" }
            : { type: "setup", lunr: where.lunr, index: where.index, first: current, fresh: true });
        });
    });
    return worker;
  }

  // Whether `url` came from the browser's cache, by what its first load (the
  // head's preload) cost on the wire; the browser's own check of a kept copy
  // may be listed after it.
  function fromCache(url) {
    var loads = performance.getEntriesByName ? performance.getEntriesByName(url) : [];
    return !loads.length || loads[0].transferSize === 0;
  }

  // {results, complete}: complete when they come from the whole index.
  function ask(query, limit) {
    var id = ++counter;
    // Who is asking, as "Your pledge" keeps it (delivery.js): it stays in this page and its worker.
    var pledge = typeof root.hubgenPledge === "function" ? root.hubgenPledge() : {};
    var backer = { segment: String(pledge.segment || ""), state: String(pledge.state || "") };
    start().postMessage({ type: "query", id: id, query: String(query), limit: limit || 10, backer: backer });
    return new Promise(function (resolve) { pending[id] = resolve; });
  }

  // The answers to `query`, best first: [{location, title, snippet, page, score}].
  // location is relative to the site's root ("faq/#tracking"; "" is home).
  root.hubgenSearch = function (query, limit) {
    return ask(query, limit).then(function (answered) { return answered.results; });
  };

  // The same answers as {title, url, snippet}: what the "Ask us" form suggests.
  root.hubgenSearch.top = function (query, n) {
    return root.hubgenSearch(query, n).then(function (results) {
      return results.map(function (result) {
        return { title: result.title, url: siteUrl(result.location), snippet: result.snippet };
      });
    });
  };

  function siteUrl(location) {
    var configElement = document.getElementById("__config");
    var base = JSON.parse(configElement ? configElement.textContent : "{}").base || ".";
    return new URL(location, new URL(base.replace(/\/?$/, "/"), window.location.href)).href;
  }

  function labels() {
    var holder = document.querySelector("[data-hubgen-search]");
    var data = holder ? holder.dataset : {};
    return {
      help: data.labelHelp || "",
      placeholder: data.labelPlaceholder || "",
      idle: data.labelIdle || "",
      none: data.labelNone || "",
      one: data.labelOne || "",
      other: data.labelOther || "",
      on: data.labelOn || "",
      nothing: data.labelNothing || "",
      offer: data.labelOffer || ""
    };
  }

  // Where the results page and the contact form are (hubgen/urls.py, through
  // overrides/partials/search.html), as absolute URLs.
  function places() {
    var holder = document.querySelector("[data-hubgen-search]");
    var data = holder ? holder.dataset : {};
    return {
      search: new URL(data.searchUrl || ".", location.href).href,
      query: data.queryParam || "q",
      contact: new URL(data.contactUrl || ".", location.href).href,
      question: data.questionParam || "question",
      index: new URL(data.searchIndex || ".", location.href).href
    };
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Shows answers to what is typed in `input` in `list`; counts them in `status`.
  // Enter sends the form: to the results page (search/?q=...).
  function attach(input, list, status, limit, itemClass, onOpen, onShown) {
    var text = labels();
    var latest = 0;
    var final = true;  // the answers shown come from the whole index
    // What the answers answer, once they come from the whole index (tests wait on it).
    function render(results, query, complete) {
      final = complete;
      list.textContent = "";
      list.setAttribute("data-query", complete ? query : "");
      results.forEach(function (result) {
        var item = element("li", itemClass);
        var link = element("a", "hubgen-result");
        link.href = siteUrl(result.location);
        link.appendChild(element("span", "hubgen-result__title", result.title));
        if (result.snippet) link.appendChild(element("span", "hubgen-result__snippet", result.snippet));
        if (result.page) {
          link.appendChild(element("span", "hubgen-result__page", text.on.replace("{page}", result.page)));
        }
        link.addEventListener("click", function (event) { if (onOpen) onOpen(event, link); });
        item.appendChild(link);
        list.appendChild(item);
      });
      var count = results.length;
      status.textContent = !input.value.trim() ? text.idle : count === 0 ? text.none
        : (count === 1 ? text.one : text.other).replace("{n}", String(count));
      if (onShown) onShown(results, query, complete);
    }
    input.addEventListener("input", function () {
      var query = input.value;
      var ticket = ++latest;
      if (!query.trim()) { render([], query, true); return; }
      ask(query, limit).then(function (answered) {
        if (ticket === latest) render(answered.results, query, answered.complete);
      });
    });
    // Answers given before the whole index was in are asked again once it is.
    whenWhole.push(function () {
      if (!final && input.value.trim()) input.dispatchEvent(new Event("input"));
    });
    // Arrow keys move between the input and the answers; Enter on one follows it.
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }
    function move(event) {
      var all = links();
      var at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[Math.min(at + 1, all.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at !== -1) {
        event.preventDefault();
        if (at === 0) input.focus(); else all[at - 1].focus();
      }
    }
    input.addEventListener("keydown", move);
    list.addEventListener("keydown", move);
    status.textContent = text.idle;
    // The box is in the page's HTML: a backer may have typed before this script ran.
    if (input.value.trim()) input.dispatchEvent(new Event("input"));
  }

  var SLIDE_OUT_LIMIT_MS = 1500;  // Material slides the search out in 0.3 s, then unlocks the page

  function isOnThisPage(link) {
    return Boolean(link.hash) && link.pathname === location.pathname && link.search === location.search;
  }

  function mountHeader() {
    var holder = document.querySelector("[data-hubgen-search]");
    if (!holder) return;
    var toggle = document.getElementById("__search");
    var input = holder.querySelector("input.md-search__input");
    var list = holder.querySelector("[data-hubgen-results]");
    var status = holder.querySelector("[data-hubgen-status]");
    var form = holder.querySelector("form");
    var inner = holder.querySelector(".md-search__inner");
    var output = holder.querySelector(".md-search__output");
    var returnTo = null;  // what had the focus before the search opened
    // Below 60em Material slides the whole search in from the side; closed, none of
    // it may take the focus (a Tab would land off-screen and scroll the page sideways).
    // On wider screens the field stays in the header, and only the results hide.
    var narrow = window.matchMedia("(max-width: 59.984375em)");
    function sync() {
      var isOpen = !toggle || toggle.checked;
      if (inner) inner.inert = !isOpen && narrow.matches;
      if (output) output.inert = !isOpen;
    }
    // Through a click, as Material's own toggles do: Material listens for the
    // change to lock the page's scroll on a phone while the search is open.
    function open(state) {
      if (toggle && toggle.checked !== state) toggle.click();
      sync();
    }
    // On a phone, a result on the open page is followed only once the search has
    // slid away and Material has unlocked the page and scrolled it back to where
    // the backer was: followed at once, the page would stay at the top.
    function followOnceClosed(event, link) {
      event.preventDefault();
      var since = Date.now();
      (function wait() {
        var closed = !document.body.hasAttribute("data-md-scrolllock") && inner.offsetWidth === 0;
        if (closed || Date.now() - since > SLIDE_OUT_LIMIT_MS) location.href = link.href;
        else requestAnimationFrame(wait);
      })();
    }
    if (narrow.addEventListener) narrow.addEventListener("change", sync);
    sync();
    // Below 60em the header shows a search button instead of the field: a label
    // Material gives no keyboard access to. A Tab reaches it, Enter or Space opens
    // the search, and Escape comes back to it (returnTo).
    var opener = document.querySelector("label.md-header__button[for='__search']");
    if (opener) {
      opener.tabIndex = 0;
      opener.setAttribute("role", "button");
      opener.setAttribute("aria-label", holder.getAttribute("aria-label"));
      opener.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        open(true);
      });
    }
    attach(input, list, status, 10, "md-search-result__item", function (event, link) {
      open(false);
      if (narrow.matches && isOnThisPage(link)) followOnceClosed(event, link);
    });
    form.addEventListener("reset", function () {
      list.textContent = "";
      list.setAttribute("data-query", "");
      status.textContent = labels().idle;
      input.focus();
    });
    // Typing or a click opens the answers; a Tab that passes through the field
    // does not, and a Tab out of the search closes it (no dimmed page left behind).
    input.addEventListener("input", function () { open(true); });
    input.addEventListener("click", function () { open(true); });
    holder.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !holder.contains(event.relatedTarget)) open(false);
    });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked && !holder.contains(document.activeElement)) returnTo = document.activeElement;
        sync();
        if (toggle.checked) input.focus();
      });
    }
    // Escape closes the search and leaves the focus in sight: on the field where
    // the header still shows it, else where the backer was before opening it.
    holder.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      open(false);
      if (!inner.inert) input.focus();
      else if (returnTo && returnTo.isConnected) returnTo.focus();
    });
    document.addEventListener("keydown", function (event) {
      var active = document.activeElement;
      var typing = active && (/^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName) || active.isContentEditable);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        open(true);
        input.focus();
      }
    });
  }

  // The "How can we help?" boxes are forms in the page (overrides/partials/answer-box.html)
  // that ask search/ without this script; with it, answers show as the backer types.
  function mountAnswerBoxes() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-hubgen-answers]"), function (form) {
      var input = form.querySelector(".hubgen-answers__input");
      var status = form.querySelector(".hubgen-answers__status");
      var list = form.querySelector(".hubgen-answers__list");
      attach(input, list, status, 5, "hubgen-answers__item");
    });
  }

  // search/?q=...: the answers to q, best first; none, and the contact form is
  // offered with the question filled in.
  function mountResultsPage() {
    var form = document.querySelector("[data-hubgen-results-page]");
    if (!form) return;
    var text = labels();
    var where = places();
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector("ol");
    var status = form.querySelector("[role=status]");
    var ask = form.querySelector(".hubgen-results__ask");
    var askLink = ask.querySelector("a");
    attach(input, list, status, 50, "hubgen-results__item", null, function (results, query, complete) {
      var nothing = complete && results.length === 0 && query.trim() !== "";
      ask.hidden = !nothing;
      if (!nothing) return;
      status.textContent = text.nothing.replace("{query}", query.trim());
      var contact = new URL(where.contact);
      contact.searchParams.set(where.question, query.trim());
      askLink.href = contact.href;
    });
    var query = new URLSearchParams(location.search).get(where.query) || "";
    if (!query.trim()) return;
    input.value = query;
    input.dispatchEvent(new Event("input"));
  }

  function mount() {
    mountHeader();
    mountAnswerBoxes();
    mountResultsPage();
  }

  start();
  // The boxes are enhanced once the page is parsed ("interactive"), which comes
  // before the deferred scripts run and DOMContentLoaded: the box is usable as
  // soon as it is painted, even while Material's bundle is still on its way.
  if (document.readyState !== "loading") {
    mount();
  } else {
    document.addEventListener("readystatechange", function parsed() {
      document.removeEventListener("readystatechange", parsed);
      mount();
    });
  }
})(typeof self !== "undefined" ? self : this);

// Run hubgen's search engine (site_templates/assets/hubgen-search.js) in node
// with the lunr.js that Material's search worker carries (the file the built
// hub loads), and print the answers to each query. Used by
// tests/test_search_parity.py.
//
//   node tests/search_parity.js WORKER.js INPUT.json
//
// INPUT.json: {"index": {...search_index.json...}, "queries": [...], "words": [...], "terms": [...],
//              "backer": {"segment": ..., "state": ...} (optional: who is searching)}
// Prints JSON: {"lunr": {"worker": "2.3.9", "package": "2.3.9"},
//               "results": [[{location, score, title, snippet, page}, ...], ...],
//               "words": [[...], ...], "stems": [...], "terms": [...]}
// "stems": each of "words" through the npm lunr package's stemmer; "terms": each
// of "terms" through the index's pipeline, in the index's language (null: dropped).
"use strict"
const fs = require("fs")
const path = require("path")

const [workerFile, inputFile] = process.argv.slice(2)
const input = JSON.parse(fs.readFileSync(inputFile, "utf8"))
const lunrPackage = require(path.join(__dirname, "..", "node_modules", "lunr"))

// Material's worker expects a Web Worker's global scope and exposes its lunr
// as self.lunr, as it does for hubgen's worker in the browser.
globalThis.self = globalThis
globalThis.addEventListener = () => {}
require(path.resolve(workerFile))
const hubgen = require(path.join(__dirname, "..", "site_templates", "assets", "hubgen-search.js"))
// The language's lunr-languages files, from the built site as the worker loads them.
const languageFolder = path.join(path.dirname(path.resolve(workerFile)), "..", "lunr", "min")
hubgen.languageScripts(input.index.config).forEach(file => require(path.join(languageFolder, file))(self.lunr))

const engine = hubgen.createEngine(self.lunr, input.index)
// Each word as the index's pipeline makes it a term (null: dropped), with the index's language.
const language = hubgen.createAnalyser(self.lunr, input.index.config).language
const steps = ["trimmer", "stopWordFilter", "stemmer"].filter(step => (input.index.config.pipeline || []).includes(step))
const terms = (input.terms || []).map(word => {
  let token = new self.lunr.Token(word)
  for (const step of steps) {
    token = language[step](token)
    if (token === undefined || token === null) return null
  }
  return token.toString()
})
const results = input.queries.map(query => engine.search(query, undefined, input.backer))
const words = input.queries.map(query => engine.words(query))
const stems = (input.words || []).map(w => lunrPackage.stemmer(new lunrPackage.Token(w)).toString())
process.stdout.write(JSON.stringify({
  lunr: { worker: self.lunr.version, package: lunrPackage.version }, results, words, stems, terms
}))

// Run hubgen's search engine (site_templates/assets/hubgen-search.js) in node
// with the lunr.js that Material's search worker carries (the file the built
// hub loads), and print the answers to each query. Used by
// tests/test_search_parity.py.
//
//   node tests/search_parity.js WORKER.js INPUT.json
//
// INPUT.json: {"index": {...search_index.json...}, "queries": [...], "words": [...]}
// Prints JSON: {"lunr": {"worker": "2.3.9", "package": "2.3.9"},
//               "results": [[{location, score, title, snippet, page}, ...], ...],
//               "words": [[...], ...], "stems": [...]}
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

const engine = hubgen.createEngine(self.lunr, input.index)
const results = input.queries.map(query => engine.search(query))
const words = input.queries.map(query => engine.words(query))
const stems = (input.words || []).map(w => lunrPackage.stemmer(new lunrPackage.Token(w)).toString())
process.stdout.write(JSON.stringify({
  lunr: { worker: self.lunr.version, package: lunrPackage.version }, results, words, stems
}))

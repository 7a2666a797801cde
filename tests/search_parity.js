// Run Material's own search worker (the file the browser loads, lunr.js 2.3.9
// inside) in node over a search_index.json, and print what the search dialog
// would list for each query. Used by tests/test_search_parity.py.
//
//   node tests/search_parity.js WORKER.js INPUT.json
//
// INPUT.json: {"index": {...search_index.json...}, "queries": [...], "words": [...]}
// Prints JSON: {"lunr": {"worker": "2.3.9", "package": "2.3.9"},
//               "results": [[{location, score, folded}, ...], ...], "stems": [...]}
"use strict"
const fs = require("fs")
const path = require("path")

const [workerFile, inputFile] = process.argv.slice(2)
const input = JSON.parse(fs.readFileSync(inputFile, "utf8"))
const lunrPackage = require(path.join(__dirname, "..", "node_modules", "lunr"))

// The worker expects a Web Worker's global scope.
let onMessage
let lastMessage
globalThis.self = globalThis
globalThis.addEventListener = (type, fn) => { if (type === "message") onMessage = fn }
globalThis.postMessage = message => { lastMessage = message }
globalThis.importScripts = () => { throw new Error("no language packs in this test") }
require(path.resolve(workerFile))

async function send(message) {
  lastMessage = undefined
  await onMessage({ data: message })
  return lastMessage
}

// Material's renderSearchResultItem: page heading, best sections, the rest folded.
function display(group) {
  const threshold = group[0].score
  const docs = [...group]
  let at = docs.findIndex(doc => !doc.location.includes("#"))
  const [article] = docs.splice(at, 1)
  let best = docs.findIndex(doc => doc.score < threshold)
  if (best === -1) best = docs.length
  const row = (doc, folded) => ({ location: doc.location, score: doc.score, folded })
  return [row(article, false), ...docs.slice(0, best).map(d => row(d, false)),
          ...docs.slice(best).map(d => row(d, true))]
}

async function main() {
  // The page adds `options` before handing the index to the worker.
  await send({ type: 0, data: { ...input.index, options: { suggest: false } } })
  const results = []
  for (const query of input.queries) {
    const reply = await send({ type: 2, data: query })
    results.push(reply.data.items.flatMap(display))
  }
  const stems = (input.words || []).map(w => lunrPackage.stemmer(new lunrPackage.Token(w)).toString())
  process.stdout.write(JSON.stringify({
    lunr: { worker: self.lunr.version, package: lunrPackage.version }, results, stems
  }))
}

main().catch(error => { console.error(error); process.exit(1) })

// Chosen routes of a compiled pathway through the page's engine, one line per route (see tests/test_web_engine.py):
//   answers | the outcome's fields (tests/web_outcome.js)
// Usage: node tests/web_sample.js ENGINE.js < {"pathway": compiled, "routes": [[[question, option], ...], ...]}
"use strict";
const engine = require(process.argv[2]);
const outcomeFields = require("./web_outcome.js");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const pathway = engine.prepare(input.pathway);
const out = input.routes.map((pairs) => {
  const outcome = engine.buildOutcome(pathway, new Map(pairs));
  return [
    pairs.map(([q, o]) => q + "=" + o).join(","),
    outcomeFields(outcome),
  ].join("|");
});
process.stdout.write(out.map((line) => line + "\n").join(""));

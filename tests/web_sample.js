// Chosen routes of a compiled pathway through the page's engine, one line per route (see tests/test_web_engine.py):
//   answers | urgency | step ids | contact:role | person contacts
// Usage: node tests/web_sample.js ENGINE.js < {"pathway": compiled, "routes": [[[question, option], ...], ...]}
"use strict";
const engine = require(process.argv[2]);
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const pathway = engine.prepare(input.pathway);
const out = input.routes.map((pairs) => {
  const outcome = engine.buildOutcome(pathway, new Map(pairs));
  return [
    pairs.map(([q, o]) => q + "=" + o).join(","),
    outcome.urgency,
    outcome.steps.map((s) => s.step.id).join(","),
    outcome.contacts.map((c) => c.id + ":" + c.role + (c.regional ? "@region" : "")).join(","),
    outcome.personContacts.map((c) => c.id).join(","),
  ].join("|");
});
process.stdout.write(out.map((line) => line + "\n").join(""));

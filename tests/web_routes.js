// Every route of a compiled pathway through the page's engine, one line per route (see tests/test_web_engine.py):
//   answers | interrupt points (i:blocks/steps/calls) | the outcome's fields (tests/web_outcome.js)
// Usage: node tests/web_routes.js ENGINE.js < compiled.json
"use strict";
const engine = require(process.argv[2]);
const outcomeFields = require("./web_outcome.js");
const pathway = engine.prepare(JSON.parse(require("fs").readFileSync(0, "utf8")));
const out = [];
let size = 0;
function flush() {
  process.stdout.write(out.join(""));
  out.length = 0;
  size = 0;
}
// an interrupt as blocks/steps/calls: each number with its role and the block its note comes from
function interrupt(shown) {
  return [
    shown.blocks.map((b) => b.id).join("+"),
    shown.steps.map((s) => s.id).join("+"),
    shown.calls.map((c) => c.id + ":" + c.role + "@" + c.block).join("+"),
  ].join("/");
}
try {
  engine.everyRoute(pathway, (answers, interrupts) => {
    const outcome = engine.buildOutcome(pathway, answers);
    const line = [
      Array.from(answers, ([q, o]) => q + "=" + o).join(","),
      interrupts.map((shown, i) => (shown ? i + ":" + interrupt(shown) : "")).join(","),
      outcomeFields(outcome),
    ].join("|");
    out.push(line + "\n");
    size += line.length;
    if (size > 1 << 20) flush();
  });
} catch (error) {
  flush();
  process.stdout.write("error: loops at " + error.message.split(" ").pop() + "\n");
  process.exit(0);
}
flush();

// The practice page's mark (samen_refer/render/web/practice.js) on answers sent one line at a time (see
// tests/test_web_practice.py). Usage: node tests/web_practice.js ENGINE.js PRACTICE.js
// First line: {"pathway": compiled, "practice": compiled practice}; then each line {"scenario": id, "answers":
// [[question, option], ...]} is answered with one line: the comparison as plain data.
"use strict";
const engine = require(process.argv[2]);
const practice = require(process.argv[3]);
const readline = require("readline");
let pathway = null;
let data = null;
const national = new Map();
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const input = JSON.parse(line);
  if (pathway === null) {
    pathway = engine.prepare(input.pathway);
    pathway.contacts.forEach((c, id) => national.set(id, c));
    data = input.practice;
    return;
  }
  const exercise = data.scenarios.find((s) => s.id === input.scenario);
  const region = exercise.region ? data.regions[exercise.region] : null;
  pathway.contacts = new Map(national); // as the page: the scenario's region only
  pathway.region = region ? region.region : null;
  if (region) region.contacts.forEach((c) => pathway.contacts.set(c.id, c));
  const marked = practice.mark(engine, pathway, exercise, data.weights, new Map(input.answers));
  process.stdout.write(JSON.stringify({
    answers: marked.answers,
    missed: marked.missed.map((c) => c.id),
    added: marked.added.map((c) => c.id),
    roles: marked.roles.map((r) => [r.contact.id, r.expected, r.chosen]),
    urgency: marked.urgency,
    score: marked.score,
  }) + "\n");
});

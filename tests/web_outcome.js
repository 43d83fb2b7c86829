// The fields of an outcome of the page's engine as tests/test_web_engine.py's `_outcome_fields` writes them:
//   urgency | steps;background;care (step ids) | contact:role/position | person contacts
"use strict";
module.exports = function outcomeFields(outcome) {
  return [
    outcome.urgency,
    [outcome.steps, outcome.background, outcome.care].map((l) => l.map((s) => s.step.id).join(",")).join(";"),
    outcome.contacts
      .map((c) => c.id + ":" + c.role + (c.position ? "/" + c.position : "") + (c.regional ? "@region" : ""))
      .join(","),
    outcome.personContacts.map((c) => c.id).join(","),
  ].join("|");
};

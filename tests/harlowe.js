// What the Harlowe subset of tests/harlowe.py means: the operations its translated passages call, with the checks
// Harlowe makes, and the walk along every way through a story. tests/harlowe.py sends this file, then the passages
// (`passages.set(name, {statements: [function (v, out, links) {...}, ...], keys, whole, sets})`: a function per
// statement, which returns the passage to go to or null, and how the passage uses variables), then
// `walk(start, startup, before, after)`. A datamap is a Map, an array an Array; `(set:)` stores a copy, as
// Harlowe's data are values.
"use strict";

class HarloweError extends Error {}

function fail(message) {
  throw new HarloweError(message);
}

const h = {
  copy(x) {
    return x instanceof Map ? new Map(x) : Array.isArray(x) ? x.slice() : x;
  },
  variable(v, name) {
    if (!v.has(name)) fail("$" + name + " is used before it is set");
    return v.get(name);
  },
  get(data, key) {
    if (!(data instanceof Map)) fail("'s " + JSON.stringify(key) + " of something that is not a datamap");
    if (!data.has(key)) fail("the datamap has no " + JSON.stringify(key));
    return data.get(key);
  },
  put(data, key, value) {
    if (!(data instanceof Map)) fail("(set:) 's " + JSON.stringify(key) + " of something that is not a datamap");
    data.set(key, h.copy(value));
  },
  dm(items) {
    const data = new Map();
    for (let i = 0; i < items.length; i += 2) {
      if (typeof items[i] !== "string" || data.has(items[i])) fail("(dm:) with the key " + JSON.stringify(items[i]));
      data.set(items[i], items[i + 1]);
    }
    return data;
  },
  min(x, y) {
    if (!Number.isInteger(x) || !Number.isInteger(y)) fail("(min:) of " + x + " and " + y);
    return Math.min(x, y);
  },
  boolean(x, where) {
    if (x === true || x === false) return x;
    return fail(where + " is given " + JSON.stringify(x) + ", not true or false");
  },
  if(x) {
    return h.boolean(x, "(if:)");
  },
  and(x, y) {
    const left = h.boolean(x, "and"); // Harlowe works out both sides of `and`
    const right = h.boolean(y, "and");
    return left && right;
  },
  not(x) {
    return !h.boolean(x, "not");
  },
  plus(x, y) {
    if (!Array.isArray(x) || !Array.isArray(y)) fail("+ of other than two arrays");
    return x.concat(y);
  },
  is(x, y) {
    if (typeof x === "object" || typeof y === "object") fail("`is` of a datamap or an array");
    return x === y;
  },
  isIn(x, array) {
    if (!Array.isArray(array)) fail("`is in` or `contains` of something that is not an array");
    for (let i = 0; i < array.length; i++) if (h.is(x, array[i])) return true;
    return false;
  },
};

const passages = new Map();

function run(name, variables) {
  const passage = passages.get(name);
  if (passage === undefined) fail("no passage named " + JSON.stringify(name));
  const v = new Map();
  variables.forEach((value, key) => v.set(key, h.copy(value)));
  const out = [];
  const links = [];
  const statements = passage.statements;
  for (let i = 0; i < statements.length; i++) {
    const goTo = statements[i](v, out, links);
    if (goTo !== null) return { v, out, links, goTo };
  }
  return { v, out, links, goTo: null };
}

// Write to stdout at once, also into a pipe the reader has not emptied yet (a stream would buffer it all).
function write(text) {
  const data = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += require("fs").writeSync(1, data, offset);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
    }
  }
}

function plain(x) {
  if (x instanceof Map) return Object.fromEntries(Array.from(x, ([key, value]) => [key, plain(value)]));
  return Array.isArray(x) ? x.map(plain) : x;
}

function some(v, names) {
  return Object.fromEntries(names.filter((name) => v.has(name)).map((name) => [name, plain(v.get(name))]));
}

// What a passage's run depends on, given the variables it begins with, or null. A passage that reads those only as
// `$v's "key"`, and sets none of them, shows the same and sets the same for the same values of those keys.
function memoKey(name, passage, vars) {
  if (passage.whole.some((n) => vars.has(n)) || passage.sets.some((n) => vars.has(n))) return null;
  const parts = [name, Array.from(vars.keys()).sort().join(",")];
  for (const [n, keys] of Object.entries(passage.keys)) {
    if (!vars.has(n)) continue;
    const data = vars.get(n);
    if (!(data instanceof Map)) return null;
    keys.forEach((key) => parts.push(data.has(key) ? JSON.stringify(plain(data.get(key))) : "-"));
  }
  return parts.join("\u0001");
}

// Every way from `start`, following each passage's links in order, as lines of JSON on stdout: per way,
// [choices: [[passage, link target], ...], the variables named in `before` as the last passage begins, ending];
// before its first use, an ending (what the last passage shows, as line numbers, and the variables named in `after`
// that it sets) as {"ending": number, "lines": [...], "after": {...}}, and a line as {"line": number, "text": ...}.
// An ending is run once for the same values it depends on (memoKey). A way that comes back to a passage stops.
function walk(start, startup, before, after) {
  let variables = new Map();
  startup.forEach((name) => {
    const state = run(name, variables);
    if (state.links.length || state.goTo !== null || state.out.join("").trim()) {
      fail("startup passage " + JSON.stringify(name) + " shows text, has links or goes somewhere");
    }
    variables = state.v;
  });
  const textLines = new Map();
  const lineNumbers = new Map(); // a line as a passage wrote it -> its text's number, or null for a blank line
  const endings = new Map(); // memo key or shown text -> ending number
  let count = 0;
  const buffer = [];
  // A way that passes more passages than the story has comes back to one (a copy of the passages seen, per passage
  // of every way, took a fifth of the time).
  const stack = [[start, [], variables, 0]];
  while (stack.length) {
    let [name, choices, vars, depth] = stack.pop();
    for (;;) {
      if (++depth > passages.size) fail("the story comes back to passage " + JSON.stringify(name));
      const passage = passages.get(name);
      const key = passage === undefined ? null : memoKey(name, passage, vars);
      let number = key === null ? undefined : endings.get(key);
      if (number === undefined) {
        const state = run(name, vars);
        if (state.goTo !== null) {
          [name, vars] = [state.goTo, state.v];
          continue;
        }
        if (state.links.length) {
          for (let i = state.links.length - 1; i >= 0; i--) {
            stack.push([state.links[i], choices.concat([[name, state.links[i]]]), state.v, depth]);
          }
          break;
        }
        const lines = [];
        state.out.join("").split("\n").forEach((line) => {
          let number = lineNumbers.get(line); // endings share most of their lines: each is read once
          if (number === undefined) {
            const text = line.replace(/\s+/g, " ").trim();
            if (text && !textLines.has(text)) {
              textLines.set(text, textLines.size);
              buffer.push(JSON.stringify({ line: textLines.size - 1, text }));
            }
            number = text ? textLines.get(text) : null;
            lineNumbers.set(line, number);
          }
          if (number !== null) lines.push(number);
        });
        const set = some(state.v, after.filter((n) => passage.sets.includes(n)));
        number = count++;
        if (key !== null) endings.set(key, number);
        buffer.push(JSON.stringify({ ending: number, lines, after: set }));
      }
      buffer.push(JSON.stringify([choices, some(vars, before), number]));
      if (buffer.length >= 4096) write(buffer.splice(0).join("\n") + "\n");
      break;
    }
  }
  write(buffer.map((line) => line + "\n").join(""));
}

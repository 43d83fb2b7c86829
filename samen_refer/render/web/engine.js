/* The decision engine of the phone guide: the rules of samen_refer/engine/route.py, read from the compiled pathway.
 *
 * Pure functions, no DOM and no I/O, so that Node can require this file and tests/test_web_engine.py can prove it
 * gives the Python engine's outcome on every route. Answers are a Map from question id to option id, in the order
 * asked (ids come from the pathway file, so they are never used as keys of plain objects).
 */
(function (root) {
  "use strict";

  /** Whether every term of a condition ([[question, [options]], ...]) holds; an unanswered question does not. */
  function holds(condition, answers) {
    for (var i = 0; i < condition.length; i++) {
      var answer = answers.get(condition[i][0]);
      if (answer === undefined || condition[i][1].indexOf(answer) < 0) return false;
    }
    return true;
  }

  /** Whether a block (or invariant-like scope) belongs with these answers: `when` holds and `unless` does not. */
  function applies(block, answers) {
    if (block.when !== null && !holds(block.when, answers)) return false;
    return block.unless === null || !holds(block.unless, answers);
  }

  /** Where the first matching rule leads. */
  function nextTarget(rules, answers, end) {
    for (var i = 0; i < rules.length; i++) {
      if (rules[i].when === null || holds(rules[i].when, answers)) return rules[i].to;
    }
    return end;
  }

  /** The question with this id, or null. */
  function question(pathway, id) {
    if (!pathway._questions) {
      pathway._questions = new Map();
      pathway.questions.forEach(function (q) { pathway._questions.set(q.id, q); });
    }
    return pathway._questions.get(id) || null;
  }

  function option(q, id) {
    for (var i = 0; i < q.options.length; i++) if (q.options[i].id === id) return q.options[i];
    return null;
  }

  /** Where answering question `q` with option `o` leads, given every answer so far (that one included). */
  function after(pathway, q, o, answers) {
    var chosen = option(q, o);
    var rules = (chosen && chosen.next) || q.next || [];
    return nextTarget(rules, answers, pathway.end);
  }

  function loops(pathway, id) {
    return new Error("pathway '" + pathway.id + "' loops back to or leads to a missing question '" + id + "'");
  }

  /** Walk from the start with the given answers as far as they reach: {answers, next: question or null}. */
  function follow(pathway, given) {
    var asked = new Map();
    var current = pathway.start;
    while (current !== pathway.end) {
      var q = question(pathway, current);
      if (q === null || asked.has(current)) throw loops(pathway, current);
      var chosen = given.get(current);
      if (chosen === undefined) return { answers: asked, next: q };
      asked.set(current, chosen);
      current = after(pathway, q, chosen, asked);
    }
    return { answers: asked, next: null };
  }

  /** The blocks that apply, in file order. */
  function selectedBlocks(pathway, answers) {
    return pathway.blocks.filter(function (b) { return applies(b, answers); });
  }

  /** The `interrupt` blocks that apply after an answer and did not before it, in file order. */
  function newInterrupts(pathway, before, afterAnswers) {
    return pathway.blocks.filter(function (b) {
      return b.interrupt && applies(b, afterAnswers) && !applies(b, before);
    });
  }

  /** How urgent a block is, most urgent first (0); a block that gives no urgency ranks after `routine`. */
  function urgencyRank(pathway, block) {
    return block.urgency === null ? pathway.urgencies.length : pathway.urgencies.indexOf(block.urgency);
  }

  /**
   * The safety screen an answer sets off (interrupt.interrupt_after), or null when it sets off none:
   * {blocks, steps, calls: [{id, role, note, block}]}. Steps in block order, a shared step once at its first place;
   * each contact once, with the note of the most urgent block that gives it (equally urgent: the first in the file),
   * ranked by the strongest role given to it, then by that block's urgency, then by where it first appears.
   */
  function interruptAfter(pathway, before, afterAnswers) {
    var blocks = newInterrupts(pathway, before, afterAnswers);
    if (!blocks.length) return null;
    var roles = pathway.roles;
    var steps = new Map();
    var calls = new Map(); // contact id -> {id, role, note, block, rank, first}
    blocks.forEach(function (block) {
      block.steps.forEach(function (step) { if (!steps.has(step.id)) steps.set(step.id, step); });
      var rank = urgencyRank(pathway, block);
      block.contacts.forEach(function (use) {
        if (!pathway.contacts.has(use.contact)) return;
        var call = calls.get(use.contact);
        if (call === undefined) {
          calls.set(use.contact, { id: use.contact, role: use.role, note: use.note, block: block.id, rank: rank,
            first: calls.size });
          return;
        }
        if (roles.indexOf(use.role) < roles.indexOf(call.role)) call.role = use.role;
        if (rank < call.rank) { // equally urgent: the first block's note stays
          call.note = use.note;
          call.block = block.id;
          call.rank = rank;
        }
      });
    });
    var ordered = Array.from(calls.values());
    ordered.sort(function (a, b) {
      return roles.indexOf(a.role) - roles.indexOf(b.role) || a.rank - b.rank || a.first - b.first;
    });
    return {
      blocks: blocks,
      steps: Array.from(steps.values()),
      calls: ordered.map(function (c) { return { id: c.id, role: c.role, note: c.note, block: c.block }; }),
    };
  }

  /** Whether a handout may be offered: no block that applies says `handout: false`. */
  function handoutSafe(pathway, answers) {
    return selectedBlocks(pathway, answers).every(function (b) { return b.handout; });
  }

  function becauseOf(block, answers) {
    return block.when === null ? [] : block.when.map(function (t) { return [t[0], answers.get(t[0])]; });
  }

  function merge(first, second) {
    var seen = new Set();
    return first.concat(second).filter(function (a) {
      var key = a[0] + "\u0000" + a[1];
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /**
   * The outcome from every block that applies (route.build_outcome): urgency = the most urgent block's; steps by
   * their compiled `place` (route.place: the situation's own, general, what to know, care), then block order, a
   * shared step keeping its first place and text; contacts by role, then by the first block that gives each its
   * strongest role; a contact is for the person when any use of it that applies says so.
   */
  function buildOutcome(pathway, answers) {
    var blocks = selectedBlocks(pathway, answers);
    var urgency = pathway.urgencies.length - 1;
    var steps = new Map();
    var contacts = new Map();
    var roles = pathway.roles;
    blocks.forEach(function (block) {
      if (block.urgency !== null) urgency = Math.min(urgency, pathway.urgencies.indexOf(block.urgency));
      var because = becauseOf(block, answers);
      block.steps.forEach(function (step) {
        var earlier = steps.get(step.id);
        steps.set(step.id, earlier ? { step: earlier.step, because: merge(earlier.because, because), place: earlier.place }
          : { step: step, because: because, place: step.place });
      });
      block.contacts.forEach(function (use) {
        if (!pathway.contacts.has(use.contact)) return;
        var earlier = contacts.get(use.contact);
        if (earlier === undefined) {
          contacts.set(use.contact, { id: use.contact, role: use.role, because: because, note: use.note,
            person: use.person, position: use.position });
        } else if (roles.indexOf(use.role) < roles.indexOf(earlier.role)) {
          contacts.delete(use.contact); // it now ranks where its strongest role was given
          contacts.set(use.contact, { id: use.contact, role: use.role, because: merge(because, earlier.because),
            note: use.note || earlier.note, person: use.person || earlier.person, position: use.position });
        } else {
          earlier.because = merge(earlier.because, because);
          earlier.person = earlier.person || use.person;
        }
      });
    });
    var ordered = Array.from(contacts.values());
    ordered.sort(function (a, b) { return roles.indexOf(a.role) - roles.indexOf(b.role); }); // a stable sort
    ordered = withRegion(pathway, ordered, answers);
    var arranged = Array.from(steps.values());
    arranged.sort(function (a, b) { return a.place - b.place; }); // a stable sort: block order within a place
    function placed(places) {
      return arranged.filter(function (s) { return places.indexOf(s.place) >= 0; })
        .map(function (s) { return { step: s.step, because: s.because }; });
    }
    return {
      urgency: pathway.urgencies[urgency],
      steps: placed([0, 1]),
      background: placed([2]),
      care: placed([3]),
      contacts: ordered,
      personContacts: ordered.filter(function (c) { return c.person; }),
      blocks: blocks.map(function (b) { return b.id; }),
    };
  }

  /**
   * The region's own contacts that serve these answers, added to the national ones (route._with_region): each right
   * after the national contact it names in `after` (several after the same one in file order), else after the last
   * contact of its role.
   */
  function withRegion(pathway, national, answers) {
    var region = pathway.region;
    if (!region) return national;
    var out = national.slice();
    var given = new Set(national.map(function (c) { return c.id; }));
    var roles = pathway.roles;
    var serving = region.contacts.filter(function (u) {
      return (u.serves === null || holds(u.serves, answers)) && !given.has(u.contact);
    });
    function advised(use) {
      var because = use.serves === null ? [] : use.serves.map(function (t) { return [t[0], answers.get(t[0])]; });
      return { id: use.contact, role: use.role, because: because, note: null, person: use.person, regional: true };
    }
    serving.filter(function (u) { return !given.has(u.after); }).forEach(function (use) {
      var rank = roles.indexOf(use.role);
      var place = 0; // after the last contact whose role ranks as high or higher
      for (var i = 0; i < out.length; i++) if (roles.indexOf(out[i].role) <= rank) place = i + 1;
      out.splice(place, 0, advised(use));
    });
    serving.filter(function (u) { return given.has(u.after); }).reverse().forEach(function (use) {
      var place = 0;
      while (out[place].id !== use.after) place++;
      out.splice(place + 1, 0, advised(use));
    });
    return out;
  }

  /** The most questions any route can still ask from this one on (this one included), for the progress line. */
  function questionsLeft(pathway, id) {
    var memo = new Map();
    function longest(qid, visiting) {
      if (qid === pathway.end || visiting.has(qid)) return 0;
      if (!memo.has(qid)) {
        var q = question(pathway, qid);
        if (q === null) return 0;
        var rules = (q.next || []).slice();
        q.options.forEach(function (o) { rules = rules.concat(o.next || []); });
        var inner = new Set(visiting).add(qid);
        var most = 0;
        rules.forEach(function (r) { most = Math.max(most, longest(r.to, inner)); });
        memo.set(qid, 1 + most);
      }
      return memo.get(qid);
    }
    return longest(id, new Set());
  }

  /**
   * Call visit(answers, interrupts) for every complete route, in option order (route.every_route's order);
   * interrupts[i] is the safety screen the i-th answer set off (interruptAfter), or null. For the tests.
   */
  function everyRoute(pathway, visit) {
    var answers = new Map();
    var interrupts = [];
    function walk(current) {
      if (current === pathway.end) { visit(answers, interrupts); return; }
      var q = question(pathway, current);
      if (q === null || answers.has(current)) throw loops(pathway, current);
      var before = new Map(answers);
      q.options.forEach(function (o) {
        answers.set(q.id, o.id);
        interrupts.push(interruptAfter(pathway, before, answers));
        walk(after(pathway, q, o.id, answers));
        interrupts.pop();
        answers.delete(q.id);
      });
    }
    walk(pathway.start);
  }

  /** The compiled pathway as the engine uses it: contacts in a Map. */
  function prepare(compiled) {
    var contacts = new Map();
    compiled.contacts.forEach(function (c) { contacts.set(c.id, c); });
    compiled.contacts = contacts;
    return compiled;
  }

  var engine = {
    holds: holds, applies: applies, follow: follow, selectedBlocks: selectedBlocks, newInterrupts: newInterrupts,
    interruptAfter: interruptAfter, handoutSafe: handoutSafe, buildOutcome: buildOutcome, questionsLeft: questionsLeft,
    everyRoute: everyRoute, question: question, option: option, prepare: prepare,
  };
  if (typeof module === "object" && module.exports) module.exports = engine;
  else root.samenEngine = engine;
})(this);

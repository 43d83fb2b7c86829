/* The practice page (`samen-refer web --practice`), as `scenarios run`: pick a case, read the situation, walk the
 * questions (walk.js, as in the guide), then see your route beside the expected one and the score; then the points
 * to discuss and your own advice in full.
 *
 * `mark` is engine/exercise.py's `mark`, read from what Python computed (render/web/practice.py): the expected
 * route's answers, urgency and contacts, and the weights of the score, added up in the same order, so the page's
 * score is Python's number (tests/test_web_practice.py compares them on random answers). Pure, so Node can require
 * this file. The screens keep nothing: what is expected is shown only after the walk, and nothing is stored.
 */
(function (root) {
  "use strict";

  function mapOf(pairs) { return new Map(pairs); }

  /**
   * A trainee's route beside an exercise's (exercise.mark): the questions answered differently, in the pathway's
   * order ([question, expected or null, chosen or null]); the expected contacts the trainee's advice misses, the
   * contacts it adds, those with another role; the two urgencies; and the score.
   */
  function mark(engine, pathway, exercise, weights, given) {
    var route = engine.follow(pathway, given);
    var theirs = route.answers;
    var outcome = engine.buildOutcome(pathway, theirs);
    var ours = mapOf(exercise.answers);
    var order = mapOf(pathway.questions.map(function (q, n) { return [q.id, n]; }));
    var asked = Array.from(new Set(Array.from(ours.keys()).concat(Array.from(theirs.keys()))));
    asked.sort(function (a, b) { return order.get(a) - order.get(b); });
    var answers = asked.filter(function (q) { return ours.get(q) !== theirs.get(q); }).map(function (q) {
      return [q, ours.has(q) ? ours.get(q) : null, theirs.has(q) ? theirs.get(q) : null];
    });
    var expected = mapOf(exercise.contacts.map(function (c) { return [c.id, c]; }));
    var chosen = mapOf(outcome.contacts.map(function (c) { return [c.id, c]; }));
    var missed = exercise.contacts.filter(function (c) { return !chosen.has(c.id); });
    var added = outcome.contacts.filter(function (c) { return !expected.has(c.id); });
    var roles = exercise.contacts.filter(function (c) {
      return chosen.has(c.id) && chosen.get(c.id).role !== c.role;
    }).map(function (c) { return { contact: c, expected: c.role, chosen: chosen.get(c.id).role }; });
    var alike = exercise.answers.filter(function (a) { return theirs.get(a[0]) === a[1]; }).length;
    var n = expected.size;
    var apart = Math.abs(pathway.urgencies.indexOf(exercise.urgency) - pathway.urgencies.indexOf(outcome.urgency));
    var shares = {
      answers: alike / exercise.answers.length,
      contacts: n + added.length === 0 ? 1 : (n - missed.length - roles.length / 2) / (n + added.length),
      urgency: [1, 0.5][apart] || 0,
    };
    var sum = 0; // as Python's sum(): from 0, in the order of the weights
    weights.forEach(function (weight) { sum += weight[1] * shares[weight[0]]; });
    return {
      route: theirs,
      answers: answers,
      missed: missed,
      added: added,
      roles: roles,
      urgency: [exercise.urgency, outcome.urgency],
      score: Math.floor(sum + 0.5), // rounded half up, as math.floor(x + 0.5)
    };
  }

  /** The screens around the walk; `ui` holds walk.js's own helpers, so the page looks and behaves as the guide. */
  function screens(ui) {
    var data = ui.data;
    var t = ui.t;
    var el = ui.el;
    var pick = ui.pick;
    var pathway = ui.pathway;
    var exercises = data.practice.scenarios;
    var current = null;

    /** Walk this exercise: its region's own contacts join the advice, as `scenarios run` walks it in its region. */
    function use(exercise) {
      current = exercise;
      var region = exercise.region ? data.practice.regions[exercise.region] : null;
      pathway.region = region ? region.region : null;
      if (region) region.contacts.forEach(function (c) { pathway.contacts.set(c.id, c); });
      ui.forget();
      ui.advance({ view: "situation", count: 0 });
    }

    function nav(children) {
      return el("nav", { class: "actions", "aria-label": t("navigation") }, children.filter(Boolean));
    }

    /** The exercises: number, title and level only, so the list gives no answer away (U18). */
    function cases() {
      return ui.show([
        el("h1", { id: "cases", "data-screen": "cases" }, [t("p.choose")]),
        el("p", {}, [t("p.choose_intro")]),
        el("div", { class: "options", role: "group", "aria-labelledby": "cases" }, exercises.map(function (x) {
          return el("button", { type: "button", class: "option", "data-case": x.id,
            onclick: function () { use(x); } }, [x.number + ". " + pick(x.title) + " (" +
              t("p.difficulty." + x.difficulty) + ")"]);
        })),
      ]);
    }

    function situation() {
      if (!current) return cases();
      return ui.show([
        el("p", { class: "progress" }, [t("p.exercise") + " " + current.number + " \u00b7 " +
          t("p.difficulty." + current.difficulty)]),
        el("h1", { "data-screen": "situation" }, [pick(current.title)]),
        el("h2", {}, [t("p.situation")]),
        el("p", { "data-vignette": "" }, [pick(current.vignette)]),
        el("p", { class: "tip" }, [t("p.walk")]),
        nav([ui.button(t("p.begin"), "primary", function () { ui.advance({ view: "walk", count: 0 }); }),
          ui.backButton()]),
      ]);
    }

    function label(q, id) {
      var o = id === undefined ? null : ui.engine.option(q, id);
      return o ? pick(o.label) : t("p.not_asked");
    }

    function name(advised) { return pick(pathway.contacts.get(advised.id).name); }

    /** Your route beside the expected one, every question either asked; a difference says so in words. */
    function routes(marked) {
      var ours = mapOf(current.answers);
      var differs = new Set(marked.answers.map(function (a) { return a[0]; }));
      return el("ol", { class: "routes" }, pathway.questions.filter(function (q) {
        return ours.has(q.id) || marked.route.has(q.id);
      }).map(function (q) {
        var differ = differs.has(q.id);
        return el("li", { "data-question": q.id, "data-differs": differ }, [
          el(differ ? "strong" : "span", {}, [pick(q.text) + (differ ? " [" + t("p.differs") + "]" : "")]),
          el("p", { class: "note" }, [t("p.yours") + ": " + label(q, marked.route.get(q.id))]),
          el("p", { class: "note" }, [t("p.expected") + ": " + label(q, ours.get(q.id))]),
        ]);
      }));
    }

    /** What the differences change in the advice (practice._consequences). */
    function consequences(marked) {
      var expected = marked.urgency[0];
      var chosen = marked.urgency[1];
      if (!marked.missed.length && !marked.added.length && !marked.roles.length && expected === chosen) {
        return [el("p", { "data-same": "" }, [t("p.same_advice")])];
      }
      var out = [];
      [["missed", marked.missed], ["added", marked.added]].forEach(function (part) {
        if (!part[1].length) return;
        out.push(el("h3", {}, [t("p." + part[0])]));
        out.push(el("ul", { "data-list": part[0] }, part[1].map(function (advised) {
          return el("li", { "data-contact": advised.id }, [name(advised) + " - " + ui.roleText(advised)]);
        })));
      });
      if (marked.roles.length) {
        out.push(el("h3", {}, [t("p.role")]));
        out.push(el("ul", { "data-list": "roles" }, marked.roles.map(function (r) {
          return el("li", { "data-contact": r.contact.id }, [t("p.role_line", { name: name(r.contact),
            chosen: t("role." + r.chosen), expected: t("role." + r.expected) })]);
        })));
      }
      if (expected !== chosen) {
        out.push(el("h3", {}, [t("p.how_soon")]));
        out.push(el("ul", {}, [el("li", {}, [t("p.you") + ": " + t("urgency." + chosen)]),
          el("li", {}, [t("p.expected").toLowerCase() + ": " + t("urgency." + expected)])]));
      }
      return out;
    }

    /** After the walk: the comparison first, the score, the points to discuss; then the trainee's own advice. */
    function end(given) {
      if (!current) return cases();
      var marked = mark(ui.engine, pathway, current, data.practice.weights, given);
      return ui.result(given, [
        el("h1", { "data-screen": "comparison" }, [t("p.routes")]),
        routes(marked),
        marked.answers.length ? null : el("p", {}, [t("p.same_route")]),
        el("h2", {}, [t("p.consequences")]),
      ].concat(consequences(marked), [
        el("p", { class: "urgency", "data-score": String(marked.score) }, [t("p.score", { score: marked.score })]),
        el("p", { class: "facts" }, [t("p.score_parts")]),
        el("h2", {}, [t("p.discussion")]),
        el("ol", {}, current.discussion.map(function (point) { return el("li", {}, [pick(point)]); })),
        el("h2", { "data-advice": "" }, [t("p.your_advice")]),
      ]));
    }

    return { cases: cases, situation: situation, end: end };
  }

  var api = { mark: mark, screens: screens };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.samenPractice = api;
})(this);

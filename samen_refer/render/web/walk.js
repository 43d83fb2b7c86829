/* The walk of the phone guide, as `samen-refer start`: one question per screen, the safety interrupt at once, the
 * advice with the short summary first, and the page for the person.
 *
 * Privacy: nothing is stored (no cookies or web storage) and nothing goes in the address; the answers live in this
 * closure only. Each screen is one entry in the browser's history, so the phone's Back goes one question back, but
 * an entry holds nothing but its place in the walk ({screen: n}); after a reload the walk starts again and says so.
 * The tab shows one neutral title on every screen. Quick exit (the button, Shift pressed three times, or Escape)
 * empties the page, steps back to the guide's first entry and replaces that with a neutral page, so neither Back nor
 * Forward shows the guide again; in a frame it replaces the whole window where the browser allows it.
 * Texts from the pathway are set as text, never as markup.
 */
(function () {
  "use strict";
  var engine = window.samenEngine;
  var data = JSON.parse(document.getElementById("data").textContent);
  var pathway = engine.prepare(data.pathway);
  var lang = data.lang;
  var chosen = []; // [question id, option id], in the order answered (and those after, until another answer)
  // on the practice page (web --practice), its screens before and after the walk (practice.js); else none
  var practice = window.samenPractice;
  var FIRST = practice ? "cases" : "walk";
  // The screens of this walk in order, each {view: walk | interrupt | person (| cases | situation: practice), count:
  // answers given, fired}, and the one shown: Back and Forward move through them. Entry n of the browser's history
  // is trail[n].
  var trail = [{ view: FIRST, count: 0 }];
  var pos = 0;
  var notice = false; // the first question says the answers were not kept (after a reload)
  var leaving = false; // quick exit has begun
  var left = false; // the neutral page has been asked for
  var returning = null; // opened on an entry of a walk no longer held: going back to the first (its fallback timer)
  var framed = window.top !== window.self; // shown inside another page's frame
  var useHistory = !framed; // in a frame the guide adds nothing to the history of the page around it
  var screen = document.getElementById("screen");
  var CALL_ROLES = ["emergency", "report", "refer", "advice"]; // as result.CALL_ROLES
  var SUMMARY_CONTACTS = 3;
  var BRIEF_STEPS = 5;

  function t(key, values) {
    var text = data.words[lang][key];
    if (text === undefined) throw new Error("no word " + key);
    return text.replace(/\{(\w+)\}/g, function (whole, name) { return String(values[name]); });
  }

  function pick(text) {
    if (!text) return "";
    return text[lang] || text[data.languages[0]] || "";
  }

  /** An element with attributes and children (strings become text nodes). */
  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === false) return;
      if (name === "onclick") node.addEventListener("click", value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === "") return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function button(label, kind, action) {
    return el("button", { type: "button", class: kind, onclick: action }, [label]);
  }

  function answers(count) {
    return new Map(chosen.slice(0, count === undefined ? chosen.length : count));
  }

  function tel(phone) { return phone.replace(/[^0-9+]/g, ""); }

  /** A phone number as a left-to-right isolate: beside a name in Arabic it keeps its order (render/direction.py). */
  function number(phone) { return el("bdi", { class: "number", dir: "ltr" }, [phone]); }

  /** The pathway's reminder ("Acuut gevaar? Bel 112."): a call link when it names the number of a contact. */
  function reminder() {
    var text = pick(pathway.reminder);
    var at = data.alarm ? text.indexOf(data.alarm.phone) : -1;
    if (at < 0) return el("p", { class: "reminder" }, [text]);
    return el("a", { class: "reminder", href: "tel:" + tel(data.alarm.phone) }, [text.slice(0, at),
      number(data.alarm.phone), text.slice(at + data.alarm.phone.length)]);
  }

  function callLink(contact, extra) {
    return el("a", { class: "call", href: "tel:" + tel(contact.phone), "data-contact": contact.id }, [
      number(contact.phone), " ", el("span", { class: "name" }, [pick(contact.name)]),
    ].concat(extra ? [el("span", { class: "role" }, [extra])] : []));
  }

  function roleText(advised) { // as result.role_key and role_text: the words for a role, chosen the same way
    var key = "role." + advised.role;
    if (advised.role === "info" && !advised.person) key = "role.info_helper";
    if (advised.role === "report" && advised.position === "duty") key = "role.report_duty";
    var role = t(key);
    var contact = pathway.contacts.get(advised.id);
    role = advised.role === "advice" && contact.anonymous_advice ? role + " (" + t("anonymous") + ")" : role;
    return advised.regional ? role + " \u00b7 " + t("regional") : role;
  }

  function because(list) {
    var parts = list.map(function (answer) {
      var q = engine.question(pathway, answer[0]);
      var o = q && engine.option(q, answer[1]);
      return q && o ? pick(q.text) + " \u2192 " + pick(o.label) : null;
    }).filter(Boolean);
    return parts.length ? parts.join("; ") : t("always");
  }

  /** In a frame: quick exit may not take the page around the frame away; a link opens the guide on its own. */
  function framedNotice() {
    return el("p", { class: "framed", "data-framed": "" }, [t("framed") + " ",
      el("a", { href: window.location.href, target: "_top" }, [t("framed_open")])]);
  }

  /** Put a screen on the page. The tab shows one neutral title on every screen: the tab switcher and the browser's
   * history name neither the topic nor a question (U10); what callers pass besides the children is not used. */
  function show(children) {
    screen.replaceChildren.apply(screen, (framed ? [framedNotice()] : []).concat(
      pathway.reminder ? [reminder()] : [], children));
    document.title = t("title");
    var heading = screen.querySelector("h1");
    heading.setAttribute("tabindex", "-1");
    window.scrollTo(0, 0);
    heading.focus({ preventScroll: true });
  }

  /** The page's language; the switch (in the bar, beside quick exit) names the other language in itself. */
  function setLanguage() {
    document.documentElement.lang = lang;
    document.documentElement.dir = data.directions[lang];
    document.getElementById("exit").textContent = t("exit");
    var other = data.languages[(data.languages.indexOf(lang) + 1) % data.languages.length];
    var old = document.getElementById("lang");
    var toggle = el("button", { type: "button", id: "lang", class: "lang secondary", lang: other,
      onclick: function () { lang = other; setLanguage(); render(); } }, [data.autonyms[other]]);
    if (old) old.replaceWith(toggle);
    else document.querySelector(".bar").prepend(toggle);
  }

  /** Show screen k of the trail. */
  function goTo(k) {
    pos = k;
    render();
  }

  /** A new screen after the one shown: the screens after it are forgotten, as the history's entries after it are. */
  function advance(next) {
    trail = trail.slice(0, pos + 1).concat([next]);
    pos += 1;
    notice = false;
    if (useHistory) window.history.pushState({ screen: pos }, "");
    render();
  }

  /** One screen back: through the history, so the phone's Back and this button do the same. */
  function back() {
    if (pos === 0) return;
    if (useHistory) window.history.back();
    else goTo(pos - 1);
  }

  /** Forget the walk and go to the first question, at the history's first entry of the guide. */
  function restart() {
    var steps = pos;
    chosen = [];
    trail = [{ view: FIRST, count: 0 }];
    goTo(0);
    if (useHistory && steps) window.history.go(-steps);
  }

  /** The place in the walk a history entry holds, or null for an entry the guide did not make. */
  function screenOf(state) {
    return state && typeof state.screen === "number" && state.screen >= 0 ? Math.floor(state.screen) : null;
  }

  function onHistory(event) {
    if (leaving) return leave(); // quick exit stepped back to the guide's first entry: leave from there
    var k = screenOf(event.state);
    if (returning !== null) { // start: back at the guide's first entry, the walk begins again
      if (k !== 0) return;
      window.clearTimeout(returning);
      returning = null;
      notice = true;
      setLanguage();
      return render();
    }
    if (k === null || k === pos) return;
    if (k >= trail.length) return window.history.go(trail.length - 1 - k); // a screen of a walk since forgotten
    goTo(k);
  }

  function backButton() {
    return pos > 0 ? button(t("back"), "secondary", back) : null;
  }

  function answer(questionId, optionId) {
    var count = trail[pos].count;
    var earlier = chosen[count];
    if (!earlier || earlier[0] !== questionId || earlier[1] !== optionId) {
      chosen = chosen.slice(0, count).concat([[questionId, optionId]]); // the answers after it no longer apply
    }
    var fired = engine.interruptAfter(pathway, answers(count), answers(count + 1));
    advance(fired ? { view: "interrupt", count: count + 1, fired: fired } : { view: "walk", count: count + 1 });
  }

  function questionScreen(q, count) {
    var number = count + 1;
    var total = number - 1 + engine.questionsLeft(pathway, q.id);
    var heading = el("h1", { id: "question", "data-question": q.id }, [pick(q.text)]);
    // back here from a later screen: the answer given before is marked, as the terminal's "Eerder gekozen"
    var before = chosen[count] && chosen[count][0] === q.id ? engine.option(q, chosen[count][1]) : null;
    return show([
      notice && count === 0 ? el("p", { class: "notice", "data-notice": "" }, [t("not_kept")]) : null,
      el("p", { class: "progress" }, [t("progress", { n: number, total: total })]),
      heading,
      // the answers right under the question, so all of them are on the first screen of a phone (U11)
      el("div", { class: "options", role: "group", "aria-labelledby": "question" }, q.options.map(function (o) {
        var marked = before !== null && before.id === o.id;
        return el("button", { type: "button", class: marked ? "option earlier" : "option", "data-option": o.id,
          "aria-describedby": marked ? "earlier" : null,
          onclick: function () { answer(q.id, o.id); } }, [pick(o.label)]);
      })),
      before ? el("p", { id: "earlier", class: "earlier" }, [t("earlier", { label: pick(before.label) })]) : null,
      q.help ? el("p", { class: "tip" }, [el("strong", {}, [t("help") + ": "]), pick(q.help)]) : null,
      el("details", { class: "why" }, [el("summary", {}, [t("why")]), el("p", {}, [pick(q.why)])]),
      el("nav", { class: "actions", "aria-label": t("navigation") }, [backButton()]),
    ].filter(Boolean));
  }

  /** From the safety screen on: the next question takes its place in the walk and the history, so Back from there
   * goes to the question answered, as in the terminal. */
  function goOn() {
    trail[pos] = { view: "walk", count: trail[pos].count };
    render();
  }

  /** The safety screen as the engine composed it (interrupt.py's rule): its steps, then each number once. */
  function interruptScreen(fired) {
    var steps = fired.steps.map(function (step) { return el("li", {}, [pick(step.text)]); });
    var calls = fired.calls.map(function (call) {
      var contact = pathway.contacts.get(call.id);
      var reach = contact.phone ? callLink(contact)  // as result.reach: no empty "zie website:" (U14)
        : el("p", {}, [pick(contact.name) + (contact.url ? " \u00b7 " + t("no_phone") + ": " + contact.url : "")]);
      return el("li", {}, [reach].concat(call.note ? [el("p", { class: "note" }, [pick(call.note)])] : []));
    });
    return show([
      el("h1", { class: "alarm", "data-screen": "interrupt" }, [t("interrupt_title")]),
      el("p", {}, [t("interrupt_why")]),
      steps.length ? el("ol", {}, steps) : null,
      calls.length ? el("h2", {}, [t("call_now")]) : null,
      calls.length ? el("ul", { class: "calls" }, calls) : null,
      el("nav", { class: "actions", "aria-label": t("navigation") }, [
        button(t("go_on"), "primary", goOn),
        backButton(),
      ]),
    ].filter(Boolean));
  }

  function stepItem(advised) {
    var more = [];
    if (advised.step.say) more.push(el("p", {}, [t("say") + ": \u201c" + pick(advised.step.say) + "\u201d"]));
    more.push(el("p", { class: "facts" }, [t("because") + ": " + because(advised.because)]));
    return el("li", { "data-step": advised.step.id }, [pick(advised.step.text),
      el("details", {}, [el("summary", {}, [t("more")])].concat(more))]);
  }

  /** What to know, or the helper's own care: a list of its own after the steps, folded (engine: route.arranged). */
  function folded(key, listed) {
    if (!listed.length) return null;
    return el("details", { "data-list": key }, [el("summary", {}, [t(key)]),
      el("ul", {}, listed.map(function (a) { return el("li", { "data-step": a.step.id }, [pick(a.step.text)]); }))]);
  }

  function fact(term, value) {
    return value ? [el("dt", {}, [term]), el("dd", {}, [value])] : [];
  }

  function contactItem(advised) {
    var c = pathway.contacts.get(advised.id);
    var facts = [roleText(advised)].concat(c.hours ? [pick(c.hours)] : []).join(" \u00b7 ");
    var details = [].concat(
      advised.note ? [el("p", {}, [pick(advised.note)])] : [],
      [el("dl", {}, [].concat(
        fact(t("what"), pick(c.does)), fact(t("after_call"), pick(c.after_call)), fact(t("cost"), pick(c.cost)),
        fact(t("interpreters"), pick(c.interpreters)), fact(t("website"), c.url || ""),
        fact(t("checked"), c.verified), fact(t("because"), because(advised.because))))]);
    return el("li", { "data-contact": c.id, "data-role": advised.role }, [
      el("h3", {}, [pick(c.name)]),
      c.phone ? callLink(c) : c.url ? el("p", {}, [t("no_phone") + ": " + c.url]) : null, // neither: no empty line
      el("p", { class: "facts" }, [facts]),
      el("details", {}, [el("summary", {}, [t("more_about", { name: pick(c.name) })])].concat(details)),
    ]);
  }

  /** The page for the person, as a screen of its own in the walk and the history (Back returns to the advice). */
  function toPerson() {
    advance({ view: "person", count: trail[pos].count });
  }

  /** The advice; on the practice page after the comparison (``head``: the screen's heading and what comes first). */
  function resultScreen(given, head) {
    var outcome = engine.buildOutcome(pathway, given);
    var calls = outcome.contacts.filter(function (a) {
      return pathway.contacts.get(a.id).phone && CALL_ROLES.indexOf(a.role) >= 0;
    }).slice(0, SUMMARY_CONTACTS);
    var brief = outcome.steps.slice(0, BRIEF_STEPS);
    var rest = outcome.steps.slice(BRIEF_STEPS);
    var more = rest.length === 1 ? "more_steps_one" : "more_steps";
    var safe = engine.handoutSafe(pathway, given);
    return show((head || [el("h1", { "data-screen": "result" }, [t("result")])]).concat([
      el("p", { class: "urgency urgency-" + outcome.urgency, "data-urgency": outcome.urgency },
        [t("urgency." + outcome.urgency)]),
      calls.length ? el("h2", {}, [t("call_now")]) : null,
      calls.length ? el("ul", { class: "calls summary" }, calls.map(function (a) {
        return el("li", {}, [callLink(pathway.contacts.get(a.id), roleText(a))]);
      })) : null,
      safe ? button(t("person_view"), "secondary to-person", toPerson) : null, // near the top: the person may be waiting
      el("h2", {}, [t("steps")]),
      el("ol", {}, brief.map(stepItem)),
      rest.length ? el("details", {}, [el("summary", {}, [t(more, { n: rest.length })]),
        el("ol", { start: String(BRIEF_STEPS + 1) }, rest.map(stepItem))]) : null,
      folded("background", outcome.background),
      folded("care", outcome.care),
      el("h2", {}, [t("contacts")]),
      el("ul", { class: "contacts" }, outcome.contacts.map(contactItem)),
      safe ? null : el("p", { class: "private", "data-handout": "unsafe" }, [t("handout_not_safe")]),
      el("nav", { class: "actions", "aria-label": t("navigation") }, [
        safe ? button(t("person_view"), "primary", toPerson) : null,
        backButton(),
        button(t("restart"), "secondary", restart),
      ].filter(Boolean)),
    ]).filter(Boolean));
  }

  /** How high cards stand in two balanced columns, in their order (render/paper.py, balanced_height). */
  function columns(tall) {
    var total = 0;
    tall.forEach(function (h) { total += h; });
    var best = total;
    var before = 0;
    tall.forEach(function (h) {
      before += h;
      best = Math.min(best, Math.max(before, total - before));
    });
    return best;
  }

  /** How much of the person's page fits on one A4 (render/paper.py, paper_size): the first size at which the page,
   * its cards in two columns, fits; each card's height at each size comes in the data. */
  function paperSize(contacts) {
    var paper = data.paper;
    var heights = new Map(paper.cards);
    for (var i = 0; i < paper.levels.length; i++) {
      var tall = contacts.map(function (a) { return heights.get(a.id)[lang][i]; });
      if (paper.heads[lang][i] + columns(tall) <= paper.room) return paper.levels[i];
    }
    return paper.levels[paper.levels.length - 1];
  }

  /** The page the person keeps: the elements, order and words of the HTML handout (templates/handout/person.html.j2
   * and person_contact in partials/blocks.html.j2), styled by the same partials/person.css. It names neither the
   * tool nor the topic; 112 is on it, also on paper. */
  function personScreen(given) {
    var outcome = engine.buildOutcome(pathway, given);
    function row(kind, term, value) {
      return value ? el("div", { class: kind }, [el("dt", {}, [term]), " ", el("dd", {}, [value])]) : null;
    }
    function label(key) { return el("span", { class: "label" }, [t(key) + ": "]); }
    var cards = outcome.personContacts.map(function (a) {
      var c = pathway.contacts.get(a.id);
      var rows = [row("hours", t("hours"), pick(c.hours)), row("cost", t("cost"), pick(c.cost)),
        row("interpreters", t("interpreters"), pick(c.interpreters)),
        row("after-call", t("after_call"), pick(c.after_call))].filter(Boolean);
      return el("section", { class: "card", "data-contact": c.id }, [
        el("h2", {}, [pick(c.name) + (a.regional ? " (" + t("regional") + ")" : "")]),
        c.phone ? el("p", { class: "phone" }, [label("phone"),
          el("a", { href: "tel:" + tel(c.phone) }, [number(c.phone)])]) : null,
        c.phone && c.url ? " " : null, // as between the handout's lines: on paper they share one
        c.url ? el("p", { class: "web" }, [label("website"), c.url]) : null, // as text: the guide stays on screen
        el("p", { class: "does" }, [pick(c.does)]),
        c.anonymous_advice ? el("p", { class: "anonymous" }, [t("anonymous_advice")]) : null,
        rows.length ? el("dl", {}, rows) : null,
      ].filter(Boolean));
    });
    return show([
      el("div", { class: "person", "data-paper": paperSize(outcome.personContacts) }, [
        el("h1", { "data-screen": "person" }, [t("person_title")]),
        el("p", { class: "danger" }, [el("a", { href: "tel:112" }, [t("reminder")])]),
        el("p", { class: "intro" }, [t("person_intro")]),
        el("div", { class: "cards" }, cards),
        el("p", { class: "closing" }, [t("person_closing")]),
        el("p", { class: "private" }, [t("person_keep_safe")]),
      ]),
      el("nav", { class: "actions", "aria-label": t("navigation") }, [
        button(t("print"), "primary", function () { window.print(); }),
        button(t("back_to_advice"), "secondary", back),
      ]),
    ], t("person_title"), true);
  }

  function render() {
    var here = trail[pos];
    var given = answers(here.count);
    if (here.view === "interrupt") return interruptScreen(here.fired);
    if (practice && practice[here.view]) return practice[here.view]();
    var route = engine.follow(pathway, given);
    if (route.next) return questionScreen(route.next, here.count);
    if (here.view === "person" && engine.handoutSafe(pathway, given)) return personScreen(given);
    return practice ? practice.end(given) : resultScreen(given);
  }

  /** Go to the neutral page, replacing the history entry shown. In a frame, the whole window leaves (the page around
   * the frame may say what it is about), where the browser allows it; where it does not (a sandboxed frame), at least
   * the frame leaves. */
  function leave() {
    if (left) return; // once: a second replace would start the neutral page's loading again
    left = true;
    if (framed) {
      try {
        window.top.location.replace(data.exit);
        return;
      } catch (refused) { /* the frame may not navigate the window: leave the frame */ }
    }
    window.location.replace(data.exit);
  }

  /** Leave at once (GOV.UK's "exit this page"): empty the page, step back to the guide's first history entry and
   * replace that one, so Back skips the guide; the entries after it hold no answers, and open no walk (start). */
  function quickExit(event) {
    if (event) event.preventDefault();
    if (leaving) return;
    leaving = true;
    chosen = [];
    trail = [];
    document.title = "";
    document.body.replaceChildren();
    var steps = useHistory ? screenOf(window.history.state) || 0 : 0;
    if (!steps) return leave();
    window.history.go(-steps); // onHistory leaves from there
    window.setTimeout(leave, 1500); // should that step not come
  }

  /** Shift pressed three times, each within 5 seconds of the one before, is quick exit (as GOV.UK): Shift held
   * for another key (a capital letter) does not count, and any other key starts the count again. */
  var shifts = 0;
  var shiftTimer = null;
  var shiftModifies = false;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") return quickExit(event); // an extra: Escape also closes things in the browser
    if (event.key === "Shift") return;
    shifts = 0;
    shiftModifies = event.shiftKey;
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    if (shiftModifies) {
      shiftModifies = false;
      return;
    }
    window.clearTimeout(shiftTimer);
    shifts += 1;
    if (shifts >= 3) return quickExit(event);
    shiftTimer = window.setTimeout(function () { shifts = 0; }, 5000);
  });
  document.getElementById("exit").addEventListener("click", quickExit);

  /** Open the walk. On an entry of a walk this page no longer holds (after a reload in the middle of a walk, after
   * coming back from another page, or Forward after quick exit) it shows nothing and first goes back to the guide's
   * first entry: there the first question says the answers were not kept; after quick exit that entry is the
   * neutral page, so the guide is not shown at all. */
  function start() {
    var k = useHistory ? screenOf(window.history.state) : null;
    if (useHistory && k === null) window.history.replaceState({ screen: 0 }, "");
    window.addEventListener("popstate", onHistory);
    window.addEventListener("pageshow", function (event) { // kept by the browser after quick exit: leave again
      if (event.persisted && leaving) {
        left = false;
        leave();
      }
    });
    if (k !== null && k > 0) {
      returning = window.setTimeout(leave, 1500); // should the step back not come, the safe way out
      window.history.go(-k);
      return;
    }
    notice = k === 0; // this entry was shown before: a reload, or back from another page
    setLanguage();
    render();
  }

  if (practice) {
    practice = practice.screens({ data: data, engine: engine, pathway: pathway, t: t, pick: pick, el: el, show: show,
      button: button, backButton: backButton, advance: advance, roleText: roleText, result: resultScreen,
      forget: function () { chosen = []; } });
  }
  start();
})();

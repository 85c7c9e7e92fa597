/* LessonRunner pages: search the lessons offline. The index is
   assets/search-index.js (window.LESSON_SEARCH), a script rather than JSON
   to fetch, so it also works over file://. The box is an ARIA combobox:
   arrows move through the results, Enter opens one, Escape or a tap
   elsewhere closes them, and a status line says how many there are. */
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  var index = window.LESSON_SEARCH;
  if (!form) return;
  // Without the index (a page copied on its own) the box cannot answer.
  if (!index) { form.hidden = true; return; }
  var input = form.querySelector("input");
  var list = form.querySelector(".search-results");
  var status = form.querySelector(".search-status");
  var shown = 12;   // results listed before "more"

  // Case- and accent-insensitive ("hàm" finds "ham"), one character for one,
  // so a match in the folded text is a match at the same place in the text.
  function fold(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i).toLowerCase();
      var n = c.normalize ? c.normalize("NFD").charAt(0) : c;
      out += n === "đ" ? "d" : n;
    }
    return out;
  }
  function isWordCharacter(c) { return /[0-9a-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/.test(c); }
  // Where `term` starts a word of `text` (both folded): "he" finds "he" and
  // "head", not "the".
  function wordStarts(text, term) {
    var at = [], from = 0;
    for (;;) {
      var i = text.indexOf(term, from);
      if (i < 0) return at;
      if (i === 0 || !isWordCharacter(text.charAt(i - 1))) at.push(i);
      from = i + 1;
    }
  }
  var docs = [];
  index.forEach(function (lesson, order) {
    lesson.s.forEach(function (section) {
      docs.push({
        href: lesson.p + (section.a ? "#" + section.a : ""), lang: lesson.l || "en", order: order,
        lesson: lesson.t, heading: section.h, text: section.x,
        fl: fold(lesson.t), fh: fold(section.h), ft: fold(section.x)
      });
    });
  });
  function terms(q) { return fold(q).split(/\s+/).filter(function (t) { return t.length > 0; }); }
  // Every word must start a word somewhere; a word in the lesson's title
  // counts most, then in the section's heading, then in its text.
  function search(q) {
    var ts = terms(q), hits = [];
    if (!ts.length) return hits;
    docs.forEach(function (d) {
      var score = 0;
      for (var i = 0; i < ts.length; i++) {
        var inTitle = wordStarts(d.fl, ts[i]).length, inHeading = wordStarts(d.fh, ts[i]).length;
        var inText = wordStarts(d.ft, ts[i]).length;
        if (!inTitle && !inHeading && !inText) return;
        score += (inTitle ? 100 : 0) + (inHeading ? 30 : 0) + Math.min(inText, 10);
      }
      hits.push({ d: d, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.d.order - b.d.order; });
    return hits;
  }
  // `text` with the words that matched in <mark>, as DOM nodes (never HTML).
  function highlighted(text, ts) {
    var folded = fold(text), marks = [];
    ts.forEach(function (t) { wordStarts(folded, t).forEach(function (i) { marks.push([i, i + t.length]); }); });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var fragment = document.createDocumentFragment(), at = 0;
    marks.forEach(function (m) {
      if (m[0] < at) return;
      fragment.appendChild(document.createTextNode(text.slice(at, m[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(m[0], m[1]);
      fragment.appendChild(mark);
      at = m[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  }
  function snippet(d, ts) {
    var at = -1;
    for (var i = 0; i < ts.length && at < 0; i++) { var found = wordStarts(d.ft, ts[i]); if (found.length) at = found[0]; }
    var start = Math.max(0, at - 50);
    var text = d.text.slice(start, start + 150);
    return (start > 0 ? "…" : "") + text + (start + 150 < d.text.length ? "…" : "");
  }
  var active = -1;
  function options() { return list.querySelectorAll("[role=option]"); }
  function setActive(n) {
    var all = options();
    if (!all.length) { active = -1; input.removeAttribute("aria-activedescendant"); return; }
    active = (n + all.length) % all.length;
    for (var i = 0; i < all.length; i++) all[i].setAttribute("aria-selected", i === active ? "true" : "false");
    input.setAttribute("aria-activedescendant", all[active].id);
    all[active].scrollIntoView({ block: "nearest" });
  }
  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }
  function say(text) { if (status) status.textContent = text; }
  function show(limit) {
    var q = input.value;
    list.textContent = "";
    active = -1;
    if (!q.trim()) { close(); say(""); return; }
    var results = search(q), ts = terms(q);
    var count = form.getAttribute("data-count") || "{n} results";
    say(count.replace("{n}", results.length));
    if (!results.length) {
      var empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = form.getAttribute("data-no-results");
      list.appendChild(empty);
    }
    results.slice(0, limit).forEach(function (r, n) {
      var li = document.createElement("li"), a = document.createElement("a");
      li.setAttribute("role", "option");
      li.id = "search-result-" + n;
      a.href = r.d.href;
      a.tabIndex = -1;
      a.lang = r.d.lang;  // the lesson's language, which may not be the page's
      var title = document.createElement("strong");
      title.appendChild(highlighted(r.d.heading && r.d.heading !== r.d.lesson ? r.d.lesson + " › " + r.d.heading : r.d.lesson, ts));
      var text = document.createElement("span");
      text.appendChild(highlighted(snippet(r.d, ts), ts));
      a.appendChild(title);
      a.appendChild(text);
      li.appendChild(a);
      list.appendChild(li);
    });
    if (results.length > limit) {
      var more = document.createElement("li");
      more.className = "more";
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = (form.getAttribute("data-more") || "Show all {n}").replace("{n}", results.length);
      button.addEventListener("click", function (e) { e.preventDefault(); show(Infinity); input.focus(); });
      more.appendChild(button);
      list.appendChild(more);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  input.addEventListener("input", function () { show(shown); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden) show(shown);
      e.preventDefault();
      setActive(active + (e.key === "ArrowDown" ? 1 : -1));
    } else if (e.key === "Escape") {
      close();
    }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var all = options();
    var chosen = all[active >= 0 ? active : 0];
    if (chosen) window.location.href = chosen.querySelector("a").href;
  });
  // A tap or click anywhere else closes the results.
  document.addEventListener("pointerdown", function (e) {
    if (!form.contains(e.target)) close();
  });
  document.addEventListener("keydown", function (e) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((document.activeElement || {}).tagName || "");
    if (e.key === "/" && !typing) { e.preventDefault(); input.focus(); }
  });
})();

// The sidebar is a tab stop only where it scrolls on its own, beside the text
// (from 64rem); on a phone it is a closed box whose summary is the stop, and a
// second stop on the nav around it led nowhere. Without JavaScript it stays.
(function () {
  var nav = document.querySelector("nav.sidebar");
  if (!nav || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 64rem)");
  function place() {
    if (wide.matches) nav.setAttribute("tabindex", "0"); else nav.removeAttribute("tabindex");
    nav.setAttribute("data-tab-stop", wide.matches ? "yes" : "no");
  }
  place();
  if (wide.addEventListener) wide.addEventListener("change", place);
})();

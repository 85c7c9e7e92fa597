/* LessonRunner pages: search the lessons offline. The index is assets/search-index.js (window.LESSON_SEARCH),
   a script rather than JSON to fetch, so it also works over file://. */
(function () {
  "use strict";

  var form = document.querySelector("form.search");
  var index = window.LESSON_SEARCH;
  if (!form || !index) return;
  form.hidden = false;
  var input = form.querySelector("input");
  var list = form.querySelector(".search-results");

  // Case- and accent-insensitive ("hàm" finds "ham"), one character for one.
  function fold(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i).toLowerCase();
      var n = c.normalize ? c.normalize("NFD").charAt(0) : c;
      out += n === "đ" ? "d" : n;
    }
    return out;
  }
  var docs = [];
  index.forEach(function (lesson) {
    lesson.s.forEach(function (section) {
      docs.push({
        href: lesson.p + (section.a ? "#" + section.a : ""), lang: lesson.l || "en",
        lesson: lesson.t, heading: section.h, text: section.x,
        fl: fold(lesson.t), fh: fold(section.h), ft: fold(section.x)
      });
    });
  });
  function terms(q) { return fold(q).split(/\s+/).filter(function (t) { return t.length > 0; }); }
  function search(q) {
    var ts = terms(q), hits = [];
    if (!ts.length) return hits;
    docs.forEach(function (d) {
      var score = 0;
      for (var i = 0; i < ts.length; i++) {
        var s = 0;
        if (d.fh.indexOf(ts[i]) >= 0) s += 5;
        if (d.fl.indexOf(ts[i]) >= 0) s += 3;
        if (d.ft.indexOf(ts[i]) >= 0) s += 1;
        if (!s) return;
        score += s;
      }
      hits.push({ d: d, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.slice(0, 12);
  }
  function snippet(d, ts) {
    var at = ts.length ? d.ft.indexOf(ts[0]) : -1;
    var start = Math.max(0, at - 50);
    var text = d.text.slice(start, start + 150);
    return (start > 0 ? "…" : "") + text + (start + 150 < d.text.length ? "…" : "");
  }
  function show() {
    var q = input.value;
    list.textContent = "";
    if (!q.trim()) { list.hidden = true; return; }
    var results = search(q), ts = terms(q);
    if (!results.length) {
      var empty = document.createElement("li");
      empty.className = "empty";
      empty.textContent = form.getAttribute("data-no-results");
      list.appendChild(empty);
    }
    results.forEach(function (r) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = r.d.href;
      a.lang = r.d.lang;  // the lesson's language, which may not be the page's
      var title = document.createElement("strong");
      title.textContent = r.d.heading && r.d.heading !== r.d.lesson ? r.d.lesson + " › " + r.d.heading : r.d.lesson;
      var text = document.createElement("span");
      text.textContent = snippet(r.d, ts);
      a.appendChild(title);
      a.appendChild(text);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
  }
  input.addEventListener("input", show);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = list.querySelector("a");
    if (first) window.location.href = first.href;
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== input) { e.preventDefault(); input.focus(); }
    if (e.key === "Escape") list.hidden = true;
  });
})();

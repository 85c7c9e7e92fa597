// Explorable blocks (explore:): the controls swap a block's results, and the
// inline values and sentences reading it, to another stored position. The
// positions are <template>s in the page, their HTML gzipped and base64-encoded
// (data-gzip) and unpacked when the page opens; the state is in the URL
// fragment (#id.setting=value&…), so a link can open a chosen position.
(function () {
  "use strict";
  // Without a way to unpack the positions the page stays as it reads without
  // JavaScript: the default position and the line naming the others.
  if (typeof DecompressionStream !== "function" || typeof Response !== "function") return;
  var blocks = {}, ready = [];
  function unpack(base64) {
    var binary = atob(base64), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }
  function json(text) { try { return JSON.parse(text); } catch (e) { return null; } }
  function each(list, f) { Array.prototype.forEach.call(list, f); }

  each(document.querySelectorAll(".explore[data-explore]"), function (root) {
    var results = root.querySelector(".explore-results");
    var names = json(results.getAttribute("data-names")), values = json(results.getAttribute("data-values"));
    if (!names || !values) return;
    var block = {
      id: root.getAttribute("data-explore"), root: root, results: results, names: names, values: values,
      start: +root.getAttribute("data-default"), current: +root.getAttribute("data-default"),
      templates: {}, saved: null, status: root.querySelector(".explore-status")
    };
    var unpacked = [];
    each(root.querySelectorAll("template[data-position]"), function (t) {
      block.templates[t.getAttribute("data-position")] = t;
      var packed = t.getAttribute("data-gzip");
      if (packed === null) return;
      unpacked.push(unpack(packed).then(function (html) { t.innerHTML = html; t.removeAttribute("data-gzip"); }));
    });
    blocks[block.id] = block;
    // The controls appear once every position can be shown.
    ready.push(Promise.all(unpacked).then(function () {
      root.classList.add("explore-live");
      root.querySelector(".explore-controls").hidden = false;
      root.setAttribute("data-explore-ready", "");
    }));
    each(root.querySelectorAll(".explore-setting"), function (control) {
      var s = +control.getAttribute("data-setting");
      each(control.querySelectorAll("input"), function (input) {
        input.addEventListener(input.type === "range" ? "input" : "change", function () {
          var indices = indicesOf(block, block.current);
          indices[s] = +input.value;
          show(block, positionOf(block, indices), true);
          writeFragment();
        });
      });
    });
  });

  function indicesOf(block, position) {
    var indices = [];
    for (var s = block.values.length - 1; s >= 0; s--) {
      indices[s] = position % block.values[s].length;
      position = Math.floor(position / block.values[s].length);
    }
    return indices;
  }
  function positionOf(block, indices) {
    var position = 0;
    for (var s = 0; s < block.values.length; s++) position = position * block.values[s].length + indices[s];
    return position;
  }
  function label(block, indices) {
    return block.names.map(function (name, s) { return name + " = " + block.values[s][indices[s]]; }).join(", ");
  }

  function show(block, position, announce) {
    if (position === block.current || (position !== block.start && !block.templates[position])) return;
    var results = block.results;
    if (block.current === block.start) {
      block.saved = document.createDocumentFragment();
      while (results.firstChild) block.saved.appendChild(results.firstChild);
    } else {
      while (results.firstChild) results.removeChild(results.firstChild);
    }
    results.appendChild(position === block.start ? block.saved : block.templates[position].content.cloneNode(true));
    results.setAttribute("data-position", String(position));
    block.current = position;
    each(document.querySelectorAll("[data-explore-value]"), function (value) {
      if (value.getAttribute("data-explore-value") !== block.id) return;
      var texts = json(value.getAttribute("data-texts")) || [];
      var text = texts[position];
      value.textContent = text === null || text === undefined ? "?" : text;
    });
    each(document.querySelectorAll("[data-explore-default]"), function (prose) {
      if (prose.getAttribute("data-explore-default") === block.id) prose.hidden = position !== block.start;
    });
    var indices = indicesOf(block, position);
    each(block.root.querySelectorAll(".explore-setting"), function (control) {
      var s = +control.getAttribute("data-setting");
      each(control.querySelectorAll("input"), function (input) {
        if (input.type === "range") {
          input.value = String(indices[s]);
          input.setAttribute("aria-valuetext", block.values[s][indices[s]]);
          var output = control.querySelector("output");
          if (output) output.textContent = block.values[s][indices[s]];
        } else {
          input.checked = +input.value === indices[s];
        }
      });
    });
    if (announce && block.status) block.status.textContent = "Showing the run at " + label(block, indices) + ".";
  }

  // #sm.temperature=2&drop.keep_prob=0.2; a block at its default is left out.
  function writeFragment() {
    var parts = [];
    Object.keys(blocks).forEach(function (id) {
      var block = blocks[id];
      if (block.current === block.start) return;
      var indices = indicesOf(block, block.current);
      block.names.forEach(function (name, s) {
        parts.push(encodeURIComponent(id + "." + name) + "=" + encodeURIComponent(block.values[s][indices[s]]));
      });
    });
    var hash = parts.length ? "#" + parts.join("&") : " ";
    try {
      history.replaceState(history.state, "", parts.length ? hash : location.pathname + location.search);
    } catch (e) {
      location.hash = parts.length ? hash : "";
    }
  }
  function readFragment(scroll) {
    var hash = location.hash.slice(1);
    if (hash.indexOf("=") < 0) return;
    var wanted = {};
    hash.split("&").forEach(function (part) {
      var pair = part.split("=");
      if (pair.length !== 2) return;
      var key, value;
      try { key = decodeURIComponent(pair[0]); value = decodeURIComponent(pair[1]); } catch (e) { return; }
      var dot = key.indexOf(".");
      var block = blocks[key.slice(0, dot)];
      if (dot < 0 || !block) return;
      var s = block.names.indexOf(key.slice(dot + 1)), v = s < 0 ? -1 : block.values[s].indexOf(value);
      if (v < 0) return;
      wanted[block.id] = wanted[block.id] || indicesOf(block, block.start);
      wanted[block.id][s] = v;
    });
    var first = null;
    Object.keys(blocks).forEach(function (id) {
      var block = blocks[id];
      show(block, wanted[id] ? positionOf(block, wanted[id]) : block.start, false);
      if (wanted[id] && !first) first = block.root;
    });
    if (scroll && first && first.scrollIntoView) first.scrollIntoView();
  }
  Promise.all(ready).then(function () {
    readFragment(true);
    window.addEventListener("hashchange", function () { readFragment(false); });
  });

  // Paper shows what the page shows without JavaScript: the default position.
  var before = null;
  window.addEventListener("beforeprint", function () {
    before = {};
    Object.keys(blocks).forEach(function (id) { before[id] = blocks[id].current; show(blocks[id], blocks[id].start, false); });
  });
  window.addEventListener("afterprint", function () {
    if (!before) return;
    Object.keys(blocks).forEach(function (id) { show(blocks[id], before[id], false); });
    before = null;
  });
})();

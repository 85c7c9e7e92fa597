(function () {
  if (typeof katex === "undefined") return;
  var nodes = document.querySelectorAll(".math");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    try {
      katex.render(el.textContent, el, { displayMode: el.classList.contains("display"), throwOnError: false });
    } catch (e) { el.title = String(e); }
  }
})();

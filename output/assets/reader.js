(function () {
  // The button's words are the page's (data-copy… on <main>, in the lesson's language).
  var main = document.getElementById("content");
  function word(name, fallback) {
    var value = main && main.getAttribute("data-" + name);
    return value || fallback;
  }
  var words = {
    copy: word("copy", "Copy"), copied: word("copied", "Copied"),
    failed: word("copy-failed", "Select and copy"), label: word("copy-label", "Copy this code"),
    lang: word("copy-lang", "")  // set when the words are not in the page's language
  };
  function copy(text, button) {
    function done(ok) {
      button.textContent = ok ? words.copied : words.failed;
      button.classList.toggle("done", ok);
      setTimeout(function () { button.textContent = words.copy; button.classList.remove("done"); }, 1600);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallback(text)); });
    } else {
      done(fallback(text));
    }
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }
  var blocks = document.querySelectorAll("main pre > code");
  for (var i = 0; i < blocks.length; i++) {
    var pre = blocks[i].parentNode;
    if (pre.classList.contains("copyable")) continue;
    pre.classList.add("copyable");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = words.copy;
    if (words.lang) button.lang = words.lang;
    button.setAttribute("aria-label", words.label);
    (function (code, button) {
      button.addEventListener("click", function () { copy(code.textContent, button); });
    })(blocks[i], button);
    pre.appendChild(button);
  }
})();

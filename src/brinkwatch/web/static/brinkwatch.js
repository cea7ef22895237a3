// brinkwatch — small page helpers. The page works without them (native <details>, GET form).
(function () {
  "use strict";
  function entries() { return Array.prototype.slice.call(document.querySelectorAll("details.entry")); }

  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button[data-toggle]");
    if (!btn) return;
    var open = btn.getAttribute("data-toggle") === "open";
    entries().forEach(function (d) { d.open = open; });
  });

  // Choosing a type applies the filter at once, as analysts expect from a select.
  var type = document.getElementById("f-type");
  if (type && type.form) type.addEventListener("change", function () {
    if (type.form.requestSubmit) type.form.requestSubmit(); else type.form.submit();
  });

  // Keep the URL shareable: drop empty parameters before submitting.
  var form = document.querySelector("form.filters");
  if (form) form.addEventListener("submit", function () {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && (el.value === "" || el.value == null) && el.type !== "checkbox") el.disabled = true;
    });
  });

  // Coming back to the page (browser history) must not leave fields disabled.
  window.addEventListener("pageshow", function () {
    if (form) Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
  });

  // "/" focuses the actor filter; a link to #e-<id> opens that entry.
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) {
      var box = document.getElementById("f-actor");
      if (box) { ev.preventDefault(); box.focus(); }
    }
  });
  function openFromHash() {
    var el = location.hash && document.getElementById(location.hash.slice(1));
    if (el && el.tagName === "DETAILS") { el.open = true; el.scrollIntoView({ block: "center" }); }
  }
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
})();

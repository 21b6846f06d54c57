// Progressive enhancement for the search form: "use my location", and filters
// that reload the results in place (htmx). Without JavaScript the button stays
// hidden and the form works as it is.
(function () {
  "use strict";
  // htmx (16 KB) is fetched when the visitor first touches the form, not with the
  // page: a phone that only reads the results never downloads it. A filter
  // ticked before it arrives is passed on to it once it has.
  var htmxFile = document.currentScript && document.currentScript.dataset.htmx;
  var htmxState = window.htmx ? "ready" : "none";
  var waiting = [];
  function loadHtmx() {
    if (!htmxFile || htmxState !== "none") return;
    htmxState = "loading";
    var script = document.createElement("script");
    script.src = htmxFile;
    script.onload = function () {
      htmxState = "ready";
      window.htmx.process(document.body);
      waiting.splice(0).forEach(function (box) {
        box.dispatchEvent(new Event("change", { bubbles: true }));
      });
    };
    script.onerror = function () { htmxState = "none"; };
    document.head.appendChild(script);
  }
  if (htmxFile) {
    document.addEventListener("focusin", function (event) {
      if (event.target.closest && event.target.closest("form.search-form")) loadHtmx();
    });
    document.addEventListener("change", function (event) {
      if (htmxState === "ready" || !event.target.closest || !event.target.closest(".filters")) return;
      if (waiting.indexOf(event.target) < 0) waiting.push(event.target);
      loadHtmx();
    });
  }
  function setUp(root) {
    root.querySelectorAll("form.search-form").forEach(function (form) {
      var button = form.querySelector("button.locate");
      if (!button || !("geolocation" in navigator) || button.dataset.ready) return;
      button.dataset.ready = "1";
      button.hidden = false;
      var status = form.querySelector(".locate-status");
      button.addEventListener("click", function () {
        status.textContent = button.dataset.locating;
        navigator.geolocation.getCurrentPosition(
          function (position) {
            form.querySelector("input[name=lat]").value = position.coords.latitude.toFixed(4);
            form.querySelector("input[name=lon]").value = position.coords.longitude.toFixed(4);
            form.querySelector("input[name=where]").value = "";
            form.requestSubmit();
          },
          function () { status.textContent = button.dataset.failed; },
          { timeout: 10000, maximumAge: 600000 }
        );
      });
      // A typed place wins over an earlier position.
      form.querySelector("input[name=where]").addEventListener("input", function () {
        form.querySelector("input[name=lat]").value = "";
        form.querySelector("input[name=lon]").value = "";
      });
    });
  }
  // Beside the results (wide screens) the filters stay open; on a phone they wait under their heading.
  function openFiltersBesideResults(root) {
    if (!window.matchMedia("(min-width: 60rem)").matches) return;
    root.querySelectorAll("details.filters").forEach(function (panel) { panel.open = true; });
  }
  // A ticked filter reloads the search part in place: keep the panel open, the
  // focus on the box just ticked and the page where it was, so a phone user can
  // tick the next one instead of scrolling back and reopening the panel.
  var kept = null;
  document.addEventListener("htmx:beforeSwap", function () {
    var panel = document.querySelector("details.filters");
    var active = document.activeElement;
    kept = { open: !!(panel && panel.open), focus: active && active.id, scroll: window.scrollY };
  });
  function restore(root) {
    if (!kept) return;
    var panel = root.querySelector("details.filters");
    if (panel && kept.open) panel.open = true;
    var focused = kept.focus && document.getElementById(kept.focus);
    if (focused) focused.focus({ preventScroll: true });
    window.scrollTo(0, kept.scroll);
    kept = null;
  }
  // The language buttons return to the page in view, filters included.
  function followAddress() {
    document.querySelectorAll("form.language input[name=next]").forEach(function (next) {
      next.value = window.location.pathname + window.location.search;
    });
  }
  setUp(document);
  openFiltersBesideResults(document);
  document.addEventListener("htmx:afterSettle", function (event) {
    var root = event.target.parentNode || document;
    setUp(root);
    openFiltersBesideResults(root);
    restore(document);
    followAddress();
  });
  document.addEventListener("htmx:pushedIntoHistory", followAddress);
})();

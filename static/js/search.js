// Progressive enhancement for the search form: "use my location".
// Without JavaScript the button stays hidden and the form works as it is.
(function () {
  "use strict";
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
  setUp(document);
  openFiltersBesideResults(document);
  document.addEventListener("htmx:afterSettle", function (event) {
    setUp(event.target.parentNode || document);
    openFiltersBesideResults(event.target.parentNode || document);
  });
})();

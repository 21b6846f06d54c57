// The optional map of the results: decoration over a list that stands alone.
// It draws vector circles (no marker images) so it still shows the programs'
// places when tiles cannot load, and its box has a fixed size, so nothing moves.
// Tiles come from another host, which learns roughly where someone searched:
// the map is drawn only when the visitor asks, and stays on for the session.
// Leaflet itself (46 KB) is fetched only then, so a phone that never opens the
// map never downloads it.
(function () {
  "use strict";
  var WANTED = "iopfinder-map";
  var files = document.currentScript.dataset;
  var leaflet = null;
  function loadLeaflet() {
    if (!leaflet) {
      leaflet = new Promise(function (resolve, reject) {
        var style = document.createElement("link");
        style.rel = "stylesheet";
        style.href = files.leafletCss;
        document.head.appendChild(style);
        var script = document.createElement("script");
        script.src = files.leafletJs;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return leaflet;
  }
  function offer(root) {
    var panel = root.querySelector(".map-panel");
    if (!panel || panel.dataset.offered) return;
    if (!document.querySelector("li.hit[data-lat]")) return;
    panel.dataset.offered = "1";
    panel.hidden = false;
    var button = panel.querySelector(".show-map");
    button.addEventListener("click", function () {
      sessionStorage.setItem(WANTED, "1");
      open(panel);
    });
    if (sessionStorage.getItem(WANTED)) open(panel);
  }
  function open(panel) {
    var button = panel.querySelector(".show-map");
    button.disabled = true;
    loadLeaflet().then(function () { draw(panel); }, function () { button.disabled = false; });
  }
  function draw(panel) {
    if (panel.dataset.drawn || !panel.isConnected) return;
    var box = panel.querySelector(".map");
    var hits = document.querySelectorAll("li.hit[data-lat]");
    panel.dataset.drawn = "1";
    panel.querySelector(".show-map").hidden = true;
    box.hidden = false;
    var map = L.map(box, { scrollWheelZoom: false });
    if (box.dataset.tiles) {
      L.tileLayer(box.dataset.tiles, { maxZoom: 18, attribution: box.dataset.attribution }).addTo(map);
    }
    var points = [];
    hits.forEach(function (hit) {
      var point = [parseFloat(hit.dataset.lat), parseFloat(hit.dataset.lon)];
      points.push(point);
      var link = hit.querySelector("h3 a");
      L.circleMarker(point, { radius: 7, color: "#0b5394", weight: 2, fillOpacity: 0.7 })
        .bindPopup(link ? link.outerHTML : "")
        .addTo(map);
    });
    map.fitBounds(points, { padding: [24, 24], maxZoom: 13 });
  }
  function start() { offer(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  document.addEventListener("htmx:afterSettle", start);
})();

// brinkwatch — the map and the escalation chart, hand-written SVG from the page's own JSON API
// (/api/world, /api/map, /api/escalation with the page's filters). No library, no network.
(function () {
  "use strict";
  var panels = document.getElementById("panels");
  if (!panels || !window.fetch) return;
  var API = panels.getAttribute("data-api") || "/api/";
  var QUERY = panels.getAttribute("data-query") || "";
  var NS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, parent) {
    var el = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(el);
    return el;
  }
  function html(tag, cls, text, parent) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text != null) el.textContent = text;
    if (parent) parent.appendChild(el);
    return el;
  }
  function getJSON(path, plain) {
    return fetch(API + path + (QUERY && !plain ? "?" + QUERY : ""), { headers: { accept: "application/json" } })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.message || r.status); return j; }); });
  }
  function fail(box, err) { box.textContent = ""; html("p", "nodata", "Could not load: " + err.message, box); }

  // ---- detail panel: the events behind a point or a bar, with their evidence sentences
  var detail = document.getElementById("detail");
  function showEvents(title, events, marker) {
    Array.prototype.forEach.call(document.querySelectorAll(".sel"), function (el) { el.classList.remove("sel"); });
    if (marker) marker.classList.add("sel");
    document.getElementById("detail-title").textContent = title;
    var list = document.getElementById("detail-list");
    list.textContent = "";
    events.forEach(function (e) {
      var li = html("li", "ev", null, list);
      li.setAttribute("data-event", e.id);
      var head = html("div", "ev-head", null, li);
      html("span", "tag q" + (e.quad || 0), e.plover, head);
      var a = html("a", null, e.summary, head);
      a.href = "#e-" + e.id;  // the timeline entry (opened by brinkwatch.js on hashchange)
      var meta = [e.date || "date unknown"];
      if (e.place) meta.push(e.place);
      if (e.goldstein != null) meta.push("Goldstein " + e.goldstein);
      meta.push(e.n_sources + " source" + (e.n_sources === 1 ? "" : "s"));
      html("span", "src", "· " + meta.join(" · "), head);
      (e.evidence || []).forEach(function (ev) {
        var q = html("blockquote", null, ev.sentence, li);
        html("span", "src", "— " + (ev.source || "unknown outlet") + (ev.modality && ev.modality !== "asserted" ? " (" + ev.modality + ")" : ""), q);
      });
    });
    detail.hidden = false;
  }
  var closer = document.getElementById("detail-close");
  if (closer) closer.addEventListener("click", function () { detail.hidden = true; });

  // ---- map: equirectangular (x = lon + 180, y = 90 - lat), framed on the events
  function frame(points) {
    if (!points.length) return [0, 0, 360, 180];
    var xs = points.map(function (p) { return p.lon + 180; }), ys = points.map(function (p) { return 90 - p.lat; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var w = Math.max(x1 - x0 + 16, 40), h = Math.max(y1 - y0 + 10, 20);
    if (w / h > 1.6) h = w / 1.6; else w = h * 1.6;
    w = Math.min(w, 360); h = Math.min(h, 180);
    var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    var x = Math.min(Math.max(cx - w / 2, 0), 360 - w), y = Math.min(Math.max(cy - h / 2, 0), 180 - h);
    return [x, y, w, h];
  }
  function drawMap(world, data) {
    var box = document.getElementById("map");
    box.textContent = "";
    var vb = frame(data.points), k = vb[2] / 80;  // k: marker scale so points keep their size when zoomed
    var root = svg("svg", { viewBox: vb.join(" "), "aria-label": "Map of " + data.events_placed + " placed events" }, box);
    var grat = svg("g", {}, root), step = vb[2] > 120 ? 30 : vb[2] > 50 ? 20 : 10;
    for (var lon = -180; lon <= 180; lon += step) {
      svg("path", { "class": "grat", d: "M" + (lon + 180) + ",0V180", "stroke-width": 0.06 * k }, grat);
      svg("text", { "class": "glabel", x: lon + 180 + 0.4 * k, y: vb[1] + vb[3] - 0.8 * k, "font-size": 1.6 * k }, grat).textContent = Math.abs(lon) + "°" + (lon < 0 ? "W" : lon > 0 ? "E" : "");
    }
    for (var lat = -90; lat <= 90; lat += step) {
      svg("path", { "class": "grat", d: "M0," + (90 - lat) + "H360", "stroke-width": 0.06 * k }, grat);
      svg("text", { "class": "glabel", x: vb[0] + 0.5 * k, y: 90 - lat - 0.4 * k, "font-size": 1.6 * k }, grat).textContent = Math.abs(lat) + "°" + (lat < 0 ? "S" : lat > 0 ? "N" : "");
    }
    var hit = {};
    data.points.forEach(function (p) { if (p.country) hit[p.country] = true; });
    var land = svg("g", {}, root);
    (world.countries || []).forEach(function (c) {
      var path = svg("path", { "class": "land" + (hit[c.iso] ? " hit" : ""), d: c.d, "stroke-width": 0.08 * k }, land);
      svg("title", {}, path).textContent = c.name;
    });
    var marks = svg("g", {}, root);
    data.points.slice().reverse().forEach(function (p) {  // biggest drawn last, on top
      var r = (0.7 + Math.sqrt(p.n) * 0.55) * k;
      var c = svg("circle", { "class": "pt q" + p.quad, cx: p.lon + 180, cy: 90 - p.lat, r: r, "stroke-width": 0.18 * k,
                              tabindex: 0, role: "button", "data-place": p.place || "" }, marks);
      var name = (p.place || (p.lat + ", " + p.lon));
      svg("title", {}, c).textContent = name + " — " + p.n + " event" + (p.n === 1 ? "" : "s");
      function open() { showEvents(name + " · " + p.n + " event" + (p.n === 1 ? "" : "s"), p.events, c); }
      c.addEventListener("click", open);
      c.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(); });
    });
    // Labels for the biggest places, each where it overlaps no label already placed (right, left,
    // above, below its point), measured as drawn; a place with no free spot keeps its tooltip and
    // click, not a label.
    var placed = [], fs = 1.9 * k, pad = 0.2 * k;
    function free(b) {
      return placed.every(function (o) { return b[2] <= o[0] || o[2] <= b[0] || b[3] <= o[1] || o[3] <= b[1]; });
    }
    data.points.slice(0, 12).forEach(function (p) {
      if (!p.place) return;
      var cx = p.lon + 180, cy = 90 - p.lat, r = (0.7 + Math.sqrt(p.n) * 0.55) * k;
      var t = svg("text", { "class": "plabel", "font-size": fs, "stroke-width": 0.35 * k }, marks);
      t.textContent = p.place;
      var spots = [[cx + r + 0.4 * k, cy + fs * 0.35, "start"], [cx - r - 0.4 * k, cy + fs * 0.35, "end"],
                   [cx, cy - r - 0.5 * k, "middle"], [cx, cy + r + fs * 0.9, "middle"]];
      for (var i = 0; i < spots.length; i++) {
        t.setAttribute("x", spots[i][0]); t.setAttribute("y", spots[i][1]); t.setAttribute("text-anchor", spots[i][2]);
        var bb = t.getBBox(), b = [bb.x - pad, bb.y - pad, bb.x + bb.width + pad, bb.y + bb.height + pad];
        if (b[0] < vb[0] || b[2] > vb[0] + vb[2] || b[1] < vb[1] || b[3] > vb[1] + vb[3] || !free(b)) continue;
        placed.push(b);
        return;
      }
      marks.removeChild(t);
    });
    var note = document.getElementById("map-note");
    if (note) note.textContent = data.events_placed + " events at " + data.count + " places" +
      (data.events_unplaced ? " · " + data.events_unplaced + " without a location" : "") + " · click a point for its events";
  }

  // ---- escalation: one row per dyad on a shared day axis; bar = the day's Goldstein sum
  function drawChart(data) {
    var box = document.getElementById("escalation");
    box.textContent = "";
    if (!data.dyads.length) { html("p", "nodata", "No dated events with both a source and a target actor.", box); return; }
    var days = data.days, W = 520, left = 120, right = 8, rowH = 62, top = 6, axis = 26;
    var H = top + rowH * data.dyads.length + axis;
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, "aria-label": "Escalation chart" }, box);
    var band = (W - left - right) / Math.max(days.length, 1), bw = Math.max(Math.min(band * 0.7, 28), 2);
    var xOf = {}; days.forEach(function (d, i) { xOf[d] = left + band * i + band / 2; });
    var maxAbs = 1;
    data.dyads.forEach(function (dy) { dy.series.forEach(function (p) { maxAbs = Math.max(maxAbs, Math.abs(p.goldstein_sum)); }); });
    data.dyads.forEach(function (dy, row) {
      var y0 = top + row * rowH, mid = y0 + rowH / 2, half = rowH / 2 - 6;
      if (row % 2 === 0) svg("rect", { "class": "band", x: 0, y: y0, width: W, height: rowH }, root);
      svg("text", { "class": "dyad-label", x: 4, y: mid - 3 }, root).textContent = dy.label;
      svg("text", { "class": "dyad-sub", x: 4, y: mid + 11 }, root).textContent = dy.n + " event" + (dy.n === 1 ? "" : "s") + " · Σ " + dy.goldstein_total;
      svg("line", { "class": "zero", x1: left, x2: W - right, y1: mid, y2: mid }, root);
      var pts = [];
      dy.series.forEach(function (p) {
        var h = Math.max(Math.abs(p.goldstein_sum) / maxAbs * half, 1.5), x = xOf[p.date] - bw / 2;
        var quad = 0, best = -1;
        ["4", "3", "2", "1"].forEach(function (q) { if (p.quads[q] > best) { best = p.quads[q]; quad = +q; } });
        var bar = svg("rect", { "class": "bar q" + quad, x: x, width: bw, y: p.goldstein_sum >= 0 ? mid - h : mid, height: h,
                                tabindex: 0, role: "button", "data-date": p.date }, root);
        svg("title", {}, bar).textContent = dy.label + " · " + p.date + " · " + p.n + " event" + (p.n === 1 ? "" : "s") + " · Goldstein " + p.goldstein_sum;
        function open() { showEvents(dy.label + " · " + p.date + " · Goldstein " + p.goldstein_sum, p.events, bar); }
        bar.addEventListener("click", open);
        bar.addEventListener("keydown", function (ev) { if (ev.key === "Enter") open(); });
        if (p.goldstein_mean != null) pts.push(xOf[p.date] + "," + (mid - p.goldstein_mean / 10 * half));
      });
      if (pts.length > 1) svg("polyline", { "class": "trend", points: pts.join(" ") }, root);
    });
    // Day ticks at least one label width apart (no two dates overprinted).
    var gap = 66, last = -Infinity;
    days.forEach(function (d) {
      if (xOf[d] - last < gap) return;
      last = xOf[d];
      svg("text", { "class": "tick", x: xOf[d], y: H - 9, "text-anchor": "middle" }, root).textContent = d;
    });
    var note = document.getElementById("chart-note");
    if (note) note.textContent = "Goldstein sum per day (up: cooperation, down: conflict; dashed: daily mean on −10…+10)" +
      (data.others ? " · " + data.others + " smaller dyads not shown" : "") + " · click a bar for its events";
  }

  Promise.all([getJSON("world", true).catch(function () { return { countries: [] }; }), getJSON("map")])
    .then(function (r) { drawMap(r[0], r[1]); }, function (err) { fail(document.getElementById("map"), err); });
  getJSON("escalation").then(drawChart, function (err) { fail(document.getElementById("escalation"), err); });
})();

/* credgraph viewer: highlight, search, filters and badges over vis-network.
 * Data comes from the page's JSON block and reaches the DOM only as textContent;
 * node and edge titles are plain strings, which vis-network shows with innerText. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("credgraph-data").textContent);
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var badged = data.nodes.filter(function (n) { return n.badge && n.badge.length; });
  var measure = document.createElement("canvas").getContext("2d");
  var BADGE_FONT = "bold 10px DejaVu Sans, Arial, sans-serif", BADGE_LINE = 13;
  var figures = data.nodes.filter(function (n) { return n.kind === "figure"; });
  var state = { lit: null, visible: null, selected: null };
  var api = { network: network, nodes: nodes, edges: edges, data: data, state: state };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function meets(list, set) {
    for (var i = 0; i < list.length; i++) if (set.has(list[i])) return true;
    return false;
  }
  function shown(n) { return !state.visible || meets(n.figures, state.visible); }
  function lit(item) { return !state.lit || meets(item.figures, state.lit); }

  /* Light up the chains of a set of figures (null: everything) and dim the rest. */
  function paint() {
    nodes.update(data.nodes.map(function (n) {
      var on = lit(n);
      return { id: n.id, opacity: on ? 1 : 0.15, hidden: !shown(n),
               font: { color: on ? "#1d2733" : "rgba(29, 39, 51, 0.2)" } };
    }));
    edges.update(data.edges.map(function (e) {
      var on = lit(e), width = e.width || 1;
      return { id: e.id, width: state.lit && on ? width * 2.5 : width,
               color: { color: e.color, opacity: on ? 1 : 0.08 } };
    }));
    count();
  }
  function count() {
    document.getElementById("shown").textContent = "Showing " +
      figures.filter(shown).length + " of " + figures.length + " figures.";
  }

  function select(id) {
    var n = byId.get(id);
    if (!n) return;
    state.selected = id;
    state.lit = new Set(n.figures);
    network.selectNodes([id]);
    paint();
    var info = document.getElementById("info-text");
    info.textContent = n.title + (n.chains ? "\n\nchains:\n" + n.chains.join("\n") : "");
  }
  function clear() {
    state.selected = null;
    state.lit = null;
    network.unselectAll();
    paint();
    document.getElementById("info-text").textContent = "Nothing selected.";
  }

  /* Nodes whose name, id, label or alias contains the query; exact names first. */
  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var scored = [];
    data.nodes.forEach(function (n) {
      var names = n.search.split(" | ");
      var rank = names.indexOf(q) >= 0 ? 0 : names.some(function (s) {
        return s.indexOf(q) === 0; }) ? 1 : n.search.indexOf(q) >= 0 ? 2 : -1;
      if (rank >= 0) scored.push([rank, n.name.toLowerCase(), n]);
    });
    scored.sort(function (a, b) {
      return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    return scored.slice(0, 30).map(function (s) { return s[2]; });
  }
  function focus(id) {
    if (byId.has(id) && !shown(byId.get(id))) unfilter();  // a hidden match: show all
    select(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: false });
    document.getElementById("matches").textContent = "";
  }

  var form = document.getElementById("search"), input = document.getElementById("query");
  var list = document.getElementById("matches");
  function listMatches() {
    list.textContent = "";
    search(input.value).forEach(function (n) {
      var li = el("li", n.name);
      li.appendChild(el("span", n.kind, "kind"));
      li.addEventListener("click", function () { focus(n.id); });
      list.appendChild(li);
    });
  }
  input.addEventListener("input", listMatches);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var found = search(input.value);
    if (found.length) focus(found[0].id);
  });
  function unfilter() {
    document.querySelectorAll("#filters input").forEach(function (b) { b.checked = false; });
    state.visible = null;
  }
  document.getElementById("reset").addEventListener("click", function () {
    input.value = "";
    list.textContent = "";
    unfilter();
    clear();
    network.fit();
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") clear(); });

  /* Filters: a figure stays when it matches every group that has a box ticked. */
  var groups = { flag: "flags", kind: "kinds", outlet: "outlets" };
  function applyFilters() {
    var active = [];
    Object.keys(groups).forEach(function (g) {
      var on = new Set();
      document.querySelectorAll("#filter-" + g + " input:checked").forEach(function (b) {
        on.add(b.value); });
      if (on.size) active.push([groups[g], on]);
    });
    state.visible = !active.length ? null : new Set(figures.filter(function (f) {
      return active.every(function (a) { return meets(f[a[0]], a[1]); });
    }).map(function (f) { return f.id; }));
    paint();
  }
  Object.keys(groups).forEach(function (g) {
    var counts = new Map();
    figures.forEach(function (f) {
      f[groups[g]].forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
    });
    var box = document.getElementById("filter-" + g);
    Array.from(counts.keys()).sort().forEach(function (value) {
      var outlet = g === "outlet" && byId.get("source:" + value);
      var label = el("label"), tick = el("input");
      tick.type = "checkbox";
      tick.value = value;
      tick.addEventListener("change", applyFilters);
      label.appendChild(tick);
      label.appendChild(document.createTextNode(
        " " + (outlet ? outlet.name : value) + " (" + counts.get(value) + ")"));
      box.appendChild(label);
    });
  });

  /* Badges under flagged figures: grade and flag names, drawn on the canvas. */
  function badgeBox(n) {
    var b = network.getBoundingBox(n.id);
    measure.font = BADGE_FONT;
    var w = Math.max.apply(null, n.badge.map(function (t) {
      return measure.measureText(t).width; })) + 8;
    var x = (b.left + b.right) / 2;
    return { id: n.id, left: x - w / 2, right: x + w / 2, top: b.bottom + 3,
             bottom: b.bottom + 7 + n.badge.length * BADGE_LINE };
  }
  network.on("afterDrawing", function (ctx) {
    if (!api.readyAt) api.readyAt = performance.now();
    if (network.getScale() * 10 < 3) return;
    ctx.save();
    ctx.font = BADGE_FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    badged.forEach(function (n) {
      if (!shown(n)) return;
      var r = badgeBox(n);
      ctx.globalAlpha = lit(n) ? 1 : 0.15;
      ctx.fillStyle = n.color.border;
      ctx.beginPath();
      ctx.roundRect(r.left, r.top, r.right - r.left, r.bottom - r.top, 6);
      ctx.fill();
      ctx.fillStyle = "#fff";
      n.badge.forEach(function (t, i) {
        ctx.fillText(t, (r.left + r.right) / 2, r.top + 3 + i * BADGE_LINE);
      });
    });
    ctx.restore();
  });

  network.on("click", function (p) {
    if (p.nodes.length) select(p.nodes[0]);
    else if (!p.edges.length) clear();
  });

  api.select = select;
  api.clear = clear;
  api.search = search;
  api.focus = focus;
  api.applyFilters = applyFilters;
  api.badgeBoxes = function () { return badged.filter(shown).map(badgeBox); };
  api.lit = function () {
    return data.nodes.filter(function (n) { return state.lit && lit(n); }).map(function (n) {
      return n.id; });
  };
  window.credgraph = api;
  count();
})();

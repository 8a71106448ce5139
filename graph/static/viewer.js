/* credgraph viewer: sheets, highlight, search, filters, badges and the grade key over
 * vis-network. Data comes from the page's JSON block and reaches the DOM only as
 * textContent; node and edge titles are plain strings, which vis-network shows with
 * innerText. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("credgraph-data").textContent);
  var sizes = data.display;
  var byId = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var nodes = new vis.DataSet([]);
  var edges = new vis.DataSet([]);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var measure = document.createElement("canvas").getContext("2d");
  var BADGE_FONT = "bold " + sizes.badgeFont + "px DejaVu Sans, Arial, sans-serif";
  var OPEN_SCALE = sizes.labelPx / Math.min(sizes.font, sizes.badgeFont);  // labels >= labelPx
  var MAX_SCALE = 1.25, PAD = 16;
  var figures = data.nodes.filter(function (n) { return n.kind === "figure"; });
  var state = { lit: null, visible: null, selected: null, sheet: -1, drawn: 0 };
  var sheet = { nodes: [], edges: [], badged: [] };  // what the current sheet draws
  var api = { network: network, nodes: nodes, edges: edges, data: data, state: state,
              sheet: sheet };

  function $(id) { return document.getElementById(id); }
  /* A node's shape and colours: by kind, and for figures and groups by severity; kept when
   * it is selected or hovered (vis-network would repaint it blue). */
  function styled(n) {
    var style = data.styles[n.kind], colour = n.severity ? data.styles[n.severity] : style.color;
    return Object.assign({}, style, { color: { background: colour.background,
      border: colour.border, highlight: colour, hover: colour } });
  }
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

  /* vis-network keeps its tooltip up until the mouse moves: hide it whenever the view
   * changes under a still mouse (a search, a filter, another sheet). */
  function hideTooltip() {
    var handler = network.interactionHandler;
    if (handler && handler.popup) {
      clearTimeout(handler.popupTimer);
      handler.popup.hide();
    }
  }

  /* Light up the chains of a set of figures (null: everything) and dim the rest. Only what
   * changes is handed to vis-network: each update costs it a pass over its data. */
  function nodeLook(n) {
    var on = lit(n);
    return { id: n.id, opacity: on ? 1 : 0.15, hidden: !shown(n),
             font: { color: on ? "#1d2733" : "rgba(29, 39, 51, 0.2)" } };
  }
  function edgeLook(e) {
    var on = lit(e), width = e.width || 1;
    return { id: e.id, width: state.lit && on ? width * 2.5 : width, hidden: !shown(e),
             color: { color: e.color, opacity: on ? 1 : 0.08 } };
  }
  var painted = new Map();  // id -> the look last handed over, as "opacity|width|hidden"
  function changed(look) {
    var key = look.opacity + "|" + look.width + "|" + look.hidden + "|" +
      (look.color ? look.color.opacity : "");
    if (painted.get(look.id) === key) return false;
    painted.set(look.id, key);
    return true;
  }
  function paint() {
    var n = sheet.nodes.map(nodeLook).filter(changed);
    if (n.length) nodes.update(n);
    var e = sheet.edges.map(edgeLook).filter(changed);
    if (e.length) edges.update(e);
    count();
  }
  function count() {
    var text = data.counts.text + ".";
    if (state.visible) {
      var n = figures.filter(shown).length;
      text = n.toLocaleString("en") + " of these " + figures.length.toLocaleString("en") +
        " figures match the filters.";
    }
    $("shown").textContent = text;
  }

  /* Where a node is drawn, its badge included (canvas coordinates). */
  var badgeWidth = new Map();  // measured once a node
  function badgeBox(n) {
    var b = network.getBoundingBox(n.id), w = badgeWidth.get(n.id);
    if (w === undefined) {
      measure.font = BADGE_FONT;
      w = Math.max.apply(null, n.badge.map(function (t) {
        return measure.measureText(t).width; })) + 10;
      badgeWidth.set(n.id, w);
    }
    var x = (b.left + b.right) / 2;
    return { id: n.id, left: x - w / 2, right: x + w / 2, top: b.bottom + 3,
             bottom: b.bottom + 7 + n.badge.length * sizes.badgeLine };
  }
  function union(box, b) {
    if (!box || !b) return box || b;
    return { left: Math.min(box.left, b.left), right: Math.max(box.right, b.right),
             top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom) };
  }
  function footprint(list) {
    var box = null;
    list.forEach(function (n) {
      box = union(box, network.getBoundingBox(n.id));
      if (n.badge && n.badge.length) box = union(box, badgeBox(n));
    });
    return box;
  }
  function room() {
    return { w: Math.max(container.clientWidth - 2 * PAD, 50),
             h: Math.max(container.clientHeight - 2 * PAD, 50) };
  }
  /* Zoom to show *box* whole (at most MAX_SCALE). With *within* (the footprint of all
   * that is drawn), the room left over shows what lies next to the box: first to its left
   * (the chains, towards the origins) and below it (the next figures), then the rest. */
  function fitBox(box, within) {
    if (!box) return;
    var r = room();
    var scale = Math.min(r.w / Math.max(box.right - box.left, 1),
                         r.h / Math.max(box.bottom - box.top, 1), MAX_SCALE);
    function span(low, high, size, lowest, highest, lowFirst) {
      var extra = size / scale - (high - low);
      if (!within || extra <= 0) return (low + high) / 2;
      var first = lowFirst ? Math.min(extra, Math.max(low - lowest, 0))
                           : extra - Math.min(extra, Math.max(highest - high, 0));
      return (low - first + high + (extra - first)) / 2;
    }
    var x = span(box.left, box.right, r.w, within && within.left, within && within.right, true);
    var y = span(box.top, box.bottom, r.h, within && within.top, within && within.bottom, false);
    network.moveTo({ position: { x: x, y: y }, scale: scale, animation: false });
  }
  function fitNodes(list) { hideTooltip(); fitBox(footprint(list)); }

  /* Open on the figures that matter most (lowest rank), as many of them with their chains
   * as fit at a zoom where labels and badges are at least labelPx high. */
  function openView() {
    hideTooltip();
    var r = room(), showing = sheet.nodes.filter(shown);
    function fits(b) {
      return (b.right - b.left) * OPEN_SCALE <= r.w && (b.bottom - b.top) * OPEN_SCALE <= r.h;
    }
    var whole = footprint(showing);
    if (!whole || fits(whole)) return fitBox(whole);
    var ranked = showing.filter(function (n) { return n.rank !== undefined; })
      .sort(function (a, b) { return a.rank - b.rank; }).slice(0, 80);
    var chosen = null;
    ranked.forEach(function (f) {  // with its chain if that fits, else alone, else not
      var chain = showing.filter(function (n) {
        return n === f || n.figures.indexOf(f.id) >= 0; });
      [chain, [f]].some(function (extra) {
        var box = union(chosen, footprint(extra));
        if (!fits(box)) return false;
        chosen = box;
        return true;
      });
    });
    fitBox(chosen || footprint([ranked[0] || showing[0]]), whole);
  }

  /* Show one sheet: its nodes at their positions, nothing selected, opened readable. */
  function openSheet(i) {
    var s = data.sheets[i];
    hideTooltip();
    state.sheet = i;
    state.lit = null;
    state.selected = null;
    var onSheet = s.nodes.map(function (k) { return data.nodes[k]; });
    var lines = s.edges.map(function (k) { return data.edges[k]; });
    sheet.nodes = sheet.edges = sheet.badged = [];  // nothing to badge while it changes
    painted.clear();
    edges.clear();
    nodes.clear();
    nodes.add(onSheet.map(function (n, j) {  // drawn as they are, not painted over after
      var look = nodeLook(n);
      changed(look);
      return Object.assign({}, n, styled(n), look, { x: s.xy[2 * j], y: s.xy[2 * j + 1] });
    }));
    edges.add(lines.map(function (e) {
      var look = edgeLook(e);
      changed(look);
      return Object.assign({}, e, look);
    }));
    sheet.nodes = onSheet;
    sheet.edges = lines;
    sheet.badged = onSheet.filter(function (n) { return n.badge && n.badge.length; });
    var nav = $("sheets");
    nav.hidden = data.sheets.length < 2;
    $("sheet-title").textContent = s.title;
    $("sheet-up").hidden = s.up === null;
    $("sheet-prev").hidden = s.prev === null;
    $("sheet-next").hidden = s.next === null;
    count();
    describe(null);
    network.redraw();  // sizes the nodes, so that their boxes are known
    openView();
  }
  [["sheet-up", "up"], ["sheet-prev", "prev"], ["sheet-next", "next"]].forEach(function (b) {
    $(b[0]).addEventListener("click", function () {
      var to = data.sheets[state.sheet][b[1]];
      if (to !== null) openSheet(to);
    });
  });

  /* The side panel: the selected node first (grade, reason, chains), then the key. */
  var keyRows = {};
  ["reliability", "credibility"].forEach(function (scale) {
    var table = el("table"), part = data.key[scale];
    table.appendChild(el("caption", part.title + (scale === "reliability" ?
      " (the letter)" : " (the digit)")));
    part.values.forEach(function (v) {
      var tr = el("tr");
      tr.title = v[2];
      tr.appendChild(el("td", v[0]));
      tr.appendChild(el("td", v[1]));
      table.appendChild(tr);
      keyRows[v[0]] = tr;
    });
    $("key-tables").appendChild(table);
  });
  function meaning(code) {
    var part = function (scale, v) {
      var row = data.key[scale].values.filter(function (r) { return r[0] === v; })[0];
      return v + ": " + (row ? row[1] : "?");
    };
    return part("reliability", code.charAt(0)) + " source; " +
      part("credibility", code.slice(1)) + " information";
  }
  function describe(n) {
    $("info-none").hidden = !!n;
    $("info-body").hidden = !n;
    Object.keys(keyRows).forEach(function (k) { keyRows[k].classList.remove("on"); });
    if (!n) return;
    var figure = n.kind === "figure";
    $("info-name").textContent = n.name + " (" + n.kind + ")";
    $("info-counts").textContent = figure ? n.badge[0] : n.figures.length.toLocaleString("en") +
      " figure" + (n.figures.length === 1 ? "" : "s") + " rest on chains through it";
    $("info-statement").textContent = figure ? "“" + n.statement + "”" : "";
    $("info-grade").hidden = !figure;
    $("info-flags").textContent = figure ? n.badge.slice(1).join(" ") : "";
    $("chains-head").hidden = $("info-chains").hidden = !n.chains;
    var list = $("info-chains");
    list.textContent = "";
    (n.chains || []).forEach(function (c) { list.appendChild(el("li", c)); });
    $("info-text").textContent = n.title;
    if (figure) {
      $("grade-code").textContent = n.grade;
      $("grade-meaning").textContent = meaning(n.grade);
      $("grade-reason").textContent = "Why " + n.grade + ": " + n.grade_reason + ".";
      [n.grade.charAt(0), n.grade.slice(1)].forEach(function (k) {
        if (keyRows[k]) keyRows[k].classList.add("on"); });
    }
  }

  function select(id) {
    var n = byId.get(id);
    if (!n) return;
    if (n.kind === "group") return openSheet(n.opens);
    state.selected = id;
    state.lit = new Set(n.figures);
    network.selectNodes([id]);
    paint();
    describe(n);
  }
  function clear() {
    state.selected = null;
    state.lit = null;
    network.unselectAll();
    paint();
    describe(null);
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
  /* The sheet a node is found on: an origin's own group first, else the first holding it. */
  var home = new Map();
  data.sheets.forEach(function (s, i) {
    s.nodes.forEach(function (k) {
      var id = data.nodes[k].id;
      if (!home.has(id)) home.set(id, i);
    });
  });
  home.forEach(function (i, id) {
    var group = byId.get("group:" + id);
    if (group) home.set(id, group.opens);
  });
  function focus(id) {
    if (!byId.has(id)) return;
    hideTooltip();
    $("matches").textContent = "";
    if (home.has(id) && !data.sheets[state.sheet].nodes.some(function (k) {
      return data.nodes[k].id === id; })) openSheet(home.get(id));
    if (!shown(byId.get(id))) unfilter();  // a hidden match: show everything
    select(id);
    if (byId.get(id).kind === "group") return;
    network.focus(id, { scale: Math.max(network.getScale(), OPEN_SCALE), animation: false });
  }

  var form = $("search"), input = $("query"), list = $("matches");
  function listMatches() {
    hideTooltip();
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
    paint();
  }
  $("reset").addEventListener("click", function () {
    input.value = "";
    list.textContent = "";
    state.visible = null;
    document.querySelectorAll("#filters input").forEach(function (b) { b.checked = false; });
    network.unselectAll();
    openSheet(0);
  });
  $("fit").addEventListener("click", function () { fitNodes(sheet.nodes.filter(shown)); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { hideTooltip(); clear(); }
  });

  /* Filters: a figure stays when it matches every group that has a box ticked; the view
   * then fits what stays. */
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
    if (state.visible) fitNodes(sheet.nodes.filter(shown));
    else openView();
  }
  Object.keys(groups).forEach(function (g) {
    var counts = new Map();
    figures.forEach(function (f) {
      f[groups[g]].forEach(function (v) { counts.set(v, (counts.get(v) || 0) + 1); });
    });
    var box = $("filter-" + g);
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

  /* Badges under figures and groups, drawn on the canvas; the more one zooms in, the more
   * they say: nothing far out, the first line (grade, reports, origins), then all. */
  network.on("afterDrawing", function (ctx) {
    state.drawn++;
    if (!api.readyAt) api.readyAt = performance.now();
    var px = network.getScale() * sizes.badgeFont;
    if (px < 3) return;
    ctx.save();
    ctx.font = BADGE_FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    sheet.badged.forEach(function (n) {
      if (!shown(n)) return;
      var r = badgeBox(n), lines = px < 6 ? n.badge.slice(0, 1) : n.badge;
      ctx.globalAlpha = lit(n) ? 1 : 0.15;
      ctx.fillStyle = data.styles[n.severity].border;
      ctx.beginPath();
      ctx.roundRect(r.left, r.top, r.right - r.left, 4 + lines.length * sizes.badgeLine, 6);
      ctx.fill();
      ctx.fillStyle = "#fff";
      lines.forEach(function (t, i) {
        ctx.fillText(t, (r.left + r.right) / 2, r.top + 3 + i * sizes.badgeLine);
      });
    });
    ctx.restore();
  });

  network.on("click", function (p) {
    if (p.nodes.length) select(p.nodes[0]);
    else if (!p.edges.length) clear();
  });
  network.on("dragStart", hideTooltip);
  var inside = false;  // a tooltip due after the mouse left the graph is not shown
  container.addEventListener("mousemove", function () { inside = true; });
  container.addEventListener("mouseleave", function () { inside = false; hideTooltip(); });
  network.on("showPopup", function () { if (!inside) hideTooltip(); });

  api.select = select;
  api.clear = clear;
  api.search = search;
  api.focus = focus;
  api.openSheet = openSheet;
  api.openView = openView;
  api.applyFilters = applyFilters;
  api.badgeBoxes = function () { return sheet.badged.filter(shown).map(badgeBox); };
  api.lit = function () {
    return sheet.nodes.filter(function (n) { return state.lit && lit(n); }).map(function (n) {
      return n.id; });
  };
  window.credgraph = api;
  openSheet(0);
})();

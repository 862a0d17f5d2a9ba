(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("graph-config").textContent);
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  window.graphData = data;
  var nodes = data.nodes, edges = data.edges, N = nodes.length, E = edges.length;
  var LIMIT = config.limit, EDGE_LIMIT = config.edgeLimit, BIG = config.big, RED = config.red, UNKNOWN = config.unknown;
  var statusEl = document.getElementById("status");

  // ---- indexes ---------------------------------------------------------------------------
  function key(value) {  // one string per distinct JSON value; "" for none
    if (value === null || value === undefined) return "";
    return (typeof value === "string" ? "s:" : "n:") + String(value);
  }
  function name(value) { return value === null || value === undefined ? "(none)" : String(value); }
  var index = new Map();
  nodes.forEach(function (n, i) { index.set(n.id, i); });
  var ends = new Int32Array(2 * E), adjacency = [];
  for (var i = 0; i < N; i++) adjacency.push([]);
  edges.forEach(function (e, k) {
    var a = index.has(e.from) ? index.get(e.from) : -1, b = index.has(e.to) ? index.get(e.to) : -1;
    ends[2 * k] = a; ends[2 * k + 1] = b;
    if (a < 0 || b < 0) return;
    adjacency[a].push(k);
    if (b !== a) adjacency[b].push(k);
  });
  var palettes = {};
  Object.keys(config.palettes).forEach(function (dimension) {
    var map = new Map();
    config.palettes[dimension].forEach(function (pair) { map.set(key(pair[0]), pair[1]); });
    palettes[dimension] = map;
  });
  var typeColours = new Map();
  config.types.forEach(function (pair) { typeColours.set(key(pair[0]), pair[1]); });
  function nodeColour(n, dimension) {
    var colour = palettes[dimension].get(key(n[dimension]));
    return colour || UNKNOWN;
  }
  function typeColour(type) { return typeColours.get(key(type)) || UNKNOWN; }
  var searchText = nodes.map(function (n) {
    return [String(n.slug || n.label || "").toLowerCase(), String(n.title || "").toLowerCase()];
  });

  // ---- facets (filters) ------------------------------------------------------------------
  var FACETS = [["format", "Format"], ["status", "Status"], ["domain", "Domain"], ["type", "Relationship type"]];
  var facetValues = {};  // facet -> [{key, value, count}]
  FACETS.forEach(function (facet) {
    var counts = new Map(), values = new Map();
    var items = facet[0] === "type" ? edges : nodes;
    items.forEach(function (item) {
      if (item.dangling && facet[0] !== "type") return;
      var value = item[facet[0]], k = key(value);
      values.set(k, value);
      counts.set(k, (counts.get(k) || 0) + 1);
    });
    facetValues[facet[0]] = Array.from(values.keys()).sort(function (a, b) {
      if (a === "" || b === "") return a === "" ? 1 : -1;
      return a < b ? -1 : a > b ? 1 : 0;
    }).map(function (k) { return {key: k, value: values.get(k), count: counts.get(k)}; });
  });
  var state = {
    colorBy: config.colorBy === "format" ? "format" : "status",
    excluded: {format: new Set(), status: new Set(), domain: new Set(), type: new Set()},
    showDangling: true,
    focus: null,        // array of node indexes at the centre of the drawing, or null: everything
    focusAuto: false,   // the focus was picked because the graph is too large, not by the user
    depth: 2,
    selected: null,
  };
  if (Array.isArray(data.around) && data.around.length) {
    state.focus = data.around.filter(function (id) { return index.has(id); }).map(function (id) { return index.get(id); });
    if (!state.focus.length) state.focus = null;
    if (typeof data.depth === "number") state.depth = data.depth;
  }

  // ---- visibility ------------------------------------------------------------------------
  function visibility() {
    var nodeOn = new Uint8Array(N), edgeOn = new Uint8Array(E), degree = new Int32Array(N), plain = new Uint8Array(N);
    var ex = state.excluded, forced = new Set(state.focus || []);
    for (var i = 0; i < N; i++) {
      var n = nodes[i];
      if (n.dangling) continue;
      plain[i] = ex.format.has(key(n.format)) || ex.status.has(key(n.status)) || ex.domain.has(key(n.domain)) ? 0 : 1;
      nodeOn[i] = plain[i] || forced.has(i) ? 1 : 0;
    }
    var reached = new Uint8Array(N);
    for (var k = 0; k < E; k++) {
      var a = ends[2 * k], b = ends[2 * k + 1];
      if (a < 0 || b < 0 || ex.type.has(key(edges[k].type))) continue;
      var da = nodes[a].dangling, db = nodes[b].dangling;
      if (da || db) {  // a dangling target is shown when a shown pattern links to it
        if (!(state.showDangling || forced.has(da ? a : b))) continue;
        if (nodeOn[da ? b : a] || (da && db)) { edgeOn[k] = 1; reached[da ? a : b] = 1; }
      } else if (nodeOn[a] && nodeOn[b]) {
        edgeOn[k] = 1;
      }
    }
    var count = 0, patterns = 0;
    for (i = 0; i < N; i++) {
      if (nodes[i].dangling) nodeOn[i] = reached[i] || forced.has(i) ? 1 : 0;
      if (nodeOn[i]) { count++; if (!nodes[i].dangling) patterns++; }
    }
    var links = 0;
    for (k = 0; k < E; k++) if (edgeOn[k]) { links++; degree[ends[2 * k]]++; degree[ends[2 * k + 1]]++; }
    return {nodeOn: nodeOn, edgeOn: edgeOn, degree: degree, count: count, patterns: patterns, links: links, plain: plain};
  }

  function mostLinked(shown) {
    var best = -1;
    for (var i = 0; i < N; i++) {
      if (shown.nodeOn[i] && !nodes[i].dangling && (best < 0 || shown.degree[i] > shown.degree[best])) best = i;
    }
    if (best < 0) for (i = 0; i < N; i++) if (shown.nodeOn[i]) { best = i; break; }
    return best;
  }

  function other(k, i) { return ends[2 * k] === i ? ends[2 * k + 1] : ends[2 * k]; }

  // The patterns within `depth` links of `starts`, nearest first, stopping before the drawing
  // would pass LIMIT nodes or EDGE_LIMIT links.
  function neighbourhood(starts, depth, shown) {
    var distance = new Map(), queue = [], cut = false, links = 0;
    starts.forEach(function (s) { if (!distance.has(s)) { distance.set(s, 0); queue.push(s); } });
    for (var h = 0; h < queue.length && !cut; h++) {
      var i = queue[h], d = distance.get(i);
      if (d >= depth) continue;
      var list = adjacency[i];
      for (var x = 0; x < list.length; x++) {
        var k = list[x];
        if (!shown.edgeOn[k]) continue;
        var j = other(k, i);
        if (distance.has(j)) continue;
        var added = 0, around = adjacency[j];  // the links j brings into the drawing
        for (var y = 0; y < around.length; y++) {
          var o = other(around[y], j);
          if (shown.edgeOn[around[y]] && (distance.has(o) || o === j)) added++;
        }
        if (distance.size >= LIMIT || links + added > EDGE_LIMIT) { cut = true; break; }
        links += added;
        distance.set(j, d + 1);
        queue.push(j);
      }
    }
    return {distance: distance, cut: cut};
  }

  function tooLarge(shown) { return shown.count > LIMIT || shown.links > EDGE_LIMIT; }

  // ---- drawing ---------------------------------------------------------------------------
  var container = document.getElementById("graph");
  var nodeSet = new vis.DataSet(), edgeSet = new vis.DataSet();
  var network = new vis.Network(container, {nodes: nodeSet, edges: edgeSet}, {
    autoResize: true,
    layout: {improvedLayout: false, randomSeed: 7},
    nodes: {shape: "dot", size: 10, borderWidth: 1, font: {size: 12, face: "system-ui, Helvetica, Arial, sans-serif"},
            scaling: {label: {drawThreshold: 6}}},
    edges: {smooth: false, width: 1, arrows: {to: {enabled: true, scaleFactor: 0.45}}, selectionWidth: 2,
            color: {inherit: false}},
    physics: {enabled: true, solver: "forceAtlas2Based",
              forceAtlas2Based: {gravitationalConstant: -60, centralGravity: 0.008, springLength: 90,
                                 springConstant: 0.08, damping: 0.5, avoidOverlap: 0},
              maxVelocity: 60, minVelocity: 1, timestep: 0.5,
              stabilization: {enabled: false}},
    interaction: {hover: false, tooltipDelay: 250, navigationButtons: false, keyboard: false, multiselect: false},
  });
  window.network = network;
  var draws = 0, drawing = false, current = null;

  function tooltip(n) {
    if (n.dangling) {
      return "missing: " + name(n.label) + "\nno pattern has this name; linked " + n.references +
        " time(s) from " + (n.referenced_by || []).length + " pattern(s)";
    }
    return name(n.slug || n.label) + (n.title ? "\n" + name(n.title) : "") + "\nformat: " + name(n.format) +
      "  status: " + name(n.status) + "  domain: " + name(n.domain) + "\nfindings: " + n.findings;
  }

  function visNode(i, distance, degree, focus) {
    var n = nodes[i];
    if (n.dangling) {
      return {id: n.id, label: "\u26a0 missing: " + name(n.label), shape: "box", borderWidth: 2,
              shapeProperties: {borderDashes: [6, 4]}, margin: 6,
              color: {background: config.danglingFill, border: RED,
                      highlight: {background: "#fbb4ae", border: RED}, hover: {background: "#fbb4ae", border: RED}},
              font: {color: RED, size: 12}, title: tooltip(n), dangling: true};
    }
    var colour = nodeColour(n, state.colorBy);
    var isFocus = focus && focus.has(i);
    var node = {id: n.id, label: name(n.slug || n.label), title: tooltip(n),
                size: isFocus ? 26 : (distance === 1 ? 12 : 8) + Math.min(10, Math.sqrt(degree)),
                borderWidth: isFocus ? 4 : 1,
                color: {background: colour, border: isFocus ? "#000000" : "#444444",
                        highlight: {background: colour, border: "#000000"}, hover: {background: colour, border: "#000000"}}};
    if (isFocus) node.font = {size: 22, bold: true, strokeWidth: 5, strokeColor: "#ffffff"};
    else if (distance === 1) node.font = {size: 16};
    return node;
  }

  function visEdge(k) {
    var e = edges[k];
    var colour = e.cycle ? RED : typeColour(e.type);
    var title = name(e.type) + (e.label ? " (" + name(e.label) + ")" : "") + ": " + name(e.from) + " \u2192 " +
      name(e.to) + (e.line ? " (line " + e.line + ")" : "") + (e.cycle ? "\non a generalization cycle" : "");
    return {id: k, from: e.from, to: e.to, title: title, width: e.cycle ? 5 : 1,
            dashes: e.kind === "inferred" || !!e.dangling, cycle: !!e.cycle,
            color: {color: colour, highlight: colour, hover: colour, opacity: e.cycle ? 1 : 0.8}};
  }

  function ringPositions(distance) {
    var rings = new Map();
    distance.forEach(function (d, i) { if (!rings.has(d)) rings.set(d, []); rings.get(d).push(i); });
    var positions = new Map();
    rings.forEach(function (members, d) {
      var radius = d === 0 ? (members.length > 1 ? 60 : 0) : 140 * d + 12 * Math.sqrt(members.length) * d;
      members.forEach(function (i, m) {
        var angle = 2 * Math.PI * m / members.length + d * 0.5;
        positions.set(i, {x: radius * Math.cos(angle), y: radius * Math.sin(angle)});
      });
    });
    return positions;
  }

  function draw() {
    // a centre picked only because the graph was too large is picked again: the filters may have changed
    if (state.focusAuto) { state.focus = null; state.focusAuto = false; }
    var shown = visibility();
    if (state.focus === null && tooLarge(shown)) {
      var best = mostLinked(shown);
      if (best >= 0) { state.focus = [best]; state.focusAuto = true; }
    }
    if (state.focus) shown = visibility();  // a centre the user chose is drawn even when filtered out
    var chosen, distance = null, cut = false;
    if (state.focus) {
      var hood = neighbourhood(state.focus, state.depth, shown);
      distance = hood.distance; cut = hood.cut;
      chosen = Array.from(distance.keys());
    } else {
      chosen = [];
      for (var i = 0; i < N; i++) if (shown.nodeOn[i]) chosen.push(i);
    }
    var drawn = new Uint8Array(N);
    chosen.forEach(function (i) { drawn[i] = 1; });
    var focus = new Set(state.focus || []);
    var positions = distance ? ringPositions(distance) : null;
    var visNodes = chosen.map(function (i) {
      var node = visNode(i, distance ? distance.get(i) : 0, shown.degree[i], focus);
      if (positions) { var p = positions.get(i); node.x = p.x; node.y = p.y; }
      return node;
    });
    var visEdges = [];
    for (var k = 0; k < E; k++) if (shown.edgeOn[k] && drawn[ends[2 * k]] && drawn[ends[2 * k + 1]]) visEdges.push(visEdge(k));
    var dangling = 0;
    chosen.forEach(function (i) { if (nodes[i].dangling) dangling++; });
    var big = visNodes.length > BIG;
    current = {shown: shown, nodes: visNodes.length, edges: visEdges.length, dangling: dangling, cut: cut,
               partial: visNodes.length < shown.count, big: big};
    draws++;
    drawing = true;
    setStatus("drawing");
    network.setOptions({
      physics: {enabled: true, stabilization: {enabled: true, iterations: big ? 100 : 300, updateInterval: 25, fit: true}},
      interaction: {hideEdgesOnDrag: big, hideEdgesOnZoom: big},
    });
    nodeSet = new vis.DataSet(visNodes);
    edgeSet = new vis.DataSet(visEdges);
    network.setData({nodes: nodeSet, edges: edgeSet});
    updateShowAll(shown);
    if (!visNodes.length) finished();  // otherwise setData starts the stabilization, which ends in finished()
  }

  function finished() {
    if (!drawing) return;
    drawing = false;
    if (current && current.big) network.setOptions({physics: {enabled: false}});
    if (state.selected !== null && nodeSet.get(nodes[state.selected].id)) network.selectNodes([nodes[state.selected].id]);
    network.fit({animation: false});
    if (network.getScale() > 1.2) network.moveTo({scale: 1.2});  // a few nodes: do not blow them up
    setStatus("ready");
  }
  network.on("stabilizationIterationsDone", finished);
  network.on("stabilizationProgress", function (p) {
    if (drawing) statusEl.dataset.progress = String(Math.round(100 * p.iterations / p.total));
    if (drawing) statusText("Laying out " + current.nodes.toLocaleString("en-US") + " nodes: " +
                             Math.round(100 * p.iterations / p.total) + "%");
  });

  function statusText(text) {
    statusEl.textContent = text;
  }

  function setStatus(phase) {
    var c = current, shown = c.shown;
    statusEl.dataset.state = phase;
    statusEl.dataset.nodes = String(c.nodes);
    statusEl.dataset.edges = String(c.edges);
    statusEl.dataset.dangling = String(c.dangling);
    statusEl.dataset.total = String(shown.count);
    statusEl.dataset.partial = String(c.partial);  // fewer nodes drawn than the filters let through
    statusEl.dataset.tooLarge = String(tooLarge(shown));
    statusEl.dataset.mode = state.focus ? "neighbourhood" : "all";
    statusEl.dataset.focus = state.focus ? state.focus.map(function (i) { return nodes[i].id; }).join("\n") : "";
    statusEl.dataset.draws = String(draws);
    if (phase !== "ready") { statusText("Laying out " + c.nodes.toLocaleString("en-US") + " nodes..."); return; }
    var fmt = function (n) { return n.toLocaleString("en-US"); };
    var count = function (n, one, many) { return fmt(n) + " " + (n === 1 ? one : many); };
    var drawnPatterns = c.nodes - c.dangling;
    var text;
    if (!shown.count) {
      text = N ? "No patterns match the filters." : "No patterns to draw.";
    } else if (state.focus) {
      var centre = state.focus.map(function (i) { return name(nodes[i].slug || nodes[i].label); }).join(", ");
      text = "Showing " + fmt(drawnPatterns) + " of " + count(shown.patterns, "pattern", "patterns");
      if (c.dangling) text += " and " + count(c.dangling, "missing target", "missing targets");
      text += ", " + count(c.edges, "link", "links") + ": ";
      if (tooLarge(shown)) {
        text += "the graph is too large to draw at once (" + fmt(shown.count) + " nodes and " + fmt(shown.links) +
          " links; the limit is " + fmt(LIMIT) + " nodes and " + fmt(EDGE_LIMIT) + " links): search, click, or " +
          "narrow the filters. ";
      }
      text += "Neighbourhood of " + centre + " (depth " + state.depth + ")";
      var hidden = state.focus.filter(function (i) { return !nodes[i].dangling && !shown.plain[i]; });
      if (hidden.length) text += "; the filters hide " + (hidden.length === 1 ? "it" : "some of these") + ", drawn anyway as the centre";
      if (c.cut) text += ", cut short at the drawing limit";
      text += ".";
    } else {
      text = "Showing all " + count(drawnPatterns, "pattern", "patterns");
      if (c.dangling) text += " and " + count(c.dangling, "missing target", "missing targets");
      text += ", " + count(c.edges, "link", "links");
      var filteredOut = N - shown.count;
      text += filteredOut ? " (" + fmt(filteredOut) + " hidden by the filters)." : ".";
    }
    var cycles = edgeSet.get({filter: function (e) { return e.cycle; }}).length;
    if (cycles) text += " " + count(cycles, "link", "links") + " on generalization cycles (thick red).";
    statusText(text);
  }

  function updateShowAll(shown) {
    var button = document.getElementById("show-all");
    button.disabled = !state.focus || tooLarge(shown);
    button.title = tooLarge(shown) ? "The filtered graph has " + shown.count + " nodes and " + shown.links +
      " links, more than can be drawn at once: narrow the filters first" : "Draw every pattern the filters let through";
  }

  // ---- details ---------------------------------------------------------------------------
  var details = document.getElementById("details");
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function linkTo(i, text) {
    var button = el("button", text, "link");
    button.type = "button";
    button.addEventListener("click", function () { choose(i); });
    return button;
  }
  function fmtNumber(value) { return value === null || value === undefined ? "(none)" : String(value); }

  function showDetails(i) {
    var n = nodes[i];
    details.textContent = "";
    details.appendChild(el("h2", n.dangling ? "Missing target" : "Pattern"));
    var list = el("dl");
    function row(label, value, cls) { list.appendChild(el("dt", label)); list.appendChild(el("dd", value, cls)); }
    if (n.dangling) {
      row("slug", name(n.label), "missing");
      row("status", "missing: no pattern in the library has this name", "missing");
      row("references", String(n.references));
      row("referenced by", String((n.referenced_by || []).length) + " pattern(s)");
    } else {
      row("slug", name(n.slug));
      row("title", name(n.title));
      row("path", name(n.path));
      row("format", name(n.format));
      row("status", name(n.status));
      row("domain", name(n.domain));
      row("vitality", fmtNumber(n.vitality));
      row("overall score", fmtNumber(n.overall_score));
      row("findings", String(n.findings));
      if (!n.in_scope) row("scope", "outside the paths linted (linked to or from them)");
    }
    details.appendChild(list);
    if (n.dangling && (n.referenced_by || []).length) {
      details.appendChild(el("h2", "Referenced by"));
      var who = el("ul", null, "links");
      n.referenced_by.forEach(function (id) {
        var item = el("li");
        if (index.has(id)) {
          var source = nodes[index.get(id)];
          var button = linkTo(index.get(id), name(source.slug || source.label));
          button.title = id;
          item.appendChild(button);
        } else {
          item.textContent = id;
        }
        who.appendChild(item);
      });
      details.appendChild(who);
    }
    var outgoing = [], incoming = [];
    adjacency[i].forEach(function (k) { (ends[2 * k] === i ? outgoing : incoming).push(k); });
    [["Links from here", outgoing, 1], ["Links to here", incoming, 0]].forEach(function (group) {
      if (!group[1].length) return;
      details.appendChild(el("h2", group[0] + " (" + group[1].length + ")"));
      var ul = el("ul", null, "links");
      group[1].slice(0, 100).forEach(function (k) {
        var e = edges[k], other = ends[2 * k + group[2]];
        var item = el("li");
        var mark = el("span", name(e.type) + (e.cycle ? " (cycle)" : "") + " ");
        if (e.cycle) mark.className = "missing";
        item.appendChild(mark);
        item.appendChild(linkTo(other, name(nodes[other].slug || nodes[other].label)));
        if (nodes[other].dangling) item.appendChild(el("span", " (missing)", "missing"));
        ul.appendChild(item);
      });
      if (group[1].length > 100) ul.appendChild(el("li", "and " + (group[1].length - 100) + " more"));
      details.appendChild(ul);
    });
  }

  function choose(i) {  // centre the drawing on pattern i
    state.selected = i;
    state.focus = [i];
    state.focusAuto = false;
    showDetails(i);
    draw();
  }

  network.on("click", function (params) {
    if (params.nodes && params.nodes.length && index.has(params.nodes[0])) choose(index.get(params.nodes[0]));
  });

  // ---- controls --------------------------------------------------------------------------
  var depthSelect = document.getElementById("depth");
  var depths = [1, 2, 3];
  if (depths.indexOf(state.depth) < 0) depths.push(state.depth);
  depths.sort(function (a, b) { return a - b; }).forEach(function (d) {
    var option = el("option", String(d)); option.value = String(d); depthSelect.appendChild(option);
  });
  depthSelect.value = String(state.depth);
  depthSelect.addEventListener("change", function () {
    state.depth = parseInt(depthSelect.value, 10);
    if (state.focus) { state.focusAuto = false; draw(); }
  });
  document.getElementById("show-all").addEventListener("click", function () {
    state.focus = null; state.focusAuto = false; draw();
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({animation: false}); });
  var colourSelect = document.getElementById("color-by");
  colourSelect.value = state.colorBy;
  colourSelect.addEventListener("change", function () {
    state.colorBy = colourSelect.value === "format" ? "format" : "status";
    var focus = new Set(state.focus || []);
    nodeSet.update(nodeSet.get({filter: function (n) { return !n.dangling; }}).map(function (n) {
      var i = index.get(n.id), colour = nodeColour(nodes[i], state.colorBy);
      return {id: n.id, color: {background: colour, border: focus.has(i) ? "#000000" : "#444444",
                                highlight: {background: colour, border: "#000000"}, hover: {background: colour, border: "#000000"}}};
    }));
    buildLegend();
  });

  function buildFilters() {
    var box = document.getElementById("filters");
    box.appendChild(el("h2", "Filters"));
    FACETS.forEach(function (facet) {
      var values = facetValues[facet[0]];
      if (!values.length) return;
      var fieldset = el("fieldset");
      fieldset.dataset.facet = facet[0];
      fieldset.appendChild(el("legend", facet[1]));
      var bulk = el("div", null, "bulk");
      var all = el("button", "all"), none = el("button", "none");
      all.type = none.type = "button";
      bulk.appendChild(all); bulk.appendChild(document.createTextNode(" ")); bulk.appendChild(none);
      fieldset.appendChild(bulk);
      var list = el("div", null, "values");
      var boxes = [];
      values.forEach(function (v) {
        var label = el("label");
        var input = document.createElement("input");
        input.type = "checkbox"; input.checked = true; input.value = v.key;
        input.dataset.facet = facet[0]; input.dataset.value = v.value === null ? "" : String(v.value);
        input.addEventListener("change", function () {
          if (input.checked) state.excluded[facet[0]].delete(v.key); else state.excluded[facet[0]].add(v.key);
          draw();
        });
        boxes.push(input);
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + name(v.value) + " "));
        label.appendChild(el("span", "(" + v.count.toLocaleString("en-US") + ")", "count"));
        list.appendChild(label);
      });
      function setAll(on) {
        boxes.forEach(function (input) {
          input.checked = on;
          if (on) state.excluded[facet[0]].delete(input.value); else state.excluded[facet[0]].add(input.value);
        });
        draw();
      }
      all.addEventListener("click", function () { setAll(true); });
      none.addEventListener("click", function () { setAll(false); });
      fieldset.appendChild(list);
      box.appendChild(fieldset);
    });
    var danglingCount = nodes.filter(function (n) { return n.dangling; }).length;
    var fieldset = el("fieldset");
    fieldset.appendChild(el("legend", "Show"));
    var label = el("label");
    var input = document.createElement("input");
    input.type = "checkbox"; input.checked = true; input.id = "show-dangling";
    input.addEventListener("change", function () { state.showDangling = input.checked; draw(); });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" missing targets "));
    label.appendChild(el("span", "(" + danglingCount.toLocaleString("en-US") + ")", "count"));
    fieldset.appendChild(label);
    box.appendChild(fieldset);
  }

  function buildLegend() {
    var nodeLegend = document.getElementById("node-legend"), edgeLegend = document.getElementById("edge-legend");
    nodeLegend.textContent = ""; edgeLegend.textContent = "";
    nodeLegend.appendChild(el("div", "Nodes by " + state.colorBy, "hint"));
    facetValues[state.colorBy].forEach(function (v) {
      var row = el("div", null, "legend-row");
      var swatch = el("span", null, "swatch");
      swatch.style.background = palettes[state.colorBy].get(v.key) || UNKNOWN;
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(name(v.value) + " (" + v.count.toLocaleString("en-US") + ")"));
      nodeLegend.appendChild(row);
    });
    var row = el("div", null, "legend-row missing");
    var box = el("span", null, "swatch box");
    box.style.background = config.danglingFill;
    row.appendChild(box);
    row.appendChild(document.createTextNode("missing target (dangling link)"));
    nodeLegend.appendChild(row);
    edgeLegend.appendChild(el("div", "Links by relationship type", "hint"));
    facetValues.type.forEach(function (v) {
      var r = el("div", null, "legend-row");
      var line = el("span", null, "line" + (v.value === "inferred" ? " dashed" : ""));
      line.style.borderTopColor = typeColour(v.value);
      r.appendChild(line);
      r.appendChild(document.createTextNode(name(v.value) + " (" + v.count.toLocaleString("en-US") + ")"));
      edgeLegend.appendChild(r);
    });
    var cycle = el("div", null, "legend-row missing");
    var thick = el("span", null, "line thick");
    thick.style.borderTopColor = RED;
    cycle.appendChild(thick);
    cycle.appendChild(document.createTextNode("on a generalization cycle (" + (data.cycles || []).length + " cycles)"));
    edgeLegend.appendChild(cycle);
  }

  // ---- search ----------------------------------------------------------------------------
  var search = document.getElementById("search"), suggestions = document.getElementById("suggestions");
  var matches = [], active = -1;
  function findMatches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var ranked = [];
    for (var i = 0; i < N; i++) {
      var slug = searchText[i][0], title = searchText[i][1], rank;
      if (slug === q || title === q) rank = 0;
      else if (slug.lastIndexOf(q, 0) === 0) rank = 1;
      else if (title.lastIndexOf(q, 0) === 0) rank = 2;
      else if (slug.indexOf(q) >= 0) rank = 3;
      else if (title.indexOf(q) >= 0) rank = 4;
      else continue;
      if (nodes[i].dangling) rank += 5;
      ranked.push([rank, slug, i]);
    }
    ranked.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]); });
    return ranked.slice(0, 20).map(function (r) { return r[2]; });
  }
  function showSuggestions() {
    matches = findMatches(search.value);
    active = matches.length ? 0 : -1;
    suggestions.textContent = "";
    matches.forEach(function (i, position) {
      var n = nodes[i];
      var item = el("li");
      item.setAttribute("role", "option");
      item.dataset.id = n.id;
      item.appendChild(el("span", name(n.slug || n.label), n.dangling ? "missing" : null));
      item.appendChild(el("span", n.dangling ? "missing target" : name(n.title), "sub"));
      if (position === active) item.className = "active";
      item.addEventListener("mousedown", function (event) { event.preventDefault(); pick(i); });
      suggestions.appendChild(item);
    });
    if (!matches.length && search.value.trim()) {
      var none = el("li", "No pattern matches");
      none.className = "hint";
      suggestions.appendChild(none);
    }
    suggestions.hidden = !search.value.trim();
  }
  function pick(i) {
    suggestions.hidden = true;
    search.value = name(nodes[i].slug || nodes[i].label);
    choose(i);
  }
  search.addEventListener("input", showSuggestions);
  search.addEventListener("focus", function () { if (search.value.trim()) showSuggestions(); });
  search.addEventListener("blur", function () { suggestions.hidden = true; });
  search.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!matches.length) return;
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
      Array.prototype.forEach.call(suggestions.children, function (item, position) {
        item.className = position === active ? "active" : "";
        if (position === active) item.scrollIntoView({block: "nearest"});
      });
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!matches.length) matches = findMatches(search.value);
      if (matches.length) pick(matches[Math.max(active, 0)]);
    } else if (event.key === "Escape") {
      suggestions.hidden = true;
    }
  });

  // ---- start -----------------------------------------------------------------------------
  buildFilters();
  buildLegend();
  if (state.focus && state.focus.length) { state.selected = state.focus[0]; showDetails(state.focus[0]); }
  draw();
})();

/* argmap html: pan and zoom, search, a side panel, filters, moving between maps and parts,
   deep links (#node-id), keyboard use.  Plain JavaScript, no library, no request to anywhere:
   the data is the JSON block above, the drawings are the image/svg+xml script blocks (Graphviz SVG, parsed when shown). */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("argmap-data").textContent);
  var NODES = DATA.nodes, VIEWS = DATA.views;
  var $ = function (id) { return document.getElementById(id); };
  var canvas = $("am-canvas"), panel = $("am-panel"), q = $("am-q"), results = $("am-results");
  var viewSelect = $("am-view");
  var filters = { map: $("am-f-map"), author: $("am-f-author"), tag: $("am-f-tag"), status: $("am-f-status") };
  var STATUS_WORD = { IN: "stands", OUT: "falls", UNDEC: "open" };
  // each relation in its own words, seen from its source (OUT) and from its target (IN), and which
  // ones attack: all from argmap's one table of relations (spec.RELATIONS), carried in the data block
  var OUT_WORD = {}, IN_WORD = {}, ATTACKS = {}, SYMMETRIC = {};
  Object.keys(DATA.relations).forEach(function (k) {
    var r = DATA.relations[k];
    OUT_WORD[k] = r.out; IN_WORD[k] = r["in"];
    if (r.attack) ATTACKS[k] = 1;
    if (r.symmetric) SYMMETRIC[k] = 1;
  });
  var STANCE_WORD = { restates: "restated", reports: "reported", steelman: "steelman" };

  var current = -1;        // index of the view shown
  var svg = null;          // its <svg>
  var base = null;         // its whole-map viewBox {x, y, w, h}
  var box = null;          // the viewBox shown now
  var nodeEls = {};        // node id -> <g class="node"> in the view shown
  var selected = null;     // selected node id

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === "text") e.textContent = attrs[k];
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }
  /* Only the page's own nodes: "constructor" or "__proto__" from an address are not boxes. */
  function node(id) { return typeof id === "string" && Object.prototype.hasOwnProperty.call(NODES, id) ? NODES[id] : null; }
  /* A user-supplied field, isolated: bidi controls in it (U+202E...) cannot reorder the rest of its line. */
  function iso(text) { return el("bdi", { text: text == null ? "" : String(text) }); }
  /* The same for plain strings (hover text): first-strong isolate ... pop directional isolate. */
  function isoText(text) { return "\u2068" + text + "\u2069"; }
  function label(id) {
    var n = node(id);
    if (!n) return id;
    var t = n.title || n.text;
    return t.length > 90 ? t.slice(0, 87) + "…" : t;
  }
  function say(text) { $("am-status").textContent = text; }
  /* Said on the page, not only to screen readers: a deep link that names nothing. */
  function notice(text) {
    var p = $("am-notice");
    p.textContent = "";
    if (text) { p.appendChild(document.createTextNode(text)); say(text); }
    p.hidden = !text;
  }

  // ---- views ---------------------------------------------------------------------------
  function fillViewSelect() {
    var groups = {};
    DATA.maps.forEach(function (m) {
      var g = el("optgroup", { label: m.title });
      groups[m.name] = g;
      viewSelect.appendChild(g);
    });
    VIEWS.forEach(function (v, i) {
      var text = v.part ? "   part: " + label(v.part)
        : v.drawn === false ? "whole map (" + v.nodes.length + " boxes: drawn in parts only)" : "whole map (" + v.nodes.length + " boxes)";
      groups[v.map].appendChild(el("option", { value: String(i), text: text }));
    });
  }

  function showView(i, keepHash) {
    if (i === current || i == null || !VIEWS[i]) return;
    current = i;
    canvas.innerHTML = document.getElementById("argmap-view-" + i).textContent;
    svg = canvas.querySelector("svg");
    ["width", "height", "style"].forEach(function (a) { svg.removeAttribute(a); });  // the canvas sizes it
    var vb = svg.getAttribute("viewBox").split(/[\s,]+/).map(Number);
    base = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
    svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
    nodeEls = {};
    var view = VIEWS[i], ghosts = view.ghosts || {}, continued = {};
    (view.continued || []).forEach(function (n) { continued[n] = true; });
    Array.prototype.forEach.call(svg.querySelectorAll("g.node"), function (g) {
      var title = g.querySelector("title");
      var id = title ? title.textContent : "";
      if (!node(id)) return;   // the legend's boxes
      g.setAttribute("data-id", id);
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", (id in ghosts ? "In another map or part: " : "") + label(id));
      title.textContent = hoverText(id);
      if (id in ghosts) g.classList.add("am-ghost");
      else if (node(id).status === "OUT" || node(id).status === "UNDEC") g.classList.add("am-st-" + node(id).status);
      if (continued[id]) {
        var texts = g.querySelectorAll("text");
        var last = texts[texts.length - 1];
        if (last && /^\[replies/.test(last.textContent)) last.classList.add("am-more");
      }
      nodeEls[id] = g;
    });
    Array.prototype.forEach.call(svg.querySelectorAll("g.edge"), function (g) {
      var t = g.querySelector("title");
      var ends = t ? edgeEnds(t.textContent) : null;
      if (ends && node(ends[0]) && node(ends[1])) { g.setAttribute("data-from", ends[0]); g.setAttribute("data-to", ends[1]); }
    });
    viewSelect.value = String(i);
    var answer = $("am-answer"), mapInfo = DATA.maps.filter(function (m) { return m.name === view.map; })[0];
    answer.textContent = mapInfo && mapInfo.answer ? mapInfo.answer + " (red dashed: falls; orange dotted: open)" : "";
    answer.hidden = !answer.textContent;
    var parts = VIEWS.filter(function (v) { return v.map === view.map && v.part; }).length;
    var hint = $("am-hint");
    hint.hidden = !(parts && !view.part);
    hint.textContent = view.drawn === false
      ? view.nodes.length + " boxes, drawn in " + parts + " parts only (the Show menu): too many for one picture"
      : view.nodes.length + " boxes: zoom with the wheel or +, or read it in " + parts + " parts (the Show menu)";
    fit();
    applyFilters();
    if (selected && nodeEls[selected]) mark(selected); else if (selected) closePanelMarks();
    say("Showing " + view.title);
    if (!keepHash && !selected) setHash(view.part ? "part=" + view.map + "/" + view.part : "map=" + view.map);
  }

  /* The two boxes a drawn line belongs to.  Graphviz titles it "from->to"; the drawing's own
     points (export/dot.py) are named "argmap~relation~u->v~kind" (an attacked relation passes
     through it) and "argmap~join~arg" (linked premises meet there). */
  var REL = "argmap~relation~", JOIN = "argmap~join~";
  function edgeEnds(title) {
    // a point's name holds "->" too ("u->v~kind"; an objection that is objected to: "c->u->v~kind~kind"),
    // and ids never hold "~": a line into a point splits where the point's name starts, a line out of one
    // at its last "->" (its head is a box), any other line at its first
    var k = title.indexOf("->" + REL, 1);
    var i = k >= 0 ? k : title.indexOf(REL) === 0 ? title.lastIndexOf("->") : title.indexOf("->");
    if (i < 0) return null;
    var a = title.slice(0, i), b = title.slice(i + 2);
    function relation(name) {   // "u->v~kind" -> [u, v]; "c->u->v~kind~kind" (c's objection to u->v) -> [c, v]
      var ids = name.slice(REL.length, name.indexOf("~", REL.length)).split("->");
      return [ids[0], ids[ids.length - 1]];
    }
    if (a.indexOf(REL) === 0) return relation(a);                       // second half: u ... -> v
    if (b.indexOf(REL) === 0) { var uv = relation(b); return a === uv[0] ? uv : [a, uv[1]]; }   // first half, or an attacker
    if (b.indexOf(JOIN) === 0) return [a, b.slice(JOIN.length)];         // a premise into its join point
    if (a.indexOf(JOIN) === 0) return [b, b];                            // the join's one arrow
    return [a, b];
  }

  function hoverText(id) {
    var n = NODES[id], s = isoText(n.text);
    if (n.quote) s += "\n“" + isoText(n.quote) + "”";
    var src = n.source || {};
    var cite = [src.author || n.by, src.title, src.date].filter(Boolean).map(isoText).join(", ");
    if (cite) s += "\n— " + cite;
    if (n.stance) s += "\n" + stanceText(n, isoText);
    if (n.wordings) s += "\n+" + n.wordings.length + (n.wordings.length === 1 ? " wording" : " wordings");
    return s + "\n" + (n.status ? "status: " + n.status : n.kind) + " · id: " + id;
  }
  function stanceText(n, wrap) {   // "restated by Bob (held by Carl)", "steelman by Eve (held by nobody)"
    var w = wrap || function (x) { return x; };
    var held = n.stance === "steelman" ? "held by nobody" + (n.heldBy ? ", offered for " + w(n.heldBy) : "") : "held by " + (n.heldBy ? w(n.heldBy) : "someone else");
    return STANCE_WORD[n.stance] + " by " + (n.by ? w(n.by) : "an unnamed writer") + " (" + held + ")";
  }
  function stanceNodes(n) {   // the same, each name isolated, for the panel
    var held = n.stance === "steelman"
      ? ["held by nobody"].concat(n.heldBy ? [", offered for ", iso(n.heldBy)] : [])
      : ["held by "].concat(n.heldBy ? [iso(n.heldBy)] : ["someone else"]);
    return [STANCE_WORD[n.stance] + " by ", n.by ? iso(n.by) : "an unnamed writer", " ("].concat(held, [")"]);
  }

  function viewOf(id, preferCurrent) {
    if (preferCurrent !== false && current >= 0 && nodeEls[id] && VIEWS[current].nodes.indexOf(id) >= 0) return current;
    var n = node(id);
    return n && n.home != null ? n.home : null;
  }

  // ---- pan and zoom (the SVG's viewBox) ------------------------------------------------
  function setBox(b) {
    box = b;
    svg.setAttribute("viewBox", [b.x, b.y, b.w, b.h].map(function (v) { return Math.round(v * 100) / 100; }).join(" "));
  }
  function fit() { setBox({ x: base.x, y: base.y, w: base.w, h: base.h }); }
  function toSvg(clientX, clientY, ctm) {
    var p = svg.createSVGPoint();
    p.x = clientX; p.y = clientY;
    return p.matrixTransform((ctm || svg.getScreenCTM()).inverse());
  }
  function zoom(factor, clientX, clientY) {
    if (!svg) return;
    var r = canvas.getBoundingClientRect();
    if (clientX == null) { clientX = r.left + r.width / 2; clientY = r.top + r.height / 2; }
    var p = toSvg(clientX, clientY);
    var w = Math.min(Math.max(box.w / factor, base.w / 40), base.w * 4);
    var k = w / box.w;
    setBox({ x: p.x - (p.x - box.x) * k, y: p.y - (p.y - box.y) * k, w: w, h: box.h * k });
  }
  function pan(dxFrac, dyFrac) {
    setBox({ x: box.x + box.w * dxFrac, y: box.y + box.h * dyFrac, w: box.w, h: box.h });
  }
  function centreOn(id) {
    var g = nodeEls[id];
    if (!g) return;
    var r = g.getBoundingClientRect(), c = canvas.getBoundingClientRect();
    var p = toSvg(r.left + r.width / 2, r.top + r.height / 2);
    // readable: at least natural size (1 unit = 1 px) unless the whole map already fits
    var w = Math.min(box.w, Math.max(c.width, 1));
    var h = w * (c.height / Math.max(c.width, 1));
    if (base.w <= c.width && base.h <= c.height) { w = base.w; h = base.h; p = { x: base.x + base.w / 2, y: base.y + base.h / 2 }; }
    setBox({ x: p.x - w / 2, y: p.y - h / 2, w: w, h: h });
  }

  /* The part drawn from a node, opened by a link to it: from the top of the drawing (its
     title), at natural size or a little less, with the node in view; what is left over is
     below the drawing.  Centring on the node left a blank band above it and cut the title. */
  function frameFrom(id) {
    var g = nodeEls[id];
    var c = canvas.getBoundingClientRect();
    if (!g || !c.width || !c.height) { fit(); return; }
    var aspect = c.height / c.width;
    var w = Math.max(c.width, Math.min(base.w, c.width * 1.25));   // natural size, or down to 80 %
    var h = w * aspect;
    var r = g.getBoundingClientRect();
    var p = toSvg(r.left + r.width / 2, r.top + r.height / 2);
    var x = base.w <= w ? base.x + (base.w - w) / 2 : Math.min(Math.max(p.x - w / 2, base.x), base.x + base.w - w);
    var y = base.y - 40 * w / c.width;   // the title first, below the zoom buttons
    var bottom = toSvg(r.left + r.width / 2, r.bottom).y;
    if (bottom > y + h) y = Math.max(base.y, Math.min(p.y - h / 3, base.y + base.h - h));   // a node far down
    setBox({ x: x, y: y, w: w, h: h });
  }

  var drag = null;
  canvas.addEventListener("pointerdown", function (e) {
    if (!svg || e.button !== 0) return;
    drag = { ctm: svg.getScreenCTM(), start: toSvg(e.clientX, e.clientY), box: box, moved: false, x: e.clientX, y: e.clientY, id: e.pointerId };
  });
  canvas.addEventListener("pointermove", function (e) {
    if (!drag) return;
    if (!drag.moved && Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 4) return;
    if (!drag.moved) { drag.moved = true; canvas.classList.add("am-dragging"); canvas.setPointerCapture(drag.id); }
    var p = toSvg(e.clientX, e.clientY, drag.ctm);
    setBox({ x: drag.box.x - (p.x - drag.start.x), y: drag.box.y - (p.y - drag.start.y), w: drag.box.w, h: drag.box.h });
  });
  function endDrag() {
    if (drag && drag.moved) { canvas.classList.remove("am-dragging"); suppressClick = true; setTimeout(function () { suppressClick = false; }, 0); }
    drag = null;
  }
  var suppressClick = false;
  canvas.addEventListener("pointerup", endDrag);
  canvas.addEventListener("pointercancel", endDrag);
  canvas.addEventListener("wheel", function (e) {
    if (!svg) return;
    e.preventDefault();
    zoom(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)), e.clientX, e.clientY);
  }, { passive: false });

  // ---- clicks on the drawing ----------------------------------------------------------
  canvas.addEventListener("click", function (e) {
    if (suppressClick) return;
    var a = e.target.closest("a");
    if (a && !e.target.closest("g.node")) return;     // a link outside boxes: let it work
    var g = e.target.closest("g.node[data-id]");
    if (!g) { if (!e.target.closest("g.edge")) clearSelection(); return; }
    e.preventDefault();
    activate(g.getAttribute("data-id"), e.target.classList && e.target.classList.contains("am-more"));
  });
  canvas.addEventListener("keydown", function (e) {
    var g = e.target.closest && e.target.closest("g.node[data-id]");
    if (g && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); activate(g.getAttribute("data-id"), false); }
  });

  /* A click on a box: a ghost opens its own map (or part) with the box selected there;
     "[replies: see its own part]" opens that part; any other box is selected. */
  function activate(id, more) {
    var view = VIEWS[current];
    if (view.ghosts && id in view.ghosts) {
      var target = view.ghosts[id];
      if (target != null) { selectNode(id, { view: target }); return; }
    }
    if (more && node(id) && node(id).ownPart != null) { openPart(id); return; }
    selectNode(id, { view: current, centre: false });
  }
  function openPart(id) {
    var i = NODES[id].ownPart;
    if (i == null) return;
    selectNode(id, { view: i });
  }

  // ---- selection and the side panel ----------------------------------------------------
  function selectNode(id, opts) {
    opts = opts || {};
    if (!node(id)) { notice("No box with id " + short(id) + " in this page"); return false; }
    notice("");
    var target = opts.view != null ? opts.view : viewOf(id);
    if (target != null && target !== current) showView(target, true);
    selected = id;
    mark(id);
    renderPanel(id);   // first: the panel narrows the canvas the framing measures
    if (opts.frame) frameFrom(id);
    else if (opts.centre !== false) centreOn(id);
    setHash(id);
    if (opts.focus !== false && nodeEls[id]) nodeEls[id].focus({ preventScroll: true });
    return true;
  }
  function closePanelMarks() {
    Array.prototype.forEach.call(canvas.querySelectorAll(".am-sel, .am-near, .am-edge-sel"), function (x) {
      x.classList.remove("am-sel", "am-near", "am-edge-sel");
    });
  }
  function mark(id) {
    closePanelMarks();
    var g = nodeEls[id];
    if (!g) return;
    g.classList.add("am-sel");
    Array.prototype.forEach.call(svg.querySelectorAll("g.edge"), function (e) {
      var from = e.getAttribute("data-from"), to = e.getAttribute("data-to");
      if (from === id || to === id) {
        e.classList.add("am-edge-sel");
        var other = nodeEls[from === id ? to : from];
        if (other) other.classList.add("am-near");
      }
    });
  }
  function clearSelection() {
    selected = null;
    closePanelMarks();
    panel.hidden = true;
    panel.textContent = "";
    var v = VIEWS[current];
    setHash(v.part ? "part=" + v.map + "/" + v.part : "map=" + v.map);
  }
  function nodeLink(id) {
    return el("a", { "class": "am-node", href: "#" + id, "data-id": id, title: id,
      onclick: function (e) { e.preventDefault(); selectNode(id); } }, [iso(label(id))]);
  }
  function badge(n) {
    return n.status ? el("span", { "class": "am-badge am-" + n.status, text: n.status })
      : el("span", { "class": "am-badge am-question", text: n.kind === "question" ? "question" : "?" });
  }
  function extra(x) {   // "(inferred)" and the mapper's note, after a relation
    x = x || {};
    var bits = [];
    if (x.inferred) bits.push(el("span", { "class": "am-inferred", text: " (inferred)" }));
    if (x.note) bits.push(el("span", { "class": "am-meta" }, [" — note: ", iso(x.note)]));
    return bits;
  }
  function holderName(n) {   // whose view it is: the holder, not whoever set it down
    if (n.stance === "steelman") return (n.by || "") + " (steelman)";
    return n.heldBy || n.by || "";
  }
  function relList(title, pairs, incoming) {
    if (!pairs.length) return [];
    var items = pairs.slice().sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0; }).map(function (p) {
      var other = NODES[p[1]], words = incoming ? IN_WORD : OUT_WORD;
      return el("li", { "class": "am-rel am-rel-" + p[0] }, [
        el("span", { "class": "am-rel-word", text: (words[p[0]] || p[0]) + ": " }), nodeLink(p[1]),
        other ? el("span", { "class": "am-meta" }, [" — ", iso(holderName(other)), " "]) : null,
        other ? badge(other) : null,
      ].concat(extra(p[2])));
    });
    return [el("h3", { text: title }), el("ul", null, items)];
  }
  /* Objections to a relation: on its two ends ("its link to X is undercut by U") and on the
     attacker ("undercuts the link A supports B"). */
  function objectionList(n, id) {
    var out = [];
    function end(x) { return x === id ? el("strong", { text: "it" }) : nodeLink(x); }
    // "A supports B", or for an objection to an objection "C attacks (the link A supports B)", at any depth
    function link(o) {
      return [end(o.from), " " + o.rel + " "].concat(o.on ? ["(the link "].concat(link(o.on), [")"]) : [end(o.to)]);
    }
    if (n.links) out = out.concat([el("h3", { text: "Objections to its links" }), el("ul", null, n.links.map(function (o) {
      return el("li", { "class": "am-rel am-rel-objection" }, ["the link "].concat(link(o), [
        el("span", { "class": "am-rel-word", text: " is " + (IN_WORD[o.kind] || o.kind) + " " }), nodeLink(o.by),
      ]).concat(extra(o)));
    }))]);
    if (n.objectsTo) out = out.concat([el("h3", { text: "It objects to a link" }), el("ul", null, n.objectsTo.map(function (o) {
      return el("li", { "class": "am-rel am-rel-objection" }, [
        el("span", { "class": "am-rel-word", text: (OUT_WORD[o.kind] || o.kind) + " the link " }),
      ].concat(link(o)).concat(extra(o)));
    }))]);
    return out;
  }
  function whyNodes(n, id) {
    var why = n.why || [];
    var attackers = n.answeredBy.filter(function (p) { return ATTACKS[p[0]]; })
      .concat(n.answers.filter(function (p) { return SYMMETRIC[p[0]]; }))   // a contradiction cuts both ways
      .map(function (p) { return p[1]; });
    if (n.status === "OUT" && why.length) return ["defeated by ", nodeLink(why[0]), ", which stands"];
    if (n.status === "UNDEC" && why.length) {
      var parts = ["caught in an unresolved conflict: "];
      why.forEach(function (w, k) { if (k) parts.push(" → "); parts.push(w === id ? el("strong", null, [iso(label(w))]) : nodeLink(w)); });
      return parts;
    }
    if (n.kind === "question") {
      var answers = n.answeredBy.filter(function (p) { var r = DATA.relations[p[0]]; return r && r.role === "answer"; });
      return [answers.length ? "answered " + answers.length + (answers.length > 1 ? " times" : " time") : "unanswered"];
    }
    if (n.status === "IN") {
      if (!attackers.length) return ["nothing attacks it"];
      var out = ["every attacker falls: "];
      attackers.forEach(function (a, k) { if (k) out.push(", "); out.push(nodeLink(a)); });
      return out;
    }
    return [STATUS_WORD[n.status] || ""];
  }
  function sourceLine(src) {   // "Source: title (author, date)", the title linked to the source's page; null without one
    if (!(src.title || src.url)) return null;
    var cite = [];
    if (src.author) cite.push(src.author);
    if (src.date) cite.push(src.date);
    var name = src.title || src.url;
    var link = src.url && /^(https?:|mailto:)/i.test(src.url)
      ? el("a", { href: src.url, target: "_blank", rel: "noopener noreferrer", "class": "am-source-link" }, [iso(name)])
      : iso(name);
    var cited = [];
    cite.forEach(function (c, k) { if (k) cited.push(", "); cited.push(iso(c)); });
    return el("p", { "class": "am-source" }, ["Source: ", link].concat(cite.length ? [" ("].concat(cited, [")"]) : []));
  }
  function renderPanel(id) {
    var n = NODES[id], src = n.source || {}, view = VIEWS[current];
    panel.textContent = "";
    var kids = [
      el("button", { type: "button", "class": "am-close", "aria-label": "Close panel (Esc)", text: "×", onclick: clearSelection }),
      el("h2", { id: "am-panel-title", text: n.title || { argument: "Argument", question: "Question" }[n.kind] || "Claim" }),
      el("p", { "class": "am-text", text: n.text }),
    ];
    // every field the map's authors wrote is isolated (<bdi>): a U+202E in a holder or a title reverses only itself
    if (n.quote) kids.push(el("blockquote", { "class": "am-quote" }, ["“", iso(n.quote), "”"]));
    var cited = sourceLine(src);
    if (cited) kids.push(cited);
    if (n.wordings) {   // the same claim said again: every wording with who worded it, its own quote and source
      kids.push(el("h3", { "class": "am-wordings-title", text: "Also worded (" + n.wordings.length + ")" }));
      kids.push(el("ol", { "class": "am-wordings" }, n.wordings.map(function (w) {
        var parts = [el("p", { "class": "am-text" }, [iso(w.text)].concat(w.by ? [" — ", iso(w.by)] : []))];
        if (w.quote) parts.push(el("blockquote", { "class": "am-quote" }, ["“", iso(w.quote), "”"]));
        var line = sourceLine(w.source || {});
        if (line) parts.push(line);
        return el("li", { "class": "am-wording" }, parts);
      })));
    }
    kids.push(el("p", { "class": "am-meta" }, [
      n.by ? "By " : "", n.by ? iso(n.by) : "", n.by ? " · " : "", n.kind + " · id ", iso(id), " · map ", el("a", {
        "class": "am-node", href: "#map=" + n.map, onclick: function (e) {
          e.preventDefault(); var k = mapView(n.map); if (k != null) selectNode(id, { view: k }); } }, [iso(n.map)]),
    ]));
    if (n.stance || n.heldBy) kids.push(el("p", { "class": "am-stance" }, n.stance ? stanceNodes(n) : ["Held by ", iso(n.heldBy)]));
    if (n.tags) kids.push(el("p", null, n.tags.map(function (t) { return el("span", { "class": "am-tag" }, [iso(t)]); })));
    // the verdict in the words `argmap analyze` and `argmap show` use (argmap.evaluation.verdict);
    // it names authors' titles, so it is isolated like every author-written field
    kids.push(el("p", { "class": "am-status-line" }, n.verdict ? [badge(n), " ", iso(n.verdict)] : [
      badge(n), " " + (STATUS_WORD[n.status] || "") + (n.status ? ": " : ""),
    ].concat(whyNodes(n, id))));
    if (n.challengedBy) {
      var weak = ["challenged by weaker attacks (they do not defeat it): "];
      n.challengedBy.forEach(function (a, k) { if (k) weak.push(", "); weak.push(nodeLink(a)); });
      kids.push(el("p", { "class": "am-challenged" }, weak));
    }
    if (n.strength != null) kids.push(el("p", { "class": "am-strength" }, [
      "strength " + n.strength.toFixed(2) + " ",
      el("meter", { min: "0", max: "1", value: String(n.strength), "aria-label": "strength" }),
    ]));
    if (n.premises) {
      kids.push(el("h3", { text: "Premises (needed together)" }));
      kids.push(el("ul", null, n.premises.map(function (p) { return el("li", { "class": "am-rel am-rel-premise" }, [nodeLink(p)]); })));
    }
    if (n.scheme) {  // the critical questions of the scheme it argues by: none changes a verdict
      kids.push(el("h3", null, ["Critical questions (", iso(n.scheme.title), ")"]));
      kids.push(el("ul", { "class": "am-cqs" }, n.scheme.questions.map(function (q) {
        var said = [q.text + " "];
        if (!q.by.length) said.push(el("em", { "class": "am-cq-open", text: "not yet asked" }));
        else { said.push("raised by "); q.by.forEach(function (b, k) { if (k) said.push(", "); said.push(nodeLink(b)); }); }
        return el("li", { "class": "am-cq" }, said);
      })));
    }
    kids.push(el("p", { "class": "am-meta", text: DATA.semantics + " semantics over the whole folder" + (DATA.bipolar !== "none" ? ", support read as " + DATA.bipolar : "") }));
    if (n.note) kids.push(el("p", { "class": "am-meta" }, ["Note: ", iso(n.note)]));
    var incoming = n.premises ? n.answeredBy.filter(function (p) { return p[0] !== "premise"; }) : n.answeredBy;
    kids = kids.concat(relList("It replies to", n.answers, false), relList("Replies to it", incoming, true), objectionList(n, id));
    var actions = [];
    if (n.ownPart != null && n.ownPart !== current) actions.push(el("button", { type: "button", "class": "am-open-part", text: "See its own part →", onclick: function () { openPart(id); } }));
    if (view.ghosts && id in view.ghosts && view.ghosts[id] != null) actions.push(el("button", { type: "button", "class": "am-open-map", text: "Open its map →", onclick: function () { selectNode(id, { view: view.ghosts[id] }); } }));
    if (actions.length) kids.push(el("p", null, actions));
    kids.forEach(function (k) { panel.appendChild(k); });
    panel.hidden = false;
    panel.setAttribute("aria-labelledby", "am-panel-title");
  }
  function mapView(name) {
    for (var i = 0; i < VIEWS.length; i++) if (VIEWS[i].map === name && !VIEWS[i].part) return i;
    return null;
  }

  // ---- filters -------------------------------------------------------------------------
  function fillFilters() {
    var authors = {}, tags = {};
    Object.keys(NODES).forEach(function (id) {
      var n = NODES[id];
      saidBy(n).forEach(function (a) { authors[a] = 1; });
      (n.tags || []).forEach(function (t) { tags[t] = 1; });
    });
    DATA.maps.forEach(function (m) { filters.map.appendChild(el("option", { value: m.name, text: m.title })); });
    Object.keys(authors).sort().forEach(function (a) { filters.author.appendChild(el("option", { value: a, text: a })); });
    Object.keys(tags).sort().forEach(function (t) { filters.tag.appendChild(el("option", { value: t, text: t })); });
  }
  function saidBy(n) {   // who wrote the node, and who worded it again (a wording by someone else)
    return [n.by].concat((n.wordings || []).map(function (w) { return w.by; })).filter(Boolean);
  }
  function passes(id) {
    var n = NODES[id];
    if (filters.map.value && n.map !== filters.map.value) return false;
    if (filters.author.value && saidBy(n).indexOf(filters.author.value) < 0) return false;
    if (filters.tag.value && (n.tags || []).indexOf(filters.tag.value) < 0) return false;
    if (filters.status.value && n.status !== filters.status.value) return false;
    return true;
  }
  function applyFilters() {
    if (!svg) return;
    var on = {}, count = 0, total = 0;
    Object.keys(nodeEls).forEach(function (id) {
      var ok = passes(id);
      on[id] = ok; total++; if (ok) count++;
      nodeEls[id].classList.toggle("am-off", !ok);
      nodeEls[id].setAttribute("tabindex", ok ? "0" : "-1");
      nodeEls[id].setAttribute("aria-hidden", ok ? "false" : "true");
    });
    Array.prototype.forEach.call(svg.querySelectorAll("g.edge[data-from]"), function (e) {
      e.classList.toggle("am-off", !(on[e.getAttribute("data-from")] && on[e.getAttribute("data-to")]));
    });
    say(count + " of " + total + " boxes shown");
    if (q.value) search();
  }
  Object.keys(filters).forEach(function (k) { filters[k].addEventListener("change", applyFilters); });
  filters.map.addEventListener("change", function () {   // a map filter also shows that map
    var name = filters.map.value;
    if (name && VIEWS[current].map !== name) { selected = null; panel.hidden = true; showView(mapView(name)); }
  });
  viewSelect.addEventListener("change", function () {
    selected = null; panel.hidden = true; showView(Number(viewSelect.value));
  });

  // ---- search --------------------------------------------------------------------------
  var hits = [], active = -1;
  function fold(s) { return (s || "").toLowerCase(); }
  function search() {
    var words = fold(q.value).split(/\s+/).filter(Boolean);
    results.textContent = "";
    hits = []; active = -1;
    if (!words.length) { results.hidden = true; return; }
    Object.keys(NODES).sort().forEach(function (id) {
      var n = NODES[id];
      if (n.home == null || !passes(id)) return;
      var hay = fold([id, n.title, n.text, n.by, n.quote, (n.source || {}).author].concat((n.wordings || []).map(function (w) {
        return [w.text, w.by, w.quote, (w.source || {}).author].join(" "); })).join(" "));
      if (words.every(function (w) { return hay.indexOf(w) >= 0; })) hits.push(id);
    });
    hits.slice(0, 60).forEach(function (id, k) {
      var n = NODES[id];
      results.appendChild(el("li", { role: "option", id: "am-hit-" + k, "data-id": id, "aria-selected": "false",
        onmousedown: function (e) { e.preventDefault(); pick(id); } },
        [iso(label(id)), el("small", null, [iso(id), " · ", n.by ? iso(n.by) : "nobody named", " · ", iso(n.map), " · " + (n.status || n.kind)])]));
    });
    if (!hits.length) results.appendChild(el("li", { "class": "am-none", text: "No box matches (filters apply too)" }));
    else if (hits.length > 60) results.appendChild(el("li", { "class": "am-none", text: (hits.length - 60) + " more: type more words" }));
    results.hidden = false;
    say(hits.length + " matches");
  }
  function highlight(k) {
    var items = results.querySelectorAll("li[data-id]");
    if (!items.length) return;
    active = (k + items.length) % items.length;
    Array.prototype.forEach.call(items, function (li, j) { li.setAttribute("aria-selected", j === active ? "true" : "false"); });
    items[active].scrollIntoView({ block: "nearest" });
    q.setAttribute("aria-activedescendant", items[active].id);
  }
  function pick(id) {
    results.hidden = true;
    selectNode(id);
  }
  q.addEventListener("input", search);
  q.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); highlight(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); highlight(active - 1); }
    else if (e.key === "Enter") { e.preventDefault(); var id = hits[Math.max(active, 0)]; if (id) pick(id); }
    else if (e.key === "Escape") { q.value = ""; results.hidden = true; canvas.focus(); }
  });
  q.addEventListener("blur", function () { setTimeout(function () { results.hidden = true; }, 150); });
  q.addEventListener("focus", function () { if (q.value) search(); });

  // ---- deep links ----------------------------------------------------------------------
  var writingHash = false;
  /* The address's fragment as text; a malformed escape (#%, #%E0%A4%A) is taken as written, not thrown. */
  function hashText() {
    var raw = location.hash.slice(1);
    try { return decodeURIComponent(raw); } catch (e) { return raw; }
  }
  function short(text) { text = String(text); return "“" + (text.length > 80 ? text.slice(0, 79) + "…" : text) + "”"; }
  function setHash(h) {
    if (hashText() === h) return;
    writingHash = true;
    history.replaceState(null, "", "#" + h);
    writingHash = false;
  }
  /* Open what the address names: true if it named something, false if it is empty; a name that
     matches nothing says so on the page (and the page shows its first map, never nothing). */
  function fromHash() {
    var h = hashText();
    if (!h) return false;
    var m = /^(map|part)=(.+)$/.exec(h);
    if (m) {
      for (var i = 0; i < VIEWS.length; i++) {
        var v = VIEWS[i];
        if (m[1] === "map" ? (v.map === m[2] && !v.part) : (v.map + "/" + v.part === m[2])) { notice(""); showView(i, true); return true; }
      }
      notice("No " + (m[1] === "map" ? "map" : "part") + " named " + short(m[2]) + " in this page");
      return false;
    }
    if (h.indexOf("node-") === 0 && !node(h) && node(h.slice(5))) h = h.slice(5);
    if (!node(h) && mapView(h) != null) { notice(""); showView(mapView(h), true); return true; }  // #map-name
    if (!node(h)) { notice("Nothing in this page is named " + short(h) + ": no box, map or part has that id"); return false; }
    // a link to a node opens the part drawn from it (its replies), else where it is drawn in full
    var own = node(h).ownPart;
    return own != null ? selectNode(h, { view: own, frame: true }) : selectNode(h);
  }
  window.addEventListener("hashchange", function () { if (!writingHash && !fromHash() && current < 0) showView(firstReadable(), true); });

  // ---- keyboard ------------------------------------------------------------------------
  document.addEventListener("keydown", function (e) {
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName);
    if (e.key === "Escape") {
      if (!$("am-help").hidden) { $("am-help").hidden = true; return; }
      if (!typing && selected) { clearSelection(); canvas.focus(); }
      return;
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    var k = e.key, step = 0.15;
    if (k === "/") { e.preventDefault(); q.focus(); q.select(); }
    else if (k === "+" || k === "=") zoom(1.25);
    else if (k === "-" || k === "_") zoom(0.8);
    else if (k === "0") fit();
    else if (k === "[") showView(Math.max(current - 1, 0));
    else if (k === "]") showView(Math.min(current + 1, VIEWS.length - 1));
    else if (k === "?") $("am-help").hidden = !$("am-help").hidden;
    else if (k === "ArrowLeft") { e.preventDefault(); pan(-step, 0); }
    else if (k === "ArrowRight") { e.preventDefault(); pan(step, 0); }
    else if (k === "ArrowUp") { e.preventDefault(); pan(0, -step); }
    else if (k === "ArrowDown") { e.preventDefault(); pan(0, step); }
  });
  $("am-zoom-in").addEventListener("click", function () { zoom(1.25); });
  $("am-zoom-out").addEventListener("click", function () { zoom(0.8); });
  $("am-zoom-fit").addEventListener("click", fit);
  $("am-help-btn").addEventListener("click", function () { $("am-help").hidden = !$("am-help").hidden; });
  $("am-print").addEventListener("click", function () { window.print(); });

  // ---- print: the whole current map, then the selected box's panel -----------------------
  var saved = null;
  window.addEventListener("beforeprint", function () {
    if (!svg) return;
    saved = box; fit();
    svg.setAttribute("width", base.w + "pt"); svg.removeAttribute("height");
  });
  window.addEventListener("afterprint", function () {
    if (!svg || !saved) return;
    svg.removeAttribute("width"); setBox(saved); saved = null;
  });

  // the first view small enough to read: the first map, or its first part when it has parts
  function firstReadable() {
    for (var i = 0; i < VIEWS.length; i++) {
      if (VIEWS[i].map !== VIEWS[0].map) break;
      if (VIEWS[i].part) return i;
    }
    return 0;
  }

  /* What the reader is looking at, and putting it back: the live page of `argmap serve` keeps it
     across the reload that shows a new drawing (live.js).  The view is named by its key, so it is
     found again when an edit adds or removes a part; the zoom is kept only in the same view. */
  window.argmapPage = {
    state: function () {
      var f = {};
      Object.keys(filters).forEach(function (k) { f[k] = filters[k].value; });
      return { view: current >= 0 ? VIEWS[current].key : null, box: box, selected: selected, filters: f, query: q.value };
    },
    restore: function (s) {
      if (!s) return;
      var i = -1;
      for (var k = 0; k < VIEWS.length; k++) if (VIEWS[k].key === s.view) i = k;
      if (i >= 0) showView(i, true);
      Object.keys(s.filters || {}).forEach(function (k) {
        var sel = filters[k], value = s.filters[k];
        if (sel && Array.prototype.some.call(sel.options, function (o) { return o.value === value; })) sel.value = value;
      });
      applyFilters();
      if (s.query) q.value = s.query;
      if (s.selected && node(s.selected) && nodeEls[s.selected]) selectNode(s.selected, { view: current, centre: false, focus: false });
      if (i >= 0 && s.box) setBox(s.box);
    }
  };

  // ---- start ---------------------------------------------------------------------------
  fillViewSelect();
  fillFilters();
  if (!fromHash() && current < 0) showView(firstReadable(), true);
  document.documentElement.setAttribute("data-argmap-ready", "1");
  if (window.performance && performance.mark) performance.mark("argmap-ready");  // bench/html_page.py reads it
})();

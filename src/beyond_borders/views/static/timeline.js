// Beyond Borders · the timeline explorer, drawn in the page (anywidget ES module, no imports).
//
// Python sends the event records once; everything a learner does here (filters, zoom and pan,
// labels, details, the text list) is computed in the page, so nothing waits on a kernel and
// the same module runs from saved widget state (JupyterLab without a kernel, Voilà, a static
// page through `staticModel`). Filters and the dates in view are written back to the model so
// Python can observe them. Keys pressed inside the widget never reach JupyterLab.

const DAY = 86400000;
const NS = "http://www.w3.org/2000/svg";
const MAX_LIST = 300;
const MAX_LABELS = 250;
const MIN_SPAN = 2;

export const toDay = (iso) => Date.UTC(+iso.slice(0, 4), +(iso.slice(5, 7) || 1) - 1, +(iso.slice(8, 10) || 1)) / DAY;
export const toIso = (d) => new Date(Math.round(d) * DAY).toISOString().slice(0, 10);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_LONG = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
const dayText = (d) => { const t = new Date(Math.round(d) * DAY); return `${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()}`; };
const longDay = (d) => { const t = new Date(Math.round(d) * DAY); return `${t.getUTCDate()} ${MONTHS_LONG[t.getUTCMonth()]} ${t.getUTCFullYear()}`; };
const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));

// ---------------------------------------------------------------- the filter Python shares
/** The search text of a record: the rule of views/timeline_data.py `search_text`. */
export function searchText(r, names) {
  return [r.title, r.summary, r.place, ...r.actors.map((a) => names.get(a) ?? a)].join(" ").toLowerCase();
}

/** Ids in view, in date order: the rule of views/timeline_data.py `view_ids`. */
export function filterIds(records, names, { categories = null, actor = "", query = "", start = null, end = null }) {
  const cats = categories ? new Set(categories) : null;
  const words = (query || "").toLowerCase().split(/\s+/).filter(Boolean);
  const out = [];
  for (const r of records) {
    if (cats && !cats.has(r.category)) continue;
    if (actor && !r.actors.includes(actor)) continue;
    if ((start && r.date < start) || (end && r.date > end)) continue;
    if (words.length) { const t = searchText(r, names); if (!words.every((w) => t.includes(w))) continue; }
    out.push(r.id);
  }
  return out;
}

// ---------------------------------------------------------------- markers (as in plot_timeline)
function polygon(n, r, rot = 0) {
  const pts = [];
  for (let i = 0; i < n; i++) { const a = rot + (2 * Math.PI * i) / n; pts.push([r * Math.sin(a), -r * Math.cos(a)]); }
  return pts;
}
function star(r) {
  const pts = [];
  for (let i = 0; i < 10; i++) { const a = (Math.PI * i) / 5, q = i % 2 ? r * 0.45 : r; pts.push([q * Math.sin(a), -q * Math.cos(a)]); }
  return pts;
}
const cross = (r, w) => [[-w, -r], [w, -r], [w, -w], [r, -w], [r, w], [w, w], [w, r], [-w, r], [-w, w], [-r, w], [-r, -w], [-w, -w]];
const rotate = (pts, a) => pts.map(([x, y]) => [x * Math.cos(a) - y * Math.sin(a), x * Math.sin(a) + y * Math.cos(a)]);
const SHAPES = {
  s: (r) => polygon(4, r * 1.1, Math.PI / 4), "^": (r) => polygon(3, r * 1.2), v: (r) => polygon(3, r * 1.2, Math.PI),
  "<": (r) => polygon(3, r * 1.2, -Math.PI / 2), ">": (r) => polygon(3, r * 1.2, Math.PI / 2),
  D: (r) => polygon(4, r * 1.15), d: (r) => polygon(4, r * 1.2).map(([x, y]) => [x * 0.65, y]),
  P: (r) => cross(r, r * 0.38), X: (r) => rotate(cross(r * 1.1, r * 0.38), Math.PI / 4), "*": (r) => star(r * 1.3),
  h: (r) => polygon(6, r * 1.1), H: (r) => polygon(6, r * 1.1, Math.PI / 6), p: (r) => polygon(5, r * 1.1), 8: (r) => polygon(8, r * 1.05),
};
/** A relative SVG path for a marker of radius r centred on the current point (after an M). */
function markerPath(marker, r) {
  const make = SHAPES[marker];
  if (!make) return `m${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0m${r},0`;
  const pts = make(r);
  let s = `m${pts[0][0].toFixed(2)},${pts[0][1].toFixed(2)}`;
  for (let i = 1; i < pts.length; i++) s += `l${(pts[i][0] - pts[i - 1][0]).toFixed(2)},${(pts[i][1] - pts[i - 1][1]).toFixed(2)}`;
  return s + `z m${(-pts[0][0]).toFixed(2)},${(-pts[0][1]).toFixed(2)}`;
}
const swatch = (lane, r = 6) => `<svg width="${2 * r + 4}" height="${2 * r + 4}" aria-hidden="true" class="bb-tl-swatch"><path d="M${r + 2},${r + 2}${markerPath(lane.marker, r)}" fill="${lane.colour}" stroke="#101828" stroke-width="1"/></svg>`;

// ---------------------------------------------------------------- axis ticks
const STEPS = [[1, "d"], [2, "d"], [7, "d"], [14, "d"], [1, "m"], [3, "m"], [6, "m"], [1, "y"], [2, "y"], [5, "y"], [10, "y"], [20, "y"], [50, "y"]];
const stepDays = ([n, u]) => n * (u === "d" ? 1 : u === "m" ? 30.44 : 365.25);
function ticks(v0, v1, count) {
  const want = (v1 - v0) / Math.max(count, 2);
  const step = STEPS.find((s) => stepDays(s) >= want) || STEPS[STEPS.length - 1];
  const [n, u] = step, out = [];
  const t = new Date(Math.floor(v0) * DAY);
  let y = t.getUTCFullYear(), m = t.getUTCMonth();
  if (u === "d") {
    for (let d = Math.ceil(v0 / n) * n; d <= v1; d += n) out.push([d, dayText(d).split(" ").slice(0, 2).join(" ")]);
  } else if (u === "m") {
    m = Math.floor(m / n) * n;
    for (;;) { const d = Date.UTC(y, m, 1) / DAY; if (d > v1) break; if (d >= v0) out.push([d, `${MONTHS[m]} ${y}`]); m += n; if (m > 11) { m -= 12; y += 1; } }
  } else {
    for (let yy = Math.ceil(y / n) * n; ; yy += n) { const d = Date.UTC(yy, 0, 1) / DAY; if (d > v1) break; if (d >= v0) out.push([d, String(yy)]); }
  }
  return out;
}

// ---------------------------------------------------------------- a model for static pages
/** A stand-in for the widget model, built from saved state: lets a page with no kernel run render(). */
export function staticModel(state) {
  const values = { ...state }, handlers = {};
  return {
    get: (k) => values[k],
    set: (k, v) => { values[k] = v; (handlers[`change:${k}`] || []).slice().forEach((f) => f()); },
    on: (name, f) => { (handlers[name] ||= []).push(f); },
    off: (name, f) => { handlers[name] = (handlers[name] || []).filter((g) => g !== f); },
    save_changes() {}, send() {},
  };
}

// ---------------------------------------------------------------- the widget
const CONTROLS = `
<div class="bb-tl-controls">
  <div class="bb-tl-cats" role="group" aria-label="Categories shown (each button is on when pressed)"></div>
  <div class="bb-tl-row">
    <label>Actor <select class="bb-tl-actor"></select></label>
    <label>Search <input class="bb-tl-query" type="search" placeholder="title or summary" size="22"></label>
    <label>Era <select class="bb-tl-era"></select></label>
  </div>
  <div class="bb-tl-row" role="group" aria-label="Zoom and pan">
    <button type="button" class="bb-tl-earlier" aria-label="Move earlier">◀ Earlier</button>
    <button type="button" class="bb-tl-zoomout" aria-label="Zoom out">−</button>
    <button type="button" class="bb-tl-zoomin" aria-label="Zoom in">+</button>
    <button type="button" class="bb-tl-later" aria-label="Move later">Later ▶</button>
    <button type="button" class="bb-tl-all">All years</button>
    <button type="button" class="bb-tl-present" aria-pressed="false">Presentation mode</button>
  </div>
</div>
<p class="bb-tl-status" aria-live="polite"></p>
<svg class="bb-tl-main" tabindex="0" role="application" aria-roledescription="timeline"
     aria-label="Timeline. Left and right arrows move between events, up and down between lanes, Enter opens one; plus and minus zoom, Page Up and Page Down move in time."></svg>
<p class="bb-tl-announce bb-tl-sr" aria-live="polite"></p>
<svg class="bb-tl-overview" aria-label="Overview of all years: the box shows the dates in view"></svg>
<div class="bb-tl-below">
  <section class="bb-tl-details" aria-label="Event details"></section>
  <section class="bb-tl-listbox"><h4>Events in view (text list)</h4><div class="bb-tl-list"></div></section>
</div>`;

function setup(model, el) {
  const recs = model.get("records").map((r, i) => ({ ...r, day: toDay(r.date), i }));
  const lanes = model.get("lanes");
  const laneOf = new Map(lanes.map((l, i) => [l.id, i]));
  const names = new Map(model.get("actor_names"));
  const byId = new Map(recs.map((r) => [r.id, r]));
  for (const r of recs) r.lane = laneOf.get(r.category) ?? 0;
  const [s0, s1] = model.get("span").map(toDay);
  const S = {
    recs, lanes, names, byId, eras: model.get("eras").map((e) => ({ ...e, d0: toDay(e.start), d1: toDay(e.end) + 1 })),
    d0: s0, d1: s1 + 1, pool: [], view: [], v0: 0, v1: 0, cursor: null, hover: null, width: 800, frame: 0,
  };
  return S;
}

function render({ model, el }) {
  el.classList.add("bb-timeline-explorer", "jupyter-widgets");
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  const root = document.createElement("div");
  root.className = "bb-tl";
  root.innerHTML = CONTROLS;
  el.appendChild(root);
  const $ = (sel) => root.querySelector(sel);
  const S = setup(model, el);
  const main = $(".bb-tl-main"), over = $(".bb-tl-overview");

  // Keys typed in the widget are the widget's: none reaches JupyterLab's command-mode shortcuts.
  for (const type of ["keydown", "keyup", "keypress"]) el.addEventListener(type, (e) => e.stopPropagation());

  // -- state from the model -------------------------------------------------------------------
  const cats = () => new Set(model.get("categories"));
  function readView() {
    S.v0 = toDay(model.get("start")); S.v1 = Math.max(toDay(model.get("end")), S.v0);
  }
  // base: the events the actor and words allow; pool: those in a category switched on; view:
  // the pool within the dates in view. A category toggle only shows or hides a lane's layer.
  function rebuildBase() {
    const ids = new Set(filterIds(S.recs, S.names, { actor: model.get("actor"), query: model.get("query") }));
    S.base = S.recs.filter((r) => ids.has(r.id));
  }
  function applyCategories() { const on = cats(); S.pool = S.base.filter((r) => on.has(r.category)); }
  const lo = (arr, day) => { let a = 0, b = arr.length; while (a < b) { const m = (a + b) >> 1; if (arr[m].day < day) a = m + 1; else b = m; } return a; };
  function sliceView() {
    const a = lo(S.pool, Math.round(S.v0)), b = lo(S.pool, Math.round(S.v1) + 1);
    S.view = S.pool.slice(a, b);
    S.inWindow = S.base.slice(lo(S.base, Math.round(S.v0)), lo(S.base, Math.round(S.v1) + 1));
  }

  // -- writing back to Python: filters at once, the dates once a gesture settles ---------------
  let syncTimer = null;
  function syncView(now = false) {
    clearTimeout(syncTimer);
    const go = () => {
      const start = toIso(S.v0), end = toIso(S.v1);
      if (model.get("start") !== start || model.get("end") !== end) {
        model.set("start", start); model.set("end", end); model.save_changes();
      }
    };
    if (now) go(); else syncTimer = setTimeout(go, 150);
  }
  function setTrait(name, value) { model.set(name, value); model.save_changes(); }

  // -- geometry -------------------------------------------------------------------------------
  const geo = () => {
    const present = root.classList.contains("bb-tl--present"), narrow = S.width < 700;
    const laneH = present ? 44 : 30, left = narrow ? 112 : present ? 230 : 160;
    const top = present ? 30 : 24, plotW = Math.max(S.width - left - 12, 80);
    const pad = Math.max(0.5, (S.v1 - S.v0) * 0.02);
    const w0 = S.v0 - pad, w1 = S.v1 + pad;
    return { present, laneH, left, top, plotW, w0, w1, font: present ? 18 : 13, r: present ? 8 : 6,
      x: (d) => left + ((d - w0) / (w1 - w0)) * plotW, day: (x) => w0 + ((x - left) / plotW) * (w1 - w0),
      y: (lane) => top + lane * laneH + laneH / 2, height: top + lanes().length * laneH + (present ? 34 : 28) };
  };
  const lanes = () => S.lanes;

  // -- drawing the main timeline -------------------------------------------------------------
  let measure = null;
  function charWidth(font) {
    measure ||= document.createElement("canvas").getContext("2d");
    measure.font = `${font}px system-ui, sans-serif`;
    return measure.measureText("Pakistan Iran strikes 2024 visit talks").width / 38;
  }
  /** ``text + tail``, the text shortened with an ellipsis until the whole is at most ``width`` px. */
  function fitText(text, tail, width, size) {
    charWidth(size);
    const w = (t) => measure.measureText(t).width;
    if (w(text + tail) <= width) return text + tail;
    let n = text.length;
    while (n > 1 && w(text.slice(0, n) + "…" + tail) > width) n -= 1;
    return text.slice(0, n) + "…" + tail;
  }
  function drawMain() {
    const g = geo(), on = cats();
    const parts = [];
    main.setAttribute("width", S.width); main.setAttribute("height", g.height);
    main.setAttribute("viewBox", `0 0 ${S.width} ${g.height}`);
    // Era bands and their names, where they fit.
    S.eras.forEach((e, i) => {
      const a = Math.max(g.x(e.d0), g.left), b = Math.min(g.x(e.d1), g.left + g.plotW);
      if (b <= a) return;
      parts.push(`<rect class="bb-tl-era${i % 2}" x="${a}" y="0" width="${b - a}" height="${g.height - (g.present ? 34 : 28)}"/>`);
      const label = (b - a) > e.label.length * g.font * 0.56 ? e.label : e.label.split(" (")[0];
      if ((b - a) > label.length * g.font * 0.56 + 8) parts.push(`<text class="bb-tl-eraname" x="${(a + b) / 2}" y="${g.top - 8}" text-anchor="middle">${esc(label)}</text>`);
    });
    S.lanes.forEach((l, i) => parts.push(`<line class="bb-tl-laneline" x1="${g.left}" x2="${g.left + g.plotW}" y1="${g.y(i)}" y2="${g.y(i)}"/>`));
    parts.push(`<g class="bb-tl-names">${laneNames(g, on)}</g>`);
    // Date axis.
    const axisY = g.height - (g.present ? 34 : 28);
    parts.push(`<line class="bb-tl-axis" x1="${g.left}" x2="${g.left + g.plotW}" y1="${axisY}" y2="${axisY}"/>`);
    for (const [d, label] of ticks(S.v0, S.v1, Math.floor(g.plotW / (g.present ? 150 : 100)))) {
      const x = g.x(d);
      parts.push(`<line class="bb-tl-grid" x1="${x}" x2="${x}" y1="${g.top - 4}" y2="${axisY + 5}"/><text class="bb-tl-tick" x="${x}" y="${axisY + 19}" text-anchor="middle">${label}</text>`);
    }
    // Events: one layer per lane, one path for its marks (fast at 10,000 events) and the labels
    // that fit; a switched-off lane's layer is hidden, not dropped.
    const byLane = S.lanes.map(() => []);
    for (const r of S.inWindow) byLane[r.lane].push(r);
    S.lanes.forEach((l, i) => {
      const shape = markerPath(l.marker, g.r), y = g.y(i);
      const d = byLane[i].map((r) => `M${g.x(r.day).toFixed(1)},${y}${shape}`).join("");
      parts.push(`<g class="bb-tl-lane" data-cat="${esc(l.id)}"${on.has(l.id) ? "" : ' display="none"'}>`
        + (d ? `<path class="bb-tl-marks" fill="${l.colour}" d="${d}"/>` : "") + labelsSvg(g, byLane[i]) + "</g>");
    });
    parts.push(`<g class="bb-tl-overlay"></g>`);
    main.innerHTML = parts.join("");
  }
  function laneNames(g, on) {
    return S.lanes.map((l, i) => {
      // The name fits the gutter (shortened with an ellipsis, whole in its tooltip); "(off)" stays.
      const off = !on.has(l.id), name = fitText(l.label, off ? " (off)" : "", g.left - 14, g.present ? 18 : 13);
      return `<text class="bb-tl-lanename${off ? " bb-tl-off" : ""}" x="${g.left - 8}" y="${g.y(i) + 4}" text-anchor="end">${esc(name)}<title>${esc(l.label)}${off ? " (switched off)" : ""}</title></text>`;
    }).join("");
  }
  function showLanes() {
    const on = cats();
    for (const layer of root.querySelectorAll(".bb-tl-lane, .bb-tl-ovlane")) {
      if (on.has(layer.dataset.cat)) layer.removeAttribute("display"); else layer.setAttribute("display", "none");
    }
    main.querySelector(".bb-tl-names").innerHTML = laneNames(geo(), on);
  }
  function drawOverlay() {
    const g = geo(), parts = [], shown = new Set(S.view);
    const sel = S.byId.get(model.get("selected"));
    if (sel && shown.has(sel)) parts.push(`<circle class="bb-tl-ring" cx="${g.x(sel.day)}" cy="${g.y(sel.lane)}" r="${g.r + 5}"/>`);
    const focus = S.cursor && S.byId.get(S.cursor);
    if (focus && shown.has(focus)) parts.push(`<circle class="bb-tl-cursor" cx="${g.x(focus.day)}" cy="${g.y(focus.lane)}" r="${g.r + 8}"/>`);
    const tip = S.hover || (document.activeElement === main ? focus : null);
    if (tip && shown.has(tip)) parts.push(tooltipSvg(g, tip));
    main.querySelector(".bb-tl-overlay").innerHTML = parts.join("");
  }
  function labelsSvg(g, list) {
    // Greedy, left to right in each lane: a label goes right of its mark when it covers neither
    // another label nor the next mark of the lane.
    const cw = charWidth(g.font - 1), right = g.left + g.plotW, out = [];
    let n = 0;
    {
      let free = -Infinity;
      for (let i = 0; i < list.length && n < MAX_LABELS; i++) {
        const r = list[i], mx = g.x(r.day), x = mx + g.r + 4;
        const text = r.title.length > 42 ? r.title.slice(0, 40) + "…" : r.title, w = text.length * cw;
        const next = i + 1 < list.length ? g.x(list[i + 1].day) - g.r - 4 : Infinity;
        if (mx - g.r < free || x + w > Math.min(next, right)) continue;
        free = x + w + 6; n += 1;
        out.push(`<text class="bb-tl-label" x="${x.toFixed(1)}" y="${g.y(r.lane) + 4}">${esc(text)}</text>`);
      }
    }
    return out.join("");
  }
  function tooltipSvg(g, r) {
    const text = `${r.when} — ${r.title}`, cw = charWidth(g.font);
    // Kept inside the plot, clear of the lane names in the gutter on its left.
    const w = Math.min(text.length * cw + 16, g.plotW), h = g.font + 12;
    let x = g.x(r.day) - w / 2; x = Math.max(g.left, Math.min(x, g.left + g.plotW - w));
    let y = g.y(r.lane) - g.r - h - 6; if (y < 2) y = g.y(r.lane) + g.r + 6;
    const shown = text.length * cw + 16 > w ? text.slice(0, Math.floor((w - 16) / cw) - 2) + "…" : text;
    return `<g class="bb-tl-tip" pointer-events="none"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="4"/><text x="${x + 8}" y="${y + h - 8}">${esc(shown)}</text></g>`;
  }

  // -- the overview strip: 1947–2026, lanes, eras, and the box of the view --------------------
  const OV = { h: 56, pad: 10 };
  const ox = (d) => OV.pad + ((d - S.d0) / (S.d1 - S.d0)) * (S.width - 2 * OV.pad);
  const oday = (x) => S.d0 + ((x - OV.pad) / (S.width - 2 * OV.pad)) * (S.d1 - S.d0);
  let brush, handles;
  function drawOverview() {
    const parts = [], rowH = Math.max(1.5, 36 / Math.max(S.lanes.length, 1));
    over.setAttribute("width", S.width); over.setAttribute("height", OV.h);
    over.setAttribute("viewBox", `0 0 ${S.width} ${OV.h}`);
    S.eras.forEach((e, i) => parts.push(`<rect class="bb-tl-era${i % 2}" x="${ox(e.d0)}" y="0" width="${Math.max(ox(e.d1) - ox(e.d0), 0)}" height="40"><title>${esc(e.label)}</title></rect>`));
    const paths = S.lanes.map(() => []);
    for (const r of S.base) paths[r.lane].push(`M${ox(r.day).toFixed(1)},${(2 + r.lane * rowH).toFixed(1)}v${rowH.toFixed(1)}`);
    const on = cats();
    S.lanes.forEach((l, i) => { if (paths[i].length) parts.push(`<path class="bb-tl-ovlane" data-cat="${esc(l.id)}"${on.has(l.id) ? "" : ' display="none"'} stroke="${l.colour}" stroke-width="1.5" d="${paths[i].join("")}"/>`); });
    const years = ticks(S.d0, S.d1, Math.floor(S.width / 90));
    for (const [d, label] of years) parts.push(`<text class="bb-tl-ovtick" x="${ox(d)}" y="53" text-anchor="middle">${label}</text>`);
    parts.push(`<rect class="bb-tl-brush" y="1" height="38"/>`);
    for (const which of ["start", "end"]) {
      parts.push(`<rect class="bb-tl-handle bb-tl-handle-${which}" y="0" width="12" height="40" rx="3" tabindex="0" role="slider"
        aria-label="${which === "start" ? "First" : "Last"} day in view" aria-valuemin="${Math.round(S.d0)}" aria-valuemax="${Math.round(S.d1)}"/>`);
    }
    over.innerHTML = parts.join("");
    brush = over.querySelector(".bb-tl-brush");
    handles = { start: over.querySelector(".bb-tl-handle-start"), end: over.querySelector(".bb-tl-handle-end") };
    placeBrush();
  }
  function placeBrush() {
    if (!brush) return;
    const a = ox(S.v0), b = ox(S.v1 + 1);
    brush.setAttribute("x", a); brush.setAttribute("width", Math.max(b - a, 2));
    handles.start.setAttribute("x", a - 12); handles.end.setAttribute("x", Math.max(b, a + 2));
    for (const [which, d] of [["start", S.v0], ["end", S.v1]]) {
      handles[which].setAttribute("aria-valuenow", Math.round(d));
      handles[which].setAttribute("aria-valuetext", longDay(d));
    }
  }

  // -- text: status, list, details --------------------------------------------------------------
  function writeText() {
    $(".bb-tl-status").textContent = `${S.view.length} of ${S.recs.length} events in view, ${dayText(S.v0)} – ${dayText(S.v1)}`;
    const list = $(".bb-tl-list");
    if (!S.view.length) { list.innerHTML = "<p><em>No events match these filters.</em></p>"; return; }
    const label = new Map(S.lanes.map((l) => [l.id, l.label]));
    const items = S.view.slice(0, MAX_LIST).map((r) => `<li>${esc(r.iso)} — ${esc(r.title)} (${esc(label.get(r.category) ?? r.category)})</li>`);
    if (S.view.length > MAX_LIST) items.push(`<li>… and ${S.view.length - MAX_LIST} more</li>`);
    list.innerHTML = `<ol class="bb-event-list" aria-label="Events in view">${items.join("")}</ol>`;
  }
  const links = (pairs) => pairs.map(([label, url]) => url ? `<a href="${esc(url)}" target="_blank" rel="noopener">${esc(label)}</a>` : esc(label)).join("; ");
  function accountsHtml(r) {
    if (!r.accounts.length) return "<p><em>No competing figures are recorded for this event.</em></p>";
    const by = new Map();
    for (const a of r.accounts) { if (!by.has(a.claimant)) by.set(a.claimant, []); by.get(a.claimant).push(a); }
    const cols = [...by].map(([who, list]) => `<div class="bb-tl-account"><h5>${esc(who)}</h5><ul>${list.map((a) =>
      `<li><strong>${esc(a.measure)}: ${esc(a.figure)}</strong> — ${esc(a.description)} <small>(${links(a.sources)})</small></li>`).join("")}</ul></div>`);
    return `<h5 class="bb-tl-acchead">Competing accounts: each figure stays with whoever gave it</h5><div class="bb-accounts bb-tl-accounts">${cols.join("")}</div>`;
  }
  function writeDetails() {
    const r = S.byId.get(model.get("selected")), box = $(".bb-tl-details");
    if (!r) { box.innerHTML = "<p><em>Pick an event to read its record: click a mark, or focus the timeline and use the arrow keys and Enter.</em></p>"; return; }
    const lane = S.lanes.find((l) => l.id === r.category);
    const who = r.actors.map((a) => esc(S.names.get(a) ?? a)).join(", ");
    box.innerHTML = `<div class="bb-details" aria-label="Event details"><h4>${esc(r.title)}</h4>
      <p><strong>${esc(r.when)}</strong> · ${esc(lane ? lane.label : r.category)}${r.place ? " · " + esc(r.place) : ""}</p>
      <p>${esc(r.summary)}</p><p><strong>Actors:</strong> ${who}<br><strong>Confidence:</strong> ${esc(r.confidence)}<br>
      <strong>Sources:</strong> ${links(r.sources)}</p>${r.notes ? `<p><em>Note:</em> ${esc(r.notes)}</p>` : ""}${accountsHtml(r)}</div>`;
  }

  // -- one frame: everything that depends on the view --------------------------------------------
  // What a change redraws, least to most: the overlay (ring, cursor, tip), the categories (show
  // or hide lanes), the view (dates or size: the lanes are drawn again), the base (actor, words).
  const LEVELS = ["overlay", "cats", "view", "base"];
  function paint(level = "view") {
    const n = LEVELS.indexOf(level);
    if (n >= 3) { rebuildBase(); drawOverview(); }
    if (n >= 1) { applyCategories(); sliceView(); }
    if (n >= 2) drawMain(); else if (n === 1) showLanes();
    drawOverlay();
    if (n >= 1) { placeBrush(); writeText(); }
  }
  let pending = null;
  const schedule = (level = "view") => {
    if (pending !== null) { pending = LEVELS[Math.max(LEVELS.indexOf(pending), LEVELS.indexOf(level))]; return; }
    pending = level;
    requestAnimationFrame(() => { const l = pending; pending = null; paint(l); });
  };

  function setView(a, b, { now = false } = {}) {
    let span = Math.max(b - a, MIN_SPAN - 1);
    const full = S.d1 - 1 - S.d0;
    if (span > full) { a = S.d0; span = full; }
    a = Math.max(S.d0, Math.min(a, S.d1 - 1 - span));
    S.v0 = a; S.v1 = a + span;
    schedule(); syncView(now);
  }
  const zoom = (factor, at = (S.v0 + S.v1) / 2) => setView(at - (at - S.v0) * factor, at + (S.v1 - at) * factor);
  const pan = (share) => { const d = (S.v1 - S.v0) * share; setView(S.v0 + d, S.v1 + d); };

  // -- controls ---------------------------------------------------------------------------------
  function buildControls() {
    const box = $(".bb-tl-cats");
    box.innerHTML = S.lanes.map((l) => `<button type="button" class="bb-category-toggle" data-cat="${esc(l.id)}" aria-pressed="false">${swatch(l)}<span>${esc(l.label)}</span></button>`).join("");
    $(".bb-tl-actor").innerHTML = `<option value="">All actors</option>` + model.get("actor_names").map(([id, n]) => `<option value="${esc(id)}">${esc(n)}</option>`).join("");
    $(".bb-tl-era").innerHTML = `<option value="">Jump to an era…</option>` + S.eras.map((e) => `<option value="${esc(e.id)}">${esc(e.label)}</option>`).join("") + `<option value="*all">All years</option>`;
  }
  function syncControls() {
    const on = cats();
    for (const b of root.querySelectorAll(".bb-category-toggle")) b.setAttribute("aria-pressed", on.has(b.dataset.cat) ? "true" : "false");
    $(".bb-tl-actor").value = model.get("actor") || "";
    if ($(".bb-tl-query").value !== model.get("query")) $(".bb-tl-query").value = model.get("query") || "";
    const present = !!model.get("presentation");
    root.classList.toggle("bb-tl--present", present);
    $(".bb-tl-present").setAttribute("aria-pressed", present ? "true" : "false");
  }
  root.addEventListener("click", (e) => {
    const t = e.target.closest("button");
    if (!t) return;
    if (t.classList.contains("bb-category-toggle")) {
      const on = cats(), c = t.dataset.cat;
      if (on.has(c)) on.delete(c); else on.add(c);
      setTrait("categories", S.lanes.map((l) => l.id).filter((id) => on.has(id)));
    } else if (t.classList.contains("bb-tl-zoomin")) zoom(0.5);
    else if (t.classList.contains("bb-tl-zoomout")) zoom(2);
    else if (t.classList.contains("bb-tl-earlier")) pan(-0.5);
    else if (t.classList.contains("bb-tl-later")) pan(0.5);
    else if (t.classList.contains("bb-tl-all")) setView(S.d0, S.d1 - 1, { now: true });
    else if (t.classList.contains("bb-tl-present")) { setTrait("presentation", !model.get("presentation")); }
  });
  $(".bb-tl-actor").addEventListener("change", (e) => setTrait("actor", e.target.value));
  let queryTimer = null;
  $(".bb-tl-query").addEventListener("input", (e) => { clearTimeout(queryTimer); queryTimer = setTimeout(() => setTrait("query", e.target.value), 120); });
  $(".bb-tl-era").addEventListener("change", (e) => {
    const v = e.target.value, era = S.eras.find((x) => x.id === v);
    if (v === "*all") setView(S.d0, S.d1 - 1, { now: true });
    else if (era) setView(era.d0, era.d1 - 1, { now: true });
    e.target.value = "";
  });

  // -- pointer: hover, pick, drag to pan, wheel to zoom ----------------------------------------
  function hit(x, y) {
    const g = geo(), lane = Math.floor((y - g.top) / g.laneH);
    if (lane < 0 || lane >= S.lanes.length || x < g.left - 6) return null;
    let best = null, dist = g.r + 6;
    const day = g.day(x), tol = ((g.r + 6) / g.plotW) * (g.w1 - g.w0);
    for (let i = lo(S.view, day - tol); i < S.view.length && S.view[i].day <= day + tol; i++) {
      const r = S.view[i];
      if (r.lane !== lane) continue;
      const d = Math.abs(g.x(r.day) - x);
      if (d <= dist) { dist = d; best = r; }
    }
    return best;
  }
  const local = (e, svg) => { const b = svg.getBoundingClientRect(); return [e.clientX - b.left, e.clientY - b.top]; };
  let drag = null;
  main.addEventListener("pointerdown", (e) => {
    const [x] = local(e, main);
    drag = { x, v0: S.v0, v1: S.v1, moved: false, id: e.pointerId };
  });
  main.addEventListener("pointermove", (e) => {
    const [x, y] = local(e, main);
    if (drag && (drag.moved || Math.abs(x - drag.x) > 4)) {
      if (!drag.moved) { drag.moved = true; main.setPointerCapture(drag.id); main.classList.add("bb-tl-dragging"); }
      const g = geo(), shift = ((drag.x - x) / g.plotW) * (g.w1 - g.w0);
      setView(drag.v0 + shift, drag.v1 + shift);
      return;
    }
    const h = hit(x, y);
    if (h !== S.hover) { S.hover = h; main.style.cursor = h ? "pointer" : "grab"; schedule("overlay"); }
  });
  main.addEventListener("pointerup", (e) => {
    const d = drag; drag = null; main.classList.remove("bb-tl-dragging");
    if (!d || d.moved) return;
    const [x, y] = local(e, main), h = hit(x, y);
    if (h) { S.cursor = h.id; setTrait("selected", h.id); }
  });
  main.addEventListener("pointerleave", () => { if (S.hover) { S.hover = null; schedule("overlay"); } });
  main.addEventListener("wheel", (e) => {
    e.preventDefault();
    const [x] = local(e, main), g = geo();
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) { pan(e.deltaX / g.plotW); return; }
    zoom(Math.pow(1.0015, e.deltaY), Math.max(S.v0, Math.min(S.v1, g.day(x))));
  }, { passive: false });
  main.addEventListener("focus", () => { if (!S.cursor && S.view.length) S.cursor = S.view[0].id; announce(); schedule("overlay"); });
  main.addEventListener("blur", () => schedule("overlay"));

  // -- keyboard on the timeline ---------------------------------------------------------------------
  function announce() {
    const r = S.cursor && S.byId.get(S.cursor);
    const label = r && (S.lanes.find((l) => l.id === r.category) || {}).label;
    $(".bb-tl-announce").textContent = r ? `${S.view.indexOf(r) + 1} of ${S.view.length}: ${r.when} — ${r.title} (${label}). Enter opens it.` : "No events in view.";
  }
  function moveCursor(to) {
    if (!to) return;
    S.cursor = to.id;
    if (to.day < S.v0 || to.day > S.v1) { const half = (S.v1 - S.v0) / 2; setView(to.day - half, to.day + half); }
    announce(); schedule("overlay");
  }
  function step(dir) {
    const cur = S.cursor && S.byId.get(S.cursor), i = cur ? S.pool.indexOf(cur) : -1;
    if (i < 0) return moveCursor(dir > 0 ? S.view[0] : S.view[S.view.length - 1]);
    moveCursor(S.pool[i + dir]);
  }
  function laneStep(dir) {
    const cur = S.cursor && S.byId.get(S.cursor);
    if (!cur) return step(1);
    for (let lane = cur.lane + dir; lane >= 0 && lane < S.lanes.length; lane += dir) {
      const inLane = S.view.filter((r) => r.lane === lane);
      if (inLane.length) return moveCursor(inLane.reduce((a, b) => (Math.abs(b.day - cur.day) < Math.abs(a.day - cur.day) ? b : a)));
    }
  }
  main.addEventListener("keydown", (e) => {
    const k = e.key, actions = {
      ArrowRight: () => step(1), ArrowLeft: () => step(-1), ArrowDown: () => laneStep(1), ArrowUp: () => laneStep(-1),
      Home: () => moveCursor(S.view[0]), End: () => moveCursor(S.view[S.view.length - 1]),
      PageUp: () => pan(-0.5), PageDown: () => pan(0.5), "+": () => zoom(0.5), "=": () => zoom(0.5), "-": () => zoom(2), _: () => zoom(2),
      "0": () => setView(S.d0, S.d1 - 1, { now: true }),
      Enter: () => S.cursor && setTrait("selected", S.cursor), " ": () => S.cursor && setTrait("selected", S.cursor),
      Escape: () => { S.hover = null; schedule("overlay"); },
    };
    if (actions[k] && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); actions[k](); }
  });

  // -- the overview: drag the box or its edges, click to centre, keys on the edges ---------------
  let odrag = null;
  over.addEventListener("pointerdown", (e) => {
    const [x] = local(e, over), which = e.target.classList.contains("bb-tl-handle-start") ? "start" : e.target.classList.contains("bb-tl-handle-end") ? "end" : null;
    if (!which && !(x >= ox(S.v0) && x <= ox(S.v1 + 1))) { const half = (S.v1 - S.v0) / 2, d = oday(x); setView(d - half, d + half); }
    odrag = { which, x, v0: S.v0, v1: S.v1 };
    over.setPointerCapture(e.pointerId);
  });
  over.addEventListener("pointermove", (e) => {
    if (!odrag) return;
    const [x] = local(e, over), d = ((x - odrag.x) / (S.width - 2 * OV.pad)) * (S.d1 - S.d0);
    if (odrag.which === "start") setView(Math.min(odrag.v0 + d, S.v1 - MIN_SPAN), S.v1);
    else if (odrag.which === "end") setView(S.v0, Math.max(odrag.v1 + d, S.v0 + MIN_SPAN));
    else setView(odrag.v0 + d, odrag.v1 + d);
  });
  over.addEventListener("pointerup", () => { odrag = null; syncView(true); });
  over.addEventListener("keydown", (e) => {
    const which = e.target.classList.contains("bb-tl-handle-start") ? "start" : e.target.classList.contains("bb-tl-handle-end") ? "end" : null;
    if (!which) return;
    const small = Math.max(1, Math.round((S.v1 - S.v0) / 20)), moves = { ArrowLeft: -small, ArrowDown: -small, ArrowRight: small, ArrowUp: small, PageDown: -365, PageUp: 365 };
    let a = S.v0, b = S.v1;
    if (e.key in moves) { if (which === "start") a = Math.min(a + moves[e.key], b - MIN_SPAN + 1); else b = Math.max(b + moves[e.key], a + MIN_SPAN - 1); }
    else if (e.key === "Home") { if (which === "start") a = S.d0; else b = a + MIN_SPAN - 1; }
    else if (e.key === "End") { if (which === "start") a = b - MIN_SPAN + 1; else b = S.d1 - 1; }
    else return;
    e.preventDefault(); setView(a, b); placeBrush();
  });

  // -- Python (or another view of the same model) changed something ---------------------------------
  const onCategories = () => { syncControls(); paint("cats"); };
  const onFilters = () => { syncControls(); paint("base"); };
  const onDates = () => {
    const a = toDay(model.get("start")), b = toDay(model.get("end"));
    if (Math.round(S.v0) === a && Math.round(S.v1) === b) return;
    readView(); schedule();
  };
  const onSelected = () => { writeDetails(); schedule("overlay"); };
  const onPresent = () => { syncControls(); schedule(); };
  const listeners = [["categories", onCategories], ["actor", onFilters], ["query", onFilters], ["start", onDates],
    ["end", onDates], ["selected", onSelected], ["presentation", onPresent]];
  for (const [name, f] of listeners) model.on(`change:${name}`, f);

  // -- size: the drawing follows the width of the page --------------------------------------------
  const resized = () => {
    const w = Math.floor(root.clientWidth);
    if (!w || w === S.width) return;
    S.width = w; root.classList.toggle("bb-tl--narrow", w < 900); paint("base");
  };
  const ro = new ResizeObserver(resized);
  ro.observe(root);

  buildControls(); readView(); syncControls(); writeDetails();
  S.width = Math.floor(root.clientWidth) || 800;
  root.classList.toggle("bb-tl--narrow", S.width < 900);
  paint("base");
  // For tests and benchmarks: what the page shows, without parsing pixels.
  el.bbTimeline = { inView: () => S.view.map((r) => r.id), window: () => [toIso(S.v0), toIso(S.v1)], cursor: () => S.cursor,
    title: (id) => (S.byId.get(id) || {}).title };
  return () => { ro.disconnect(); clearTimeout(syncTimer); clearTimeout(queryTimer);
    for (const [name, f] of listeners) model.off(`change:${name}`, f); };
}

export default { render };

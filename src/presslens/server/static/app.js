// presslens UI: hash routes (#/view/id?params) so every view's state is a shareable URL.
import { h, api, clear, qs, fmt, range, sizeText, externalLink, append } from "./dom.js";
import { hbars, stacked, worldMap, swatch, denseRange } from "./charts.js";
import { storyView } from "./story.js";

const main = document.getElementById("main");
const LAYERS = [
  { key: "actors", label: "Actors", table: "mentions" },
  { key: "places", label: "Places", table: "places" },
  { key: "dates", label: "Dates", table: "dates" },
  { key: "quotes", label: "Quotes", table: "quotes" },
  { key: "numbers", label: "Numbers", table: "numbers" },
  { key: "events", label: "Events", table: "events" },
];
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$/;
const cache = new Map();
let basemap = null;

// ------------------------------------------------------------------ routing
function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query] = raw.split("?", 2);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { view: parts[0] || "overview", id: parts[1] || null, params: Object.fromEntries(new URLSearchParams(query || "")) };
}

export function link(view, id, params) {
  return "#/" + view + (id ? "/" + encodeURIComponent(id) : "") + qs(params);
}

function go(view, id, params, { replace = false } = {}) {
  const url = link(view, id, params);
  if (replace) { history.replaceState(null, "", url); route(); } else location.hash = url.slice(1);
}

const story = async (id, params = {}) => show(...(await storyView(id, { link, params })));
const VIEWS = { overview, search, article, actors, actor, events, event, story, compare };

async function route() {
  const { view, id, params } = parseHash();
  for (const a of document.querySelectorAll("#nav a[data-route]")) {
    const r = a.dataset.route;
    a.classList.toggle("active", r === view || (r === "search" && view === "article") ||
      (r === "actors" && view === "actor") || (r === "events" && (view === "event" || view === "story")));
  }
  const fn = VIEWS[view];
  delete main.dataset.ready;
  if (!fn || (id !== null && !ID_RE.test(id))) show(h("div", { class: "error" }, "Unknown page."));
  else {
    try {
      await fn(id, params);
    } catch (err) {
      show(h("div", { class: "error" }, "Could not load this view: ", String(err.message || err)));
    }
  }
  main.dataset.ready = location.hash; // lets tests (and scripts) wait for this exact view
}

function show(...nodes) {
  clear(main);
  append(main, nodes);
  document.title = (main.querySelector("h1")?.textContent || "presslens") + " · presslens";
}

window.addEventListener("hashchange", route);
document.getElementById("quick").addEventListener("submit", (ev) => {
  ev.preventDefault();
  go("search", null, { q: document.getElementById("quick-q").value.trim() });
});

// ------------------------------------------------------------------ shared bits
const artLink = (id, text, params) => h("a", { href: link("article", id, params) }, text || "(untitled)");
const actorLink = (id, text) => (id && ID_RE.test(id) ? h("a", { href: link("actor", id), class: "actor-link" }, text || id) : h("span", {}, text || "?"));
const eventLink = (id, text) => h("a", { href: link("event", id) }, text);
const csvLink = (path, params, label = "Export CSV") => h("a", { class: "btn", href: "/api/" + path + qs(params), download: "" }, label);
const meta = (...bits) => h("div", { class: "meta" }, bits.filter(Boolean).map((b, i) => [i ? h("span", { class: "sep" }, "·") : null, b]));
const section = (title, ...body) => h("section", { class: "card" }, h("h2", {}, title), body);
const empty = (text) => h("p", { class: "muted" }, text);
const more = (shown, total) => (total > shown ? empty(`Newest ${fmt(shown)} of ${fmt(total)} shown; the CSV has all of them.`) : null);

function table(cols, rows) {
  return h("table", { class: "grid" },
    h("thead", {}, h("tr", {}, cols.map((c) => h("th", { class: c.num ? "num" : null }, c.label)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, cols.map((c) => h("td", { class: c.num ? "num" : null }, c.cell(r)))))));
}

// Lists page by cursor (the API's `next`, docs/ui_api.md "Pagination"): the URL keeps the cursors
// that led to the page (`after`, comma-separated), so Previous drops the last one. A deep page
// costs the server what the first does, where an offset sorted every row before it.
function trail(value) { return (value || "").split(",").filter(Boolean); }

function pager(total, back, limit, next, onGo) {
  if (total <= limit) return null;
  const pages = Math.ceil(total / limit);
  return h("div", { class: "pager" },
    h("button", { disabled: !back.length, onclick: () => onGo(back.slice(0, -1)) }, "← Previous"),
    h("span", {}, `Page ${back.length + 1} of ${pages}`),
    h("button", { disabled: !next, onclick: () => onGo([...back, next]) }, "Next →"));
}

function quoteBlock(q, { showSpeaker = true } = {}) {
  return h("div", { class: "quote" },
    h("blockquote", {}, q.text),
    h("div", { class: "meta" },
      showSpeaker ? ["— ", actorLink(q.speaker_id, q.speaker_name || q.speaker_text || "unattributed"), h("span", { class: "sep" }, "·")] : null,
      q.source, h("span", { class: "sep" }, "·"), q.published || "undated", h("span", { class: "sep" }, "·"),
      artLink(q.article_id, "in context", { sel: q.id })));
}

// ------------------------------------------------------------------ overview
async function overview() {
  const o = await api("overview");
  const c = o.counts;
  const stat = (label, n, href) => h("a", { class: "stat", href: href || "#/" }, h("span", { class: "n" }, fmt(n)), h("span", { class: "l" }, label));
  show(
    h("h1", {}, "Overview"),
    h("p", { class: "lede" }, `Store ${o.db} · `,
      ...(o.date_range.first
        ? ["articles published ", h("strong", {}, o.date_range.first), " to ", h("strong", {}, o.date_range.last || o.date_range.first)]
        : ["no publication dates found"]),
      ` · search: ${o.search === "fts" ? "full-text index" : o.search === "ilike" ? "substring" : "index building"}`),
    h("div", { class: "stats" },
      stat("pages", c.pages), stat("articles", c.articles, "#/search"), stat("sources", o.sources.length, "#/search"),
      stat("actors", c.actors, "#/actors"), stat("mentions", c.mentions), stat("places", c.places), stat("dates", c.dates),
      stat("quotes", c.quotes), stat("numbers", c.numbers), stat("events", c.events, "#/events"),
      stat("findings", c.findings, "#/compare"), stat("ingest errors", c.ingest_errors_distinct ?? c.ingest_errors)),
    h("div", { class: "cols" },
      section("Sources", table([
        { label: "Source", cell: (r) => h("a", { href: link("search", null, { source: r.source }) }, r.source) },
        { label: "Articles", num: true, cell: (r) => fmt(r.articles) },
        { label: "Pages", num: true, cell: (r) => fmt(r.pages) },
        { label: "First", cell: (r) => h("span", { class: "nowrap" }, r.first || "–") }, { label: "Last", cell: (r) => h("span", { class: "nowrap" }, r.last || "–") }], o.sources)),
      section("Most mentioned actors", o.top_actors.length ? table([
        { label: "Actor", cell: (r) => actorLink(r.id, r.name) }, { label: "Type", cell: (r) => r.type || "" },
        { label: "Mentions", num: true, cell: (r) => fmt(r.mentions) }], o.top_actors) : empty("No actors resolved yet."))),
    h("div", { class: "cols" },
      section("Events by type", o.event_types.length ? hbars(o.event_types.map((r) => ({ label: r.type, n: r.n }))) : empty("No events yet.")),
      section("Languages", o.languages && o.languages.length ? table([
        { label: "Language", cell: (r) => r.language }, { label: "Articles", num: true, cell: (r) => fmt(r.articles) },
        { label: "Layers skipped", num: true, cell: (r) => r.skipped ? fmt(r.skipped) + " (stored as text only)" : "0" }], o.languages) : empty("No articles.")),
      section("Findings", o.findings.length ? table([
        { label: "Kind", cell: (r) => h("a", { href: link("compare", null, {}) }, r.kind.replaceAll("_", " ")) },
        { label: "Count", num: true, cell: (r) => fmt(r.n) }], o.findings) : empty("No findings yet."))),
    section("Recent ingest errors", o.recent_errors.length ? [table([
      { label: "When", cell: (r) => (r.at || "").slice(0, 19) }, { label: "Problem", cell: (r) => r.problem },
      { label: "Path", cell: (r) => h("span", { class: "mono" }, r.path) }, { label: "Message", cell: (r) => r.message },
      { label: "Times", num: true, cell: (r) => fmt(r.times) }],
    o.recent_errors), csvLink("errors.csv")] : empty("None.")),
  );
}

// ------------------------------------------------------------------ search
const SEARCH_KEYS = ["q", "source", "actor", "type", "date_from", "date_to"];

async function search(_id, params) {
  const f = Object.fromEntries(SEARCH_KEYS.filter((k) => params[k]).map((k) => [k, params[k]]));
  const back = trail(params.after);
  const res = await api("articles", { ...f, limit: 25, after: back[back.length - 1] });
  const set = (k, v) => go("search", null, { ...f, [k]: v, after: null });
  const input = h("input", { type: "search", value: f.q || "", placeholder: "Words or phrases (stemmed)…", "aria-label": "Query", maxlength: 200, name: "q" });
  const from = h("input", { type: "text", value: f.date_from || "", placeholder: "from YYYY-MM-DD", size: 12, pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", name: "date_from" });
  const to = h("input", { type: "text", value: f.date_to || "", placeholder: "to YYYY-MM-DD", size: 12, pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", name: "date_to" });
  const form = h("form", { class: "searchbar", onsubmit: (ev) => { ev.preventDefault(); go("search", null, { ...f, q: input.value.trim(), date_from: from.value.trim(), date_to: to.value.trim(), after: null }); } },
    input, from, to, h("button", { type: "submit" }, "Search"));
  const actorLabels = Object.fromEntries((res.facets.actor || []).map((a) => [a.value, a.label]));
  const chips = Object.entries(f).filter(([k]) => k !== "q").map(([k, v]) =>
    h("button", { class: "chip", title: "Remove filter", onclick: () => set(k, null) }, `${k.replace("_", " ")}: ${k === "actor" ? actorLabels[v] || v : v} ×`));
  const facet = (title, key, rows, label = (r) => r.value) => h("div", { class: "facet" }, h("h3", {}, title),
    rows.length ? h("ul", {}, rows.map((r) => h("li", { class: f[key] === r.value ? "on" : null },
      h("a", { href: link("search", null, { ...f, [key]: r.value, after: null }) }, label(r)), h("span", { class: "count" }, fmt(r.n))))) : empty("–"));
  const results = res.rows.map((r) => h("article", { class: "hit" },
    h("h3", {}, artLink(r.id, r.title)),
    meta(r.source, r.published || "undated", r.byline),
    h("p", { class: "snippet" }, (r.snippet || []).map((sg) => (sg.hit ? h("mark", {}, sg.text) : sg.text)))));
  const months = res.facets.month || [];
  show(
    h("h1", {}, f.q ? `Articles matching “${f.q}”` : "Articles"),
    form,
    h("div", { class: "toolbar" }, h("span", { class: "muted" }, `${fmt(res.total)} article(s)`), chips, h("span", { class: "grow" }),
      csvLink("articles.csv", f, "Export all rows (CSV)")),
    h("div", { class: "with-side" },
      h("aside", { class: "facets" },
        facet("Source", "source", res.facets.source),
        facet("Actor", "actor", res.facets.actor, (r) => r.label),
        facet("Event type", "type", res.facets.type),
        months.length ? h("div", { class: "facet" }, h("h3", {}, "Month"), h("ul", {}, months.slice(-24).reverse().map((r) => h("li", {},
          h("a", { href: link("search", null, { ...f, date_from: r.value, date_to: r.value, after: null }) }, r.value), h("span", { class: "count" }, fmt(r.n)))))) : null),
      h("div", { class: "results" }, results.length ? results : empty("No articles match."),
        pager(res.total, back, 25, res.next, (t) => go("search", null, { ...f, after: t })))),
  );
}

// ------------------------------------------------------------------ article reader
function spansOf(art, on) {
  const out = [];
  const add = (layer, it, start, end, kind = "main") => { if (on.has(layer) && end > start) out.push({ layer, it, start, end, kind }); };
  art.mentions.forEach((m) => add("actors", m, m.start, m.end));
  art.places.forEach((p) => add("places", p, p.start, p.end));
  art.dates.forEach((d) => add("dates", d, d.start, d.end));
  art.quotes.forEach((q) => {
    add("quotes", q, q.start, q.end);
    if (q.speaker_start !== null && q.speaker_end !== null) add("quotes", q, q.speaker_start, q.speaker_end, "speaker");
  });
  art.numbers.forEach((n) => add("numbers", n, n.start, n.end));
  art.events.forEach((e) => add("events", e, e.start, e.end));
  return out;
}

function describe(art, sp) {
  const it = sp.it, A = art.actors;
  const name = (id) => (A[id] && A[id].name) || id;
  switch (sp.layer) {
    case "actors": return it.actor_id ? `Actor: ${name(it.actor_id)} (${it.label}, via ${it.method || "?"})` : `Unresolved ${it.label} name`;
    case "places": return `Place: ${it.name || "unresolved"}${it.country ? ", " + it.country : ""}${it.lat !== null ? ` (${it.lat.toFixed(2)}, ${it.lon.toFixed(2)})` : ""}`;
    case "dates": return `Date: ${it.value || "unresolved"}${it.precision ? " (" + it.precision + ")" : ""}${it.valid ? "" : " — impossible date"}`;
    case "quotes": return sp.kind === "speaker" ? `Speaker of a ${it.kind} quote: ${it.speaker_id ? name(it.speaker_id) : it.speaker_text || "?"}` : `${it.kind} quote by ${it.speaker_id ? name(it.speaker_id) : it.speaker_text || "unattributed"}`;
    case "numbers": return `Number: ${range(it.low, it.high)}${it.counts ? " " + it.counts : ""}${it.approx ? " (approx.)" : ""}`;
    case "events": return `Event: ${it.type}${it.status && it.status !== "reported" ? " (" + it.status + ")" : ""}`;
    default: return sp.layer;
  }
}

function inspectorCard(art, sp) {
  const it = sp.it, A = art.actors;
  const row = (k, v) => (v === null || v === undefined || v === "" ? null : h("div", { class: "kv" }, h("span", { class: "k" }, k), h("span", { class: "v" }, v)));
  const body = [];
  if (sp.layer === "actors") {
    const a = A[it.actor_id];
    body.push(row("Resolved to", it.actor_id ? actorLink(it.actor_id, a ? a.name : it.actor_id) : "not resolved"),
      row("Type", a ? a.type : it.label), row("Method", it.method), row("Part", it.role),
      a && a.provisional ? row("Note", "provisional actor (not in the registry)") : null);
  } else if (sp.layer === "places") {
    body.push(row("Place", it.name || "unresolved"), row("Country", it.country), row("Admin region", it.admin1),
      row("Coordinates", it.lat !== null ? `${it.lat.toFixed(4)}, ${it.lon.toFixed(4)}` : null), row("GeoNames id", it.geonameid), row("Precision", it.precision));
  } else if (sp.layer === "dates") {
    body.push(row("Value", it.value || "unresolved"), row("Precision", it.precision), row("Relative", it.relative ? `yes, anchored on ${it.anchor || "?"}` : "no"),
      it.valid ? null : row("Problem", "this date cannot exist"));
  } else if (sp.layer === "quotes") {
    body.push(row("Kind", it.kind), row("Speaker", it.speaker_id ? actorLink(it.speaker_id, (A[it.speaker_id] || {}).name || it.speaker_text) : it.speaker_text || "unattributed"),
      row("Speaker as written", it.speaker_text), row("Cue", it.cue), h("blockquote", {}, it.text));
  } else if (sp.layer === "numbers") {
    body.push(row("Value", range(it.low, it.high)), row("Counts", it.counts), row("Approximate", it.approx ? "yes" : "no"),
      it.event_id ? row("Event", eventLink(it.event_id, "open event")) : null);
  } else if (sp.layer === "events") {
    const names = (ids) => (ids || []).map((id, i) => [i ? ", " : "", actorLink(id, (A[id] || {}).name || id)]);
    body.push(row("Type", it.type), row("Status", it.status), row("Mode", it.mode), row("Actors", (it.actors || []).length ? h("span", {}, names(it.actors)) : "—"),
      row("Recipients", (it.recipients || []).length ? h("span", {}, names(it.recipients)) : "—"), row("Place", it.place_name), row("Country", it.country),
      row("Date", it.date), row("Figures", sizeText(it.size)), row("Claimed by", it.claimed_by ? actorLink(it.claimed_by, (A[it.claimed_by] || {}).name) : null),
      row("Rules", ruleList(it.rules)), row("Open", eventLink(it.id, "event page and other reports →")));
  }
  return h("div", { class: `inspect l-${sp.layer}` },
    h("div", { class: "ihead" }, swatchFor(sp.layer), h("strong", {}, LAYERS.find((l) => l.key === sp.layer).label), h("span", { class: "muted" }, ` · chars ${sp.start}–${sp.end}`)),
    h("div", { class: "itext" }, art.text.slice(sp.start - art.text_offset, sp.end - art.text_offset)),
    body);
}

function swatchFor(layer) { return h("span", { class: `lsw l-${layer}` }); }

function renderRange(art, spans, start, end, onPick) {
  const frag = [];
  const inside = spans.filter((sp) => sp.start < end && sp.end > start);
  const cuts = new Set([start, end]);
  inside.forEach((sp) => { cuts.add(Math.max(start, sp.start)); cuts.add(Math.min(end, sp.end)); });
  const points = [...cuts].sort((a, b) => a - b);
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    const text = art.text.slice(a - art.text_offset, b - art.text_offset);
    const active = inside.filter((sp) => sp.start <= a && sp.end >= b);
    if (!active.length) { frag.push(text); continue; }
    const cls = ["hl", ...new Set(active.map((sp) => "l-" + sp.layer + (sp.kind === "speaker" ? " speaker" : "")))].join(" ");
    const el = h("span", { class: cls, tabindex: 0, title: active.map((sp) => describe(art, sp)).join("\n"), "data-ids": active.map((sp) => sp.it.id).join(" ") }, text);
    el.addEventListener("click", () => onPick(active));
    el.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onPick(active); });
    frag.push(el);
  }
  return frag;
}

async function article(id, params) {
  let art = cache.get(id);
  if (!art) { art = await api("articles/" + encodeURIComponent(id)); cache.set(id, art); }
  const on = new Set((params.layers ?? LAYERS.map((l) => l.key).join(",")).split(",").filter((k) => LAYERS.some((l) => l.key === k)));
  const spans = spansOf(art, on);
  const inspector = h("div", { class: "inspector", "aria-live": "polite" });
  const setParams = (p) => go("article", id, { ...params, ...p }, { replace: true });
  const pick = (active) => {
    clear(inspector);
    append(inspector, active.map((sp) => inspectorCard(art, sp)));
    const first = active[0];
    if (first && params.sel !== first.it.id) history.replaceState(null, "", link("article", id, { ...params, sel: first.it.id }));
    for (const el of main.querySelectorAll(".hl.selected")) el.classList.remove("selected");
    for (const el of main.querySelectorAll(".hl")) if (active.some((sp) => el.dataset.ids.split(" ").includes(sp.it.id))) el.classList.add("selected");
  };
  const parts = [...(art.parts || [])].sort((a, b) => a.start - b.start);
  const byRole = (...roles) => parts.filter((p) => roles.includes(p.role));
  const bodyParts = byRole("body", "heading", "dateline");
  const block = (p) => {
    const tag = p.role === "heading" ? "h3" : "p";
    return h(tag, { class: "part " + p.role, dataset: { role: p.role } }, renderRange(art, spans, p.start, p.end, pick));
  };
  const body = bodyParts.length ? bodyParts.map(block) : [h("p", { class: "part body" }, renderRange(art, spans, art.body_start, art.body_end, pick))];
  const captions = byRole("caption");
  const apart = byRole("boilerplate", "related_link", "header");
  const counts = Object.fromEntries(LAYERS.map((l) => [l.key, (art[l.table] || []).length]));
  const toggles = h("div", { class: "layers", role: "group", "aria-label": "Layers" }, LAYERS.map((l) => {
    const cb = h("input", { type: "checkbox", checked: on.has(l.key), name: "layer-" + l.key, onchange: () => {
      const next = new Set(on); if (cb.checked) next.add(l.key); else next.delete(l.key);
      setParams({ layers: LAYERS.map((x) => x.key).filter((k) => next.has(k)).join(",") || "none", sel: null });
    } });
    return h("label", { class: "layer-toggle" }, cb, swatchFor(l.key), `${l.label} `, h("span", { class: "count" }, fmt(counts[l.key])));
  }));
  const quotes = art.quotes.length ? h("div", { class: "side-list" }, h("h3", {}, "Quotes in this article"),
    art.quotes.map((q) => h("div", { class: "mini-quote" }, h("a", { href: link("article", id, { ...params, sel: q.id }) }, "“" + (q.text.length > 120 ? q.text.slice(0, 119) + "…" : q.text) + "”"),
      h("div", { class: "meta" }, "— ", actorLink(q.speaker_id, (art.actors[q.speaker_id] || {}).name || q.speaker_text || "unattributed"))))) : null;
  show(
    h("div", { class: "crumbs" }, h("a", { href: "#/search" }, "Articles"), " / ", h("a", { href: link("search", null, { source: art.source }) }, art.source)),
    h("div", { class: "reader-grid" },
      h("div", { class: "reader" },
        h("h1", { class: "title" }, art.title || "(untitled)"),
        meta(art.byline, art.dateline, art.published || "undated", art.source, art.language ? "language: " + art.language : null),
        art.skipped && art.skipped.length ? h("div", { class: "notice skipped-layers" },
          `Written in a language the NLP layers do not analyse (${art.language || "?"}): stored as text, layers skipped: ${art.skipped.join(", ")}.`) : null,
        h("div", { class: "meta small" }, "Original: ", art.url ? externalLink(art.url) : "—", h("span", { class: "sep" }, "·"),
          h("span", { class: "mono" }, `article ${art.id} · page chars ${art.start}–${art.end}`)),
        art.tags && art.tags.length ? h("div", { class: "tags" }, art.tags.map((t) => h("span", { class: "tag" }, t))) : null,
        toggles,
        h("div", { class: "body" }, body),
        captions.length ? h("div", { class: "apart captions" }, h("h3", {}, "Captions"), captions.map((p) => h("figure", {}, h("figcaption", {}, renderRange(art, spans, p.start, p.end, pick))))) : null,
        apart.length ? h("details", { class: "apart", open: true }, h("summary", {}, `Set apart from the article: boilerplate and related links (${apart.length})`),
          apart.map((p) => h("p", { class: "part " + p.role }, h("span", { class: "role" }, p.role.replace("_", " ")), renderRange(art, spans, p.start, p.end, pick)))) : null,
        h("div", { class: "toolbar" }, csvLink(`articles/${encodeURIComponent(id)}/items.csv`, {}, "Export this article's spans (CSV)"))),
      h("aside", { class: "side" }, h("h2", {}, "Details"), inspector, quotes)),
  );
  clear(inspector).append(empty("Click a highlighted span to see what it was resolved to."));
  if (params.sel) {
    const chosen = spans.filter((sp) => sp.it.id === params.sel);
    if (chosen.length) {
      pick(chosen.filter((sp) => sp.kind === "main").length ? chosen.filter((sp) => sp.kind === "main") : chosen);
      main.querySelector(".hl.selected")?.scrollIntoView({ block: "center" });
    }
  }
}

// ------------------------------------------------------------------ actors
async function actors(_id, params) {
  const f = { q: params.q || null, type: params.type || null };
  const back = trail(params.after);
  const res = await api("actors", { ...f, limit: 50, after: back[back.length - 1] });
  const input = h("input", { type: "search", value: f.q || "", placeholder: "Name or alias…", name: "q" });
  show(
    h("h1", {}, "Actors"),
    h("form", { class: "searchbar", onsubmit: (ev) => { ev.preventDefault(); go("actors", null, { ...f, q: input.value.trim() }); } }, input, h("button", { type: "submit" }, "Filter")),
    h("div", { class: "toolbar" }, h("span", { class: "muted" }, `${fmt(res.total)} actor(s)`),
      res.facets.type.map((t) => h("a", { class: "chip" + (f.type === t.value ? " on" : ""), href: link("actors", null, { ...f, type: f.type === t.value ? null : t.value }) }, `${t.value} ${fmt(t.n)}`)),
      h("span", { class: "grow" }), csvLink("actors.csv", f, "Export mentions (CSV)")),
    table([
      { label: "Actor", cell: (r) => h("span", {}, actorLink(r.id, r.name), r.provisional ? h("span", { class: "badge" }, "provisional") : null) },
      { label: "Type", cell: (r) => r.type }, { label: "Country", cell: (r) => r.country || "" },
      { label: "Mentions", num: true, cell: (r) => fmt(r.mentions) }, { label: "Articles", num: true, cell: (r) => fmt(r.articles) },
      { label: "Sources", num: true, cell: (r) => fmt(r.sources) }, { label: "Quotes", num: true, cell: (r) => fmt(r.quotes) }], res.rows),
    pager(res.total, back, 50, res.next, (t) => go("actors", null, { ...f, after: t })),
  );
}

// Register colours: a property of the registry entry (who uses a name), not a judgement.
const REGISTER_COLOURS = { self: "#59a14f", neutral: "#4e79a7", hostile: "#e15759", unlisted: "#9c9c9c" };

function namingPanel(a, id) {
  const rows = a.naming || [];
  if (!rows.length) return section("Naming by source", empty("No mentions."));
  const totals = new Map();
  for (const r of rows) {
    const t = totals.get(r.name) || { label: r.name, n: 0, register: r.register };
    t.n += r.mentions; totals.set(r.name, t);
  }
  const bars = [...totals.values()].sort((x, y) => y.n - x.n).slice(0, 20)
    .map((t) => ({ ...t, color: REGISTER_COLOURS[t.register] || REGISTER_COLOURS.unlisted, cls: "reg-" + t.register }));
  const legend = h("div", { class: "legend" }, Object.keys(REGISTER_COLOURS).map((k) =>
    h("span", { class: "legend-item" }, h("span", { class: "swatch reg-" + k }), k)));
  return section("Naming by source",
    h("p", { class: "muted small" }, "Each name a source uses for this actor, with the register the registry records for it (self: the actor's own name; neutral; hostile: a label its opponents use; unlisted: not in the registry). The tool reports names; it does not rate them."),
    legend, hbars(bars, { labelWidth: 220 }),
    h("div", { class: "naming-table" }, table([
      { label: "Source", cell: (r) => r.source },
      { label: "Name", cell: (r) => h("span", { class: "name-use" }, r.name) },
      { label: "Register", cell: (r) => h("span", { class: "register reg-" + r.register }, r.register) },
      { label: "Used by", cell: (r) => (r.used_by || []).map((u, i) => [i ? ", " : "", actorLink(u, u)]) },
      { label: "Mentions", num: true, cell: (r) => fmt(r.mentions) },
      { label: "Articles", num: true, cell: (r) => fmt(r.articles) },
      { label: "First seen", cell: (r) => r.first_seen || "–" }, { label: "Last seen", cell: (r) => r.last_seen || "–" },
      { label: "Mentions", cell: (r) => h("span", {}, artLink(r.first_article_id, "first use", { sel: r.first_mention_id, layers: "actors" }), " · ",
        h("a", { href: link("search", null, { actor: id, source: r.source === "(unknown)" ? null : r.source }) }, "all articles")) },
    ], rows)),
    csvLink(`actors/${encodeURIComponent(id)}/naming.csv`, {}, "Export naming (CSV)"));
}

async function actor(id) {
  const a = await api("actors/" + encodeURIComponent(id));
  const sources = [...new Set(a.names_by_source.map((r) => r.source))];
  const namesTable = h("table", { class: "grid" }, h("thead", {}, h("tr", {}, h("th", { class: "nowrap" }, "Source"), h("th", {}, "Names used (mentions)"))),
    h("tbody", {}, sources.map((src) => h("tr", {}, h("td", { class: "nowrap" }, src), h("td", {},
      a.names_by_source.filter((r) => r.source === src).map((r) => h("span", { class: "name-use" }, r.name, h("span", { class: "count" }, fmt(r.n)))))))));
  const evRows = a.events;
  show(
    h("div", { class: "crumbs" }, h("a", { href: "#/actors" }, "Actors")),
    h("h1", {}, a.name),
    meta(a.type, a.country, a.affiliation, a.wikidata ? "Wikidata " + a.wikidata : null, a.provisional ? "provisional (not in the registry)" : "registry entry"),
    a.aliases && a.aliases.length ? h("div", { class: "tags" }, h("span", { class: "muted" }, "Aliases: "), a.aliases.map((x) => h("span", { class: "tag" }, x))) : null,
    h("div", { class: "cols" },
      section("Mentions per source", a.mentions_by_source.length ? hbars(a.mentions_by_source.map((r) => ({ label: r.source, n: r.n }))) : empty("No mentions.")),
      section("Names used per source", sources.length ? [namesTable, csvLink(`actors/${encodeURIComponent(id)}/names.csv`)] : empty("No mentions."))),
    namingPanel(a, id),
    section(`Quotes by ${a.name} (${fmt(a.quotes_by_total)})`, a.quotes_by.length ? [a.quotes_by.map((q) => quoteBlock(q, { showSpeaker: false })),
      more(a.quotes_by.length, a.quotes_by_total), csvLink(`actors/${encodeURIComponent(id)}/quotes.csv`, { rel: "by" })] : empty("None found.")),
    section(`Quotes mentioning ${a.name} (${fmt(a.quotes_about_total)})`, a.quotes_about.length ? [a.quotes_about.map((q) => quoteBlock(q)),
      more(a.quotes_about.length, a.quotes_about_total), csvLink(`actors/${encodeURIComponent(id)}/quotes.csv`, { rel: "about" })] : empty("None found.")),
    section(`Events as actor or recipient (${fmt(a.events_total)})`, evRows.length ? [eventTable(evRows, id), more(evRows.length, a.events_total),
      csvLink(`actors/${encodeURIComponent(id)}/events.csv`)] : empty("None found.")),
    section(`Articles mentioning ${a.name}`, a.articles.length ? table([
      { label: "Title", cell: (r) => artLink(r.id, r.title) }, { label: "Source", cell: (r) => r.source },
      { label: "Published", cell: (r) => r.published || "–" }, { label: "Mentions", num: true, cell: (r) => fmt(r.mentions) }], a.articles.slice(0, 50)) : empty("None.")),
  );
}

// ------------------------------------------------------------------ events
function eventTable(rows, actorId) {
  const names = (ids, labels) => (ids || []).map((x, i) => [i ? ", " : "", actorLink(x, labels[i])]);
  return table([
    { label: "Date", cell: (r) => h("span", { class: r.date_from_article ? "muted" : null, title: r.date_from_article ? "article date (event date unknown)" : null }, r.date || "–") },
    { label: "Type", cell: (r) => eventLink(r.id, r.type) },
    actorId ? { label: "Role", cell: (r) => r.as } : null,
    { label: "Actors → recipients", cell: (r) => h("span", {}, names(r.actors, r.actor_names), (r.recipients || []).length ? " → " : "", names(r.recipients, r.recipient_names)) },
    { label: "Place", cell: (r) => [r.place_name, r.country].filter(Boolean).join(", ") },
    { label: "Figures", cell: (r) => sizeText(r.size) },
    { label: "Source", cell: (r) => artLink(r.article_id, r.source, { sel: r.id, layers: "events,actors,places,numbers" }) },
    { label: "Evidence", cell: (r) => h("span", { class: "evidence" }, r.text.length > 140 ? r.text.slice(0, 139) + "…" : r.text) },
  ].filter(Boolean), rows);
}

async function events(_id, params) {
  const f = Object.fromEntries(["type", "source", "country", "actor", "date_from", "date_to", "q"].filter((k) => params[k]).map((k) => [k, params[k]]));
  const by = params.by === "source" ? "source" : "type";
  const back = trail(params.after);
  if (!basemap) { try { basemap = await (await fetch("/static/basemap.json")).json(); } catch { basemap = null; } }
  const [res, tl, mp] = await Promise.all([api("events", { ...f, limit: 50, after: back[back.length - 1] }), api("events/timeline", { ...f, by }), api("events/map", f)]);
  const nav = (p) => go("events", null, { ...f, by: by === "type" ? null : by, ...p, after: null });
  const pointList = h("div", { class: "point-list" });
  const onPoint = (p) => {
    clear(pointList).append(h("h3", {}, `${p.place || "?"} (${p.country || "?"}) · ${fmt(p.n)} event(s)`),
      h("ul", {}, p.event_ids.map((eid) => h("li", {}, eventLink(eid, eid)))),
      p.n > p.event_ids.length ? empty("First 50 shown.") : null);
  };
  const facet = (title, key, rows) => h("div", { class: "facet" }, h("h3", {}, title), h("ul", {}, rows.map((r) => h("li", { class: f[key] === r.value ? "on" : null },
    h("a", { href: link("events", null, { ...f, [key]: f[key] === r.value ? null : r.value }) }, r.value), h("span", { class: "count" }, fmt(r.n))))));
  const chips = Object.entries(f).map(([k, v]) => h("button", { class: "chip", onclick: () => nav({ [k]: null }) }, `${k.replace("_", " ")}: ${v} ×`));
  show(
    h("h1", {}, "Events"),
    h("div", { class: "toolbar" }, h("span", { class: "muted" }, `${fmt(res.total)} event report(s)`), chips, h("span", { class: "grow" }), csvLink("events.csv", f, "Export all rows (CSV)")),
    h("div", { class: "with-side" },
      h("aside", { class: "facets" }, facet("Type", "type", res.facets.type), facet("Source", "source", res.facets.source), facet("Country", "country", res.facets.country)),
      h("div", { class: "results" },
        section("Volume over time",
          h("div", { class: "seg" }, "Colour by: ",
            h("button", { class: by === "type" ? "on" : null, onclick: () => nav({ by: null }) }, "type"),
            h("button", { class: by === "source" ? "on" : null, onclick: () => nav({ by: "source" }) }, "source")),
          timeline(tl.rows, params.span === "all", (all) => go("events", null, { ...f, by: by === "type" ? null : by, span: all ? "all" : null })),
          tl.undated ? empty(`${fmt(tl.undated)} undated event(s) not shown.`) : null),
        section("Where", worldMap(basemap, mp.points, { onPoint, countries: mp.countries || [] }),
          h("p", { class: "muted small" }, `${fmt(mp.points.reduce((a, p) => a + p.n, 0))} event(s) at ${fmt(mp.points.length)} place(s), `,
            `${fmt((mp.countries || []).reduce((a, p) => a + p.n, 0))} placed only by country (hollow rings, at the country's populated centre); ${fmt(mp.unlocated)} with no place. `,
            "Nearby places are grouped into one numbered circle. Basemap: coarse populated land from GeoNames (1° cells). Click a circle to list its events."), pointList),
        section("Reports", eventTable(res.rows), pager(res.total, back, 50, res.next, (t) => go("events", null, { ...f, by: by === "type" ? null : by, after: t }))))),
  );
}

// The events timeline, zoomed to where the data is; the periods left out are counted, one click away.
function timeline(rows, showAll, toggle) {
  if (!rows.length) return empty("No dated events.");
  const dense = denseRange(rows);
  if (!dense) return stacked(rows);
  let shown = showAll ? rows : rows.filter((r) => dense.key(r.period) >= dense.from && dense.key(r.period) <= dense.to);
  // A zoomed span of months is drawn by month; events dated only by a year in it are counted.
  const yearOnly = showAll || dense.to.length < 7 ? 0 : shown.filter((r) => dense.key(r.period).length < 7).reduce((a, r) => a + r.n, 0);
  if (yearOnly) shown = shown.filter((r) => dense.key(r.period).length >= 7);
  const note = showAll
    ? h("p", { class: "muted small zoom-note" }, `All dates, ${dense.first} to ${dense.last}. `, h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); toggle(false); } }, `Zoom to ${dense.from} – ${dense.to}`), ", where most events fall.")
    : h("p", { class: "muted small zoom-note" }, `Zoomed to ${dense.from} – ${dense.to}, where most events fall; `,
      `${fmt(dense.before)} earlier (from ${dense.first}) and ${fmt(dense.after)} later (to ${dense.last}) not drawn`,
      yearOnly ? `, nor ${fmt(yearOnly)} dated only by their year. ` : ". ",
      h("a", { href: "#", onclick: (ev) => { ev.preventDefault(); toggle(true); } }, "Show all dates"));
  return [stacked(shown), note];
}

// The named rules that produced an event (provenance, docs/events.md), as one line of text.
const ruleList = (rules) => (Array.isArray(rules) && rules.length ? rules.join(", ") : null);

async function event(id) {
  const e = await api("events/" + encodeURIComponent(id));
  const keys = [...new Set(e.reports.flatMap((r) => Object.keys(r.size || {})))].sort();
  const names = (ids, labels) => (ids || []).map((x, i) => [i ? ", " : "", actorLink(x, labels[i])]);
  show(
    h("div", { class: "crumbs" }, h("a", { href: "#/events" }, "Events"), " / ", h("a", { href: link("events", null, { type: e.type }) }, e.type)),
    h("h1", {}, `${e.type}${e.place_name ? " in " + e.place_name : ""}${e.date ? ", " + e.date : ""}`),
    meta(e.status, e.mode, e.country, e.canonical_id ? `reported ${e.reports.length} time(s)` : "single report",
      h("a", { href: link("story", e.canonical_id || e.id), class: "story-link" }, "Side by side by source")),
    section("What this report says",
      h("blockquote", { class: "evidence" }, e.text),
      h("div", { class: "kvs" },
        h("div", { class: "kv" }, h("span", { class: "k" }, "Actors"), h("span", { class: "v" }, names(e.actors, e.actor_names).length ? names(e.actors, e.actor_names) : "—")),
        h("div", { class: "kv" }, h("span", { class: "k" }, "Recipients"), h("span", { class: "v" }, names(e.recipients, e.recipient_names).length ? names(e.recipients, e.recipient_names) : "—")),
        // Generic sector agents ("Police") of the slots no named party fills (docs/actors.md).
        ((e.actor_agents || []).length || (e.recipient_agents || []).length) ? h("div", { class: "kv" }, h("span", { class: "k" }, "Sector parties"), h("span", { class: "v" }, names(e.actor_agents, e.actor_agent_names || []), (e.recipient_agents || []).length ? " → " : "", names(e.recipient_agents, e.recipient_agent_names || []))) : null,
        h("div", { class: "kv" }, h("span", { class: "k" }, "Claimed by"), h("span", { class: "v" }, e.claimed_by ? actorLink(e.claimed_by, e.claimed_by_name) : "the source itself")),
        h("div", { class: "kv" }, h("span", { class: "k" }, "Figures"), h("span", { class: "v" }, sizeText(e.size) || "—")),
        h("div", { class: "kv" }, h("span", { class: "k" }, "Rules"), h("span", { class: "v rules" }, ruleList(e.rules) || "—")),
        h("div", { class: "kv" }, h("span", { class: "k" }, "Source"), h("span", { class: "v" }, e.source, " · ", artLink(e.article_id, e.title, { sel: e.id })))),
    ),
    section(`Every report of this event (${e.reports.length})`,
      table([
        { label: "Source", cell: (r) => r.source },
        { label: "Date", cell: (r) => r.date || "–" },
        ...keys.map((k) => ({ label: k, num: true, cell: (r) => (r.size && r.size[k] ? range(r.size[k][0], r.size[k][1]) : "–") })),
        { label: "Numbers in text", cell: (r) => r.numbers.map((n) => n.text).join("; ") || "–" },
        { label: "Evidence", cell: (r) => h("span", { class: "evidence" }, r.text) },
        { label: "", cell: (r) => artLink(r.article_id, r.id === e.id ? "this report" : "read", { sel: r.id }) }], e.reports)),
  );
}

// ------------------------------------------------------------------ comparison
async function compare(_id, params = {}) {
  const c = await api("compare");
  // Findings come a page at a time from /api/findings (a store may hold many thousands).
  const fback = trail(params.fafter);
  const fpage = await api("findings", { limit: 50, after: fback[fback.length - 1] });
  // One column per report (source, date, article), at most PER_TABLE side by side so a table
  // fits the screen; more reports continue in the next table. Rows are the figures reported.
  const PER_TABLE = 4;
  const conflict = (g) => {
    const reps = g.reports;
    const chunks = [];
    for (let i = 0; i < reps.length; i += PER_TABLE) chunks.push(reps.slice(i, i + PER_TABLE));
    const head = (r, i) => h("th", { class: "report", scope: "col" },
      h("span", { class: "rep-n" }, `Report ${i + 1}`), " ", artLink(r.article_id, r.source, { sel: r.id }),
      h("div", { class: "rep-meta" }, r.published || "undated"),
      h("div", { class: "rep-title", title: r.title || "" }, r.title || ""));
    return h("div", { class: "conflict" },
      h("h3", {}, eventLink(reps[0].id, `${g.type} · ${reps[0].place_name || "?"} · ${reps[0].date || "?"}`), h("span", { class: "muted" }, ` — ${reps.length} reports of one event; the figures they give for ${g.differing.join(", ")} differ · `),
        h("a", { href: link("story", g.canonical_id), class: "story-link" }, "side by side")),
      chunks.map((part, c) => h("table", { class: "grid side-by-side" },
        h("caption", { class: "muted small" }, c === 0 ? "Each column is one report of this event: its source, publication date and article. Each row is a figure the reports give; ≠ marks a figure they disagree on." : `Reports ${c * PER_TABLE + 1}–${c * PER_TABLE + part.length} of ${reps.length}`),
        h("colgroup", {}, h("col", { class: "rowhead" }), part.map(() => h("col", {}))),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "figure"), part.map((r, i) => head(r, c * PER_TABLE + i)))),
        h("tbody", {},
          g.keys.map((k) => h("tr", { class: g.differing.includes(k) ? "differs" : null }, h("th", { scope: "row" }, (g.differing.includes(k) ? "≠ " : "") + k),
            part.map((r) => h("td", { class: "num" }, r.size && r.size[k] ? range(r.size[k][0], r.size[k][1]) : "–")))),
          h("tr", {}, h("th", { scope: "row" }, "evidence"), part.map((r) => h("td", { class: "evidence" }, r.text)))))));
  };
  const multi = (g) => h("div", { class: "conflict" },
    h("blockquote", {}, g.text),
    h("p", { class: "muted" }, `Attributed to ${g.speakers.length} different speakers:`),
    h("ul", { class: "attrib" }, g.quotes.map((q) => h("li", {}, actorLink(q.speaker_id, q.speaker_name || q.speaker_text), h("span", { class: "muted" }, " in "),
      artLink(q.article_id, q.source, { sel: q.id }), h("span", { class: "muted" }, ` · ${q.published || "undated"}`)))));
  const kinds = [...new Set(fpage.rows.map((f) => f.kind))];
  show(
    h("h1", {}, "Compare sources"),
    h("p", { class: "lede" }, "Where reports of the same thing differ. Nothing here says which account is right; each row links to its source text."),
    section(`Conflicting figures (${fmt(c.totals.conflicts)})`, c.conflicts.length ? [c.conflicts.map(conflict), more(c.conflicts.length, c.totals.conflicts), csvLink("compare.csv", { section: "conflicts" })] : empty("No canonical event has conflicting figures.")),
    section(`Quotes with more than one speaker (${fmt(c.totals.multi_speaker_quotes)})`, c.multi_speaker_quotes.length ? [c.multi_speaker_quotes.map(multi), more(c.multi_speaker_quotes.length, c.totals.multi_speaker_quotes), csvLink("compare.csv", { section: "quotes" })] : empty("None found.")),
    section(`Findings (${fmt(fpage.total)})`, kinds.length ? [kinds.map((k) => h("div", { class: "finding-kind" }, h("h3", {}, k.replaceAll("_", " ")),
      fpage.rows.filter((f) => f.kind === k).map((f) => h("div", { class: "finding" }, h("p", {}, f.detail),
        h("ul", {}, (f.refs || []).map((r) => h("li", {}, h("q", {}, r.text), h("span", { class: "muted" }, " — "), artLink(r.article_id, r.source || r.article_id, { sel: r.item_id || null }))))))) ),
    pager(fpage.total, fback, 50, fpage.next, (t) => go("compare", null, { fafter: t })),
    csvLink("compare.csv", { section: "findings" })] : empty("No findings.")),
  );
}

route();
export { swatch };

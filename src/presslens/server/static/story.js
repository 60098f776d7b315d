// The story view (#/story/<event or canonical id>): one event's reports side by side, one column
// per source. Fields the sources disagree on are marked ≠ and highlighted; passages other
// outlets carry too are marked as copied. Nothing here says which report is right.
import { h, api, fmt, range } from "./dom.js";

const FIELD_LABEL = (k) => (k.startsWith("size.") ? k.slice(5) : k);

function kv(label, value, differs) {
  return h("div", { class: "kv" + (differs ? " differs" : "") },
    h("span", { class: "k" }, (differs ? "≠ " : "") + label),
    h("span", { class: "v" }, value));
}

function actorsCell(list, link) {
  if (!list.length) return "—";
  return h("ul", { class: "plain" }, list.map((a) => h("li", {},
    h("a", { href: link("actor", a.id), class: "actor-link" }, a.name),
    a.as_written.length && !(a.as_written.length === 1 && a.as_written[0] === a.name)
      ? h("span", { class: "as-written" }, " as ", a.as_written.map((w, i) => [i ? ", " : "", h("q", {}, w)]))
      : null)));
}

// Text starting at page offset `start`, with the parts that copy findings cover marked.
function withCopies(text, start, copied) {
  const cuts = copied.map((c) => [Math.max(c.start, start) - start, Math.min(c.end, start + text.length) - start])
    .filter(([a, b]) => a < b).sort((x, y) => x[0] - y[0]);
  if (!cuts.length) return text;
  const out = [];
  let at = 0;
  for (const [a, b] of cuts) {
    if (a < at) continue;
    out.push(text.slice(at, a), h("mark", { class: "copied" }, text.slice(a, b)));
    at = b;
  }
  out.push(text.slice(at));
  return out;
}

function reportCard(r, keys, link) {
  const d = new Set(r.differs);
  const art = (text, sel) => h("a", { href: link("article", r.article_id, sel ? { sel } : undefined) }, text);
  return h("article", { class: "story-report" },
    h("div", { class: "meta" }, r.published || "undated", h("span", { class: "sep" }, "·"), art(r.title || "(untitled)", r.id)),
    kv("date", r.date ? r.date + (r.date_from_article ? " (article date)" : "") : "—", d.has("date")),
    kv("place", r.place_name ? r.place_name + (r.country ? ` (${r.country})` : "") : "—", d.has("place")),
    keys.map((k) => kv(FIELD_LABEL(k), r.size && r.size[k.slice(5)] ? range(r.size[k.slice(5)][0], r.size[k.slice(5)][1]) : "—", d.has(k))),
    kv("figures in text", r.numbers.length ? r.numbers.map((n) => n.text).join("; ") : "—", false),
    kv("actors", actorsCell(r.actors_written, link), false),
    r.recipients_written.length ? kv("recipients", actorsCell(r.recipients_written, link), false) : null,
    h("blockquote", { class: "evidence" }, withCopies(r.text, r.start, r.copied)));
}

// One article's quotes and copied passages, shown once after its reports (an article that tells the
// act twice, headline and body, would otherwise repeat them under each report).
function articleExtras(reports, link) {
  const r0 = reports[0];
  const art = (text, sel) => h("a", { href: link("article", r0.article_id, sel ? { sel } : undefined) }, text);
  const uniq = (xs, key) => [...new Map(xs.map((x) => [key(x), x])).values()].sort((a, b) => a.start - b.start);
  const quotes = uniq(reports.flatMap((r) => r.quotes), (q) => q.id);
  const copied = uniq(reports.flatMap((r) => r.copied), (c) => `${c.start}-${c.end}`);
  return [
    quotes.length ? h("div", { class: "story-quotes" }, h("div", { class: "k" }, "quotes"),
      quotes.map((q) => h("div", { class: "quote" }, h("blockquote", {}, withCopies(q.text, q.start, copied)),
        h("div", { class: "meta" }, "— ", q.speaker_text || "unattributed", h("span", { class: "sep" }, "·"), art("in context", q.id))))) : null,
    copied.length ? h("div", { class: "story-copied" }, h("div", { class: "k" }, "copied passages"),
      copied.map((c) => h("p", {}, h("mark", { class: "copied" }, c.text),
        h("span", { class: "muted small" }, c.also_in.length ? ` also in ${c.also_in.join(", ")}` : "")))) : null,
  ];
}

// A source's reports grouped by article, in the order the API gives them.
function byArticle(reports) {
  const groups = new Map();
  for (const r of reports) {
    if (!groups.has(r.article_id)) groups.set(r.article_id, []);
    groups.get(r.article_id).push(r);
  }
  return [...groups.values()];
}

// A report "gives a figure" when it carries a size (participants, dead, ...); a source, when one of
// its reports does.
const hasFigure = (r) => Object.keys(r.size || {}).length > 0;
const givesFigure = (s) => s.reports.some(hasFigure);

// One article often names an event many times and gives its figure once, and with many outlets most
// columns may give none; the `figures=1` parameter keeps the reports (and so the sources) that give
// one, and says how many were set aside.
function figureFilter(st, id, params, link) {
  const reports = st.sources.flatMap((s) => s.reports);
  const withFig = reports.filter(hasFigure).length;
  if (!withFig || withFig === reports.length) return null;
  const srcFig = st.sources.filter(givesFigure).length;
  const srcs = srcFig === st.sources.length ? "" : ` (${fmt(srcFig)} of ${fmt(st.sources.length)} sources)`;
  return h("p", { class: "story-filter muted" }, params.figures === "1"
    ? [`Showing the ${fmt(withFig)} of ${fmt(reports.length)} reports that give a figure${srcs}. `,
      h("a", { href: link("story", id), class: "filter-toggle" }, "Show all reports")]
    : [`${fmt(reports.length - withFig)} of ${fmt(reports.length)} reports give no figure for this event${srcs ? ` (${fmt(st.sources.length - srcFig)} of ${fmt(st.sources.length)} sources give none)` : ""}. `,
      h("a", { href: link("story", id, { figures: "1" }), class: "filter-toggle" }, "Show only the reports that give one")]);
}

export async function storyView(id, { link, params = {} }) {
  const st = await api("stories/" + encodeURIComponent(id));
  const keys = [...new Set(st.sources.flatMap((s) => s.reports.flatMap((r) => Object.keys(r.size || {}))))].sort().map((k) => "size." + k);
  const first = st.sources[0].reports[0];
  const copied = st.copies.length;
  const filter = figureFilter(st, id, params, link);
  const sources = filter && params.figures === "1"
    ? st.sources.filter(givesFigure).map((s) => ({ ...s, reports: s.reports.filter(hasFigure) }))
    : st.sources;
  return [
    h("div", { class: "crumbs" }, h("a", { href: "#/events" }, "Events"), " / ", h("a", { href: link("event", first.id) }, st.type)),
    h("h1", {}, `${st.type}${first.place_name ? " in " + first.place_name : ""}${first.date ? ", " + first.date : ""}`),
    h("p", { class: "lede" }, `${fmt(st.reports_n)} report(s) from ${fmt(st.sources_n)} source(s), side by side. ` +
      "Each column is one source; each row what that source's report says."),
    h("section", { class: "card story-summary" },
      h("h2", {}, "Where the sources differ"),
      st.differing.length
        ? h("ul", { class: "chips" }, st.differing.map((k) => h("li", { class: "chip differs" }, "≠ " + FIELD_LABEL(k))))
        : h("p", { class: "muted" }, "The reports agree on date, place and figures (where they give them)."),
      copied ? h("p", { class: "muted" }, `${fmt(copied)} passage(s) here are carried word for word by more than one article; they are marked `, h("mark", { class: "copied" }, "like this"), ".") : null,
      filter),
    h("div", { class: "story-grid" }, sources.map((s) => h("section", { class: "story-col card" },
      h("h2", {}, s.source), byArticle(s.reports).map((rs) => h("div", { class: "story-article" },
        rs.map((r) => reportCard(r, keys, link)), articleExtras(rs, link)))))),
    st.conflicts.length ? h("section", { class: "card story-conflicts" },
      h("h2", {}, `Conflicting figures (${fmt(st.conflicts.filter((f) => f.about_event).length)} about this event's figures, ` +
        `${fmt(st.conflicts.filter((f) => !f.about_event).length)} elsewhere in these articles)`),
      st.conflicts.map((f) => h("div", { class: "finding" }, h("p", {}, f.detail),
        h("ul", {}, f.refs.map((ref) => h("li", {}, h("q", {}, ref.text), h("span", { class: "muted" }, " — " + (ref.source || "?")))))))) : null,
  ];
}

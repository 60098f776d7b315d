// Small SVG charts built with the DOM API (no library): horizontal bars, stacked monthly bars, a map.
import { h, s, fmt, PALETTE } from "./dom.js";

export function colorFor(keys) {
  const m = new Map();
  [...keys].sort().forEach((k, i) => m.set(k, PALETTE[i % PALETTE.length]));
  return (k) => m.get(k) || "#999";
}

// Horizontal bars: rows [{label, n, href?}].
export function hbars(rows, { width = 420, bar = 16, color = "#4e79a7", labelWidth = 150 } = {}) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  const height = rows.length * (bar + 6) + 4;
  const svg = s("svg", { class: "chart hbars", viewBox: `0 0 ${width} ${height}`, width, height, role: "img" });
  rows.forEach((r, i) => {
    const y = i * (bar + 6) + 2;
    const w = Math.max(1, ((width - labelWidth - 50) * r.n) / max);
    const label = r.label.length > 24 ? r.label.slice(0, 23) + "…" : r.label;
    svg.append(
      s("text", { x: labelWidth - 6, y: y + bar - 4, "text-anchor": "end", class: "lbl" }, label),
      s("rect", { x: labelWidth, y, width: w, height: bar, fill: r.color || color, rx: 2, class: r.cls || null }, s("title", {}, `${r.label}: ${fmt(r.n)}`)),
      s("text", { x: labelWidth + w + 5, y: y + bar - 4, class: "num" }, fmt(r.n)),
    );
  });
  return svg;
}

// Stacked bars per period: rows [{period, key, n}].
export function stacked(rawRows, { width = 860, height = 220 } = {}) {
  const rows = evenPeriods(rawRows);
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const keys = [...new Set(rows.filter((r) => r.n > 0).map((r) => r.key))].sort();
  const color = colorFor(keys);
  const totals = new Map(periods.map((p) => [p, 0]));
  rows.forEach((r) => totals.set(r.period, totals.get(r.period) + r.n));
  const max = Math.max(1, ...totals.values());
  const padL = 36, padB = 34, padT = 8;
  const plotW = width - padL - 8, plotH = height - padB - padT;
  const bw = Math.max(2, Math.min(38, plotW / Math.max(1, periods.length) - 3));
  const svg = s("svg", { class: "chart stacked", viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img" });
  for (const t of [0, 0.5, 1]) {
    const y = padT + plotH * (1 - t);
    svg.append(s("line", { x1: padL, x2: width - 8, y1: y, y2: y, class: "grid" }),
      s("text", { x: padL - 5, y: y + 4, "text-anchor": "end", class: "num" }, fmt(Math.round(max * t))));
  }
  const step = plotW / Math.max(1, periods.length);
  const labelEvery = Math.ceil(periods.length / 14);
  periods.forEach((p, i) => {
    let y = padT + plotH;
    const x = padL + i * step + (step - bw) / 2;
    for (const r of rows.filter((r) => r.period === p && r.n > 0)) {
      const hgt = (plotH * r.n) / max;
      y -= hgt;
      svg.append(s("rect", { x, y, width: bw, height: Math.max(0.5, hgt), fill: color(r.key) },
        s("title", {}, `${p} · ${r.key}: ${fmt(r.n)}`)));
    }
    if (i % labelEvery === 0) {
      svg.append(s("text", { x: x + bw / 2, y: height - padB + 16, "text-anchor": "middle", class: "lbl" }, p));
    }
  });
  const legend = h("div", { class: "legend" }, keys.map((k) =>
    h("span", { class: "key" }, swatch(color(k)), k)));
  return h("div", { class: "chart-wrap" }, svg, legend);
}

export function swatch(color) {
  const sw = h("span", { class: "swatch" });
  sw.style.background = color;
  return sw;
}

// Where a country's populated land lies on the basemap: the mean of its cells' centres (lon, lat).
export function countryCentre(basemap, cc) {
  const c = basemap && basemap.countries && basemap.countries[cc];
  if (!c) return null;
  let sx = 0, sy = 0, n = 0;
  for (const [r, col, len] of c.runs) { sx += (col + len / 2) * len; sy += (r + 0.5) * len; n += len; }
  if (!n) return null;
  return { lon: (sx / n) * basemap.step - 180, lat: 90 - (sy / n) * basemap.step };
}

// Points within `radius` map units of a bigger one join it: one bubble per dense area, with its
// count, so every located event is drawn however many share a city or a region.
export function cluster(points, radius) {
  const out = [];
  for (const p of [...points].sort((a, b) => b.n - a.n)) {
    const near = out.find((c) => Math.hypot(c.x - p.x, c.y - p.y) < radius);
    if (near) {
      near.n += p.n; near.members.push(p);
      near.event_ids = near.event_ids.concat(p.event_ids || []).slice(0, 50);
    } else {
      out.push({ ...p, members: [p], event_ids: [...(p.event_ids || [])] });
    }
  }
  return out;
}

// Equirectangular map with the shipped basemap (coarse populated-land cells per country).
// points: [{lat, lon, place, country, n, event_ids}]; countries: [{country, n, event_ids}] for
// events placed only at country level, drawn as rings at the country's populated centre.
export function worldMap(basemap, points, { width = 860, onPoint, countries = [] } = {}) {
  const k = width / 360;
  const height = width / 2;
  const all = [
    ...points.map((p) => ({ ...p, level: "place" })),
    ...countries.map((c) => ({ ...c, ...(countryCentre(basemap, c.country) || {}), place: (basemap?.countries?.[c.country] || {}).name || c.country, level: "country" }))
      .filter((c) => c.lat !== undefined),
  ].map((p) => ({ ...p, x: (p.lon + 180) * k, y: (90 - p.lat) * k }));
  // Zoom to the events (with a margin), not the whole world, when they sit in one region.
  let x0 = 0, x1 = width, y0 = 10 * k, y1 = 150 * k;
  if (all.length) {
    const xs = all.map((p) => p.x), ys = all.map((p) => p.y);
    const pad = 12 * k;
    let w = Math.max(...xs) - Math.min(...xs) + 2 * pad, hgt = Math.max(...ys) - Math.min(...ys) + 2 * pad;
    w = Math.max(w, 60 * k, hgt * 2); hgt = w / 2;
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2, cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    if (w < width * 0.9) { x0 = Math.max(0, Math.min(width - w, cx - w / 2)); x1 = x0 + w; y0 = Math.max(0, Math.min(height - hgt, cy - hgt / 2)); y1 = y0 + hgt; }
  }
  const scale = (x1 - x0) / width; // map units per pixel of an 860-wide map
  const svg = s("svg", { class: "chart map", viewBox: `${x0} ${y0} ${x1 - x0} ${y1 - y0}`, width: "100%", role: "img" });
  svg.append(s("rect", { x: 0, y: 0, width, height, class: "sea" }));
  for (let lon = -150; lon <= 150; lon += 30) svg.append(s("line", { x1: (lon + 180) * k, x2: (lon + 180) * k, y1: 0, y2: height, class: "graticule", "stroke-width": 0.6 * scale }));
  for (let lat = -60; lat <= 60; lat += 30) svg.append(s("line", { y1: (90 - lat) * k, y2: (90 - lat) * k, x1: 0, x2: width, class: "graticule", "stroke-width": 0.6 * scale }));
  if (basemap) {
    const step = basemap.step * k;
    for (const [cc, c] of Object.entries(basemap.countries)) {
      const d = c.runs.map(([r, col, n]) => `M${(col * step).toFixed(1)} ${(r * step).toFixed(1)}h${(n * step).toFixed(1)}v${step.toFixed(1)}h${(-n * step).toFixed(1)}z`).join("");
      svg.append(s("path", { d, class: "land", "data-cc": cc }, s("title", {}, c.name)));
    }
  }
  const bubbles = cluster(all, 30 * scale); // twice the largest radius: bubbles never overlap much
  const max = Math.max(1, ...bubbles.map((p) => p.n));
  for (const p of bubbles) {
    const r = Math.max(5 + 10 * Math.sqrt(p.n / max), p.n > 9 ? 8.5 : p.n > 1 ? 6.5 : 0) * scale;
    const names = [...new Set(p.members.map((m) => m.place || "?"))];
    const label = `${names.slice(0, 4).join(", ")}${names.length > 4 ? ` and ${names.length - 4} more` : ""}: ${fmt(p.n)} event(s)`
      + (p.members.some((m) => m.level === "country") ? " (some placed only at country level)" : "");
    const onlyCountry = p.members.every((m) => m.level === "country");
    const g = s("g", { class: "pt-group", tabindex: 0, onclick: () => onPoint && onPoint({ ...p, place: names.join(", ") }) },
      s("circle", { cx: p.x, cy: p.y, r, class: onlyCountry ? "pt country" : "pt", "stroke-width": 0.8 * scale }, s("title", {}, label)));
    if (p.n > 1) g.append(s("text", { x: p.x, y: p.y + 3 * scale, "text-anchor": "middle", class: "pt-n", "font-size": 8.5 * scale }, fmt(p.n)));
    svg.append(g);
  }
  return svg;
}

// The periods where the data is: the shortest run of periods holding 90% of the events, so a few
// dates decades away (a 1981 massacre recalled, a typo) do not squash the rest to a sliver.
export function denseRange(rows, share = 0.9) {
  const key = (p) => (String(p).match(/^\d{4}(-\d{2})?/) || [String(p)])[0];
  const by = new Map();
  rows.forEach((r) => by.set(key(r.period), (by.get(key(r.period)) || 0) + r.n));
  const ps = [...by.keys()].sort();
  if (ps.length < 3) return null;
  const total = [...by.values()].reduce((a, n) => a + n, 0);
  let best = [0, ps.length - 1], acc = 0, lo = 0;
  const span = (i, j) => (Number(ps[j].slice(0, 4)) * 12 + Number(ps[j].slice(5, 7) || 12)) - (Number(ps[i].slice(0, 4)) * 12 + Number(ps[i].slice(5, 7) || 1));
  for (let hi = 0; hi < ps.length; hi++) {
    acc += by.get(ps[hi]);
    while (acc - by.get(ps[lo]) >= share * total) acc -= by.get(ps[lo++]);
    if (acc >= share * total && span(lo, hi) < span(best[0], best[1])) best = [lo, hi];
  }
  const [i, j] = best;
  if (i === 0 && j === ps.length - 1) return null;
  const before = ps.slice(0, i).reduce((a, p) => a + by.get(p), 0);
  const after = ps.slice(j + 1).reduce((a, p) => a + by.get(p), 0);
  return { from: ps[i], to: ps[j], before, after, first: ps[0], last: ps[ps.length - 1], key };
}

// A time axis must be even: months when the data spans up to six years and all dates have a month,
// else years; periods with no events are filled in (zero height) so gaps read as gaps.
function evenPeriods(rows) {
  if (!rows.length) return rows;
  const ps = rows.map((r) => r.period).sort();
  const y0 = Number(ps[0].slice(0, 4)), y1 = Number(ps[ps.length - 1].slice(0, 4));
  const monthly = y1 - y0 <= 6 && ps.every((p) => p.length >= 7);
  const key = (p) => (monthly ? p.slice(0, 7) : p.slice(0, 4));
  const sum = new Map();
  for (const r of rows) { const k = key(r.period) + "\u0000" + r.key; sum.set(k, (sum.get(k) || 0) + r.n); }
  const out = [...sum].map(([k, n]) => { const [period, kk] = k.split("\u0000"); return { period, key: kk, n }; });
  for (let y = y0; y <= y1; y++) {
    if (!monthly) out.push({ period: String(y), key: "", n: 0 });
    else for (let m = 1; m <= 12; m++) out.push({ period: `${y}-${String(m).padStart(2, "0")}`, key: "", n: 0 });
  }
  const first = key(ps[0]), last = key(ps[ps.length - 1]);
  return out.filter((r) => r.period >= first && r.period <= last && (r.n > 0 || r.key === ""));
}

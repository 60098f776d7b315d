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

// Equirectangular map with the shipped basemap (coarse populated-land cells per country).
export function worldMap(basemap, points, { width = 860, onPoint } = {}) {
  const k = width / 360;
  const height = width / 2;
  // Show 80N..60S: the poles hold no events and would waste a third of the space.
  const top = 10 * k, shown = 140 * k;
  const svg = s("svg", { class: "chart map", viewBox: `0 ${top} ${width} ${shown}`, width: "100%", role: "img" });
  svg.append(s("rect", { x: 0, y: 0, width, height, class: "sea" }));
  for (let lon = -150; lon <= 150; lon += 30) svg.append(s("line", { x1: (lon + 180) * k, x2: (lon + 180) * k, y1: 0, y2: height, class: "graticule" }));
  for (let lat = -60; lat <= 60; lat += 30) svg.append(s("line", { y1: (90 - lat) * k, y2: (90 - lat) * k, x1: 0, x2: width, class: "graticule" }));
  if (basemap) {
    const step = basemap.step * k;
    for (const [cc, c] of Object.entries(basemap.countries)) {
      const d = c.runs.map(([r, col, n]) => `M${(col * step).toFixed(1)} ${(r * step).toFixed(1)}h${(n * step).toFixed(1)}v${step.toFixed(1)}h${(-n * step).toFixed(1)}z`).join("");
      svg.append(s("path", { d, class: "land", "data-cc": cc }, s("title", {}, c.name)));
    }
  }
  const max = Math.max(1, ...points.map((p) => p.n));
  for (const p of [...points].sort((a, b) => b.n - a.n)) {
    const r = 3 + 11 * Math.sqrt(p.n / max);
    const c = s("circle", { cx: (p.lon + 180) * k, cy: (90 - p.lat) * k, r, class: "pt", tabindex: 0,
      onclick: () => onPoint && onPoint(p) }, s("title", {}, `${p.place || "?"} (${p.country || "?"}): ${fmt(p.n)} event(s)`));
    svg.append(c);
  }
  return svg;
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

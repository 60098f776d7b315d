// DOM helpers. Data never goes through innerHTML: every string becomes a text node or a
// property set through the DOM API, so hostile page text stays inert.

const SAFE_HREF = /^(#\/|\/api\/|\/docs$)/;

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function s(tag, attrs, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "href") el.setAttribute("href", safeHref(v));
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// Only our own routes and API paths become links; anything else is refused.
export function safeHref(v) {
  const str = String(v);
  return SAFE_HREF.test(str) ? str : "#/";
}

// Links to the article's original URL: only plain http(s), opened without referrer or opener.
export function externalLink(url, label) {
  let u = null;
  try { u = new URL(String(url)); } catch { u = null; }
  if (!u || (u.protocol !== "http:" && u.protocol !== "https:")) return h("span", { class: "mono" }, String(url ?? ""));
  const a = document.createElement("a");
  a.href = u.href;
  a.rel = "noopener noreferrer nofollow";
  a.target = "_blank";
  a.textContent = label || u.href;
  return a;
}

export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

export function qs(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && !v.length)) continue;
    p.set(k, Array.isArray(v) ? v.join(",") : String(v));
  }
  const str = p.toString();
  return str ? "?" + str : "";
}

export async function api(path, params) {
  const res = await fetch("/api/" + path + qs(params), { headers: { Accept: "application/json" } });
  if (!res.ok) {
    let msg = res.status + " " + res.statusText;
    try { const j = await res.json(); if (j.detail) msg = typeof j.detail === "string" ? j.detail : JSON.stringify(j.detail); } catch { /* not json */ }
    throw new Error(msg);
  }
  return res.json();
}

export function fmt(n) { return n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"); }

export function range(low, high) {
  if (low === null && high === null) return "?";
  if (low === high) return fmt(low);
  return (low === null ? "…" : fmt(low)) + "–" + (high === null ? "…" : fmt(high));
}

export function sizeText(size) {
  const parts = [];
  for (const [k, v] of Object.entries(size || {})) parts.push(k + ": " + range(v[0] ?? null, v[1] ?? null));
  return parts.join("; ");
}

// A neutral categorical palette (no red/green pairing: colour never means good or bad here).
// 20 colours so the 16 PLOVER types never share one (with 12, ACCUSE and SANCTION drew alike).
export const PALETTE = ["#4e79a7", "#f28e2b", "#76b7b2", "#b07aa1", "#edc948", "#9c755f", "#7f8fa6", "#d4a6c8",
  "#5b8e7d", "#c9a66b", "#8d9db6", "#bab0ac", "#a0cbe8", "#ffbe7d", "#17becf", "#d37295", "#f1ce63",
  "#499894", "#79706e", "#b6992d"];

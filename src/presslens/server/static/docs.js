// Renders /openapi.json as a readable reference (Swagger UI needs a CDN; this page is offline).
import { h, clear, append } from "./dom.js";

const main = document.getElementById("main");
const spec = await (await fetch("/openapi.json")).json();

function schemaText(s) {
  if (!s) return "";
  if (s.anyOf) return s.anyOf.map(schemaText).filter((x) => x !== "null").join(" | ");
  let t = s.type || (s.$ref ? s.$ref.split("/").pop() : "");
  if (s.pattern) t += ` matching ${s.pattern}`;
  if (s.maximum !== undefined || s.minimum !== undefined) t += ` [${s.minimum ?? ""}..${s.maximum ?? ""}]`;
  if (s.maxLength) t += ` (≤ ${s.maxLength} chars)`;
  if (s.default !== undefined && s.default !== null) t += ` = ${JSON.stringify(s.default)}`;
  return t;
}

clear(main);
append(main, [
  h("h1", {}, `${spec.info.title} API ${spec.info.version}`),
  h("p", { class: "lede" }, spec.info.description || ""),
  h("p", {}, "Machine-readable description: ", h("a", { href: "/api/overview" }, "/api/overview"), " · ", "/openapi.json"),
  Object.entries(spec.paths).map(([path, ops]) => Object.entries(ops).map(([method, op]) => h("section", { class: "card endpoint" },
    h("h2", {}, h("span", { class: "badge" }, method.toUpperCase()), " ", h("span", { class: "mono" }, path)),
    h("p", {}, op.summary || ""),
    (op.parameters || []).length ? h("table", { class: "grid" },
      h("thead", {}, h("tr", {}, h("th", {}, "Parameter"), h("th", {}, "In"), h("th", {}, "Schema"), h("th", {}, "Description"))),
      h("tbody", {}, op.parameters.map((p) => h("tr", {}, h("td", { class: "mono" }, p.name + (p.required ? " *" : "")), h("td", {}, p.in),
        h("td", { class: "mono" }, schemaText(p.schema)), h("td", {}, p.description || p.schema?.description || ""))))) : null,
    !path.includes("{") ? h("p", { class: "small" }, h("a", { href: path }, "Try it: GET " + path)) : null))),
]);

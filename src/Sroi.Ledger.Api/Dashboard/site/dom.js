// Small DOM helpers: every text from the API goes in as text, never as HTML.

/** el("td", { class: "getal" }, "€ 1,00", child, …); attributes with null or false are left out. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * A table with a caption; columns: [{ title, number? }]; rows: arrays of cells (text or nodes), or
 * { cells, attributes } for a row with attributes (data-… for the tests). The first cell of a row is its header.
 */
export function table({ caption, columns, rows, footer, attributes = {} }) {
  const cell = (value, i, tag) => el(i === 0 ? "th" : tag, {
    scope: i === 0 ? "row" : null, class: columns[i].number ? "getal" : null,
  }, value);
  const row = (r, tag) => {
    const { cells, attributes: rowAttributes = {} } = Array.isArray(r) ? { cells: r } : r;
    return el("tr", rowAttributes, cells.map((value, i) => cell(value, i, tag)));
  };
  return el("table", attributes,
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, columns.map((c) => el("th", { scope: "col", class: c.number ? "getal" : null }, c.title)))),
    el("tbody", {}, rows.map((r) => row(r, "td"))),
    footer ? el("tfoot", {}, row(footer, "td")) : null);
}

/** Figures as a definition list: [[label, value, attributes?], …] */
export const figures = (items, attributes = {}) =>
  el("dl", { class: "cijfers", ...attributes }, items.map(([label, value, a = {}]) => el("div", a, el("dt", {}, label), el("dd", {}, value))));

export const message = (text) => el("p", { class: "melding", role: "alert" }, text);

/** Replaces what a container shows; parts that are null (a form only administrators get, say) are left out. */
export const fill = (container, ...children) =>
  container.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));

// Chart.js (window.Chart, vendored from npm) with the dashboard's defaults. Every chart is a canvas with role img and an
// accessible name, and every chart has a table with the same figures beside it for screen readers and for copying.
import { el } from "./dom.js";

export const colours = { obligation: "#154273", accepted: "#1e6b30", ambition: "#a4161a", elapsed: "#5a5a5a", pending: "#8a5a00" };

/**
 * A figure holding the chart's canvas. Append `figure` to the page first, then call `draw()`: Chart.js sizes the canvas
 * from its container.
 */
export function chartFigure({ name, caption, config }) {
  const canvas = el("canvas", { role: "img", "aria-label": name }, "De cijfers van deze grafiek staan in de tabel hieronder.");
  const figure = el("figure", {}, el("div", { class: "grafiek" }, canvas), el("figcaption", {}, caption));
  const draw = () => {
    if (!window.Chart) {
      figure.replaceChildren(el("p", {}, "De grafiek kon niet worden getekend; de cijfers staan in de tabel."));
      return;
    }
    new window.Chart(canvas, {
      ...config,
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: "nl-NL",
        ...config.options,
        plugins: { legend: { position: "bottom", labels: { color: "#1a1a1a" } }, ...config.options?.plugins },
      },
    });
  };
  return { figure, draw };
}

// A bar chart as SVG, drawn by React (no chart library, no canvas, no inline style: the CSP allows none): an image with
// a name saying what it shows; the figures themselves are in the table beside it, which is what screen readers read.
import type { ReactNode } from "react";

export interface Series {
  label: string;
  values: readonly (number | null)[];
  /** The colour, as a class of app.css (sroi-chart__a, __b, __line). */
  className: string;
}

interface Props {
  /** The image's accessible name: what it shows, and where the figures are. */
  name: string;
  caption: ReactNode;
  labels: readonly string[];
  bars: readonly Series[];
  /** A value per label drawn as points joined by a line (an ambition); null leaves a gap. */
  line?: Series;
  format: (value: number) => string;
}

const width = 720;
const height = 280;
const left = 96;
const bottom = 36;
const top = 12;

export function BarChart({ name, caption, labels, bars, line, format }: Props) {
  const all = [...bars, ...(line ? [line] : [])].flatMap((s) => s.values).filter((v): v is number => v !== null);
  const max = Math.max(1, ...all);
  const plotHeight = height - bottom - top;
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const slot = (width - left) / Math.max(1, labels.length);
  const barWidth = (slot * 0.7) / Math.max(1, bars.length);
  const centre = (i: number) => left + slot * i + slot / 2;
  const points = line
    ? line.values.map((v, i) => (v === null ? null : { x: centre(i), y: y(v) }))
    : [];

  return (
    <figure className="sroi-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={name} className="sroi-chart__svg">
        {[0, 0.5, 1].map((share) => (
          <g key={share}>
            <line x1={left} x2={width} y1={y(max * share)} y2={y(max * share)} className="sroi-chart__grid" />
            <text x={left - 8} y={y(max * share) + 4} textAnchor="end" className="sroi-chart__tick">{format(max * share)}</text>
          </g>
        ))}
        {labels.map((label, i) => (
          <g key={label}>
            {bars.map((series, s) => {
              const value = series.values[i] ?? 0;
              return (
                <rect key={series.label} x={left + slot * i + slot * 0.15 + barWidth * s} y={y(value)} width={barWidth}
                  height={Math.max(0, top + plotHeight - y(value))} className={series.className} />
              );
            })}
            <text x={centre(i)} y={height - bottom + 20} textAnchor="middle" className="sroi-chart__tick">{label}</text>
          </g>
        ))}
        {line && (
          <>
            {points.map((p, i) => {
              const next = points[i + 1];
              return p && next ? <line key={`l${i}`} x1={p.x} y1={p.y} x2={next.x} y2={next.y} className={line.className} /> : null;
            })}
            {points.map((p, i) => (p ? <circle key={`p${i}`} cx={p.x} cy={p.y} r={5} className={line.className} /> : null))}
          </>
        )}
      </svg>
      <figcaption>
        {caption}
        <ul className="sroi-chart__legend">
          {[...bars, ...(line ? [line] : [])].map((s) => (
            <li key={s.label}>
              <svg viewBox="0 0 10 10" aria-hidden="true" className="sroi-chart__key"><rect width="10" height="10" className={s.className} /></svg>
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

// The accepted share against the elapsed share of the term, as an SVG the page draws itself (no script library, no
// inline style: the colours are classes in app.css), with the same figures in a table below it. The accepted line is
// a step that rises ON the day a report was accepted: from each point it runs level to the next point's day and rises
// there, never before.
import {
  Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow,
} from "@utrecht/component-library-react";
import type { components } from "../api/ledger";
import { date, euro, percent } from "../format/dutch";
import { termDays, type ProgressPoint } from "./progress";

type Balance = components["schemas"]["BalanceResponse"];

const width = 720;
const height = 280;
const margin = { left: 52, right: 20, top: 16, bottom: 40 };

export function ProgressChart({ balance, points }: { balance: Balance; points: ProgressPoint[] }) {
  const term = termDays(balance);
  const first = Math.min(0, points[0]!.x);
  const last = Math.max(term, points[points.length - 1]!.x);
  const top = Math.max(100, Math.ceil(Math.max(...points.map((p) => p.acceptedShare)) / 10) * 10);
  const x = (day: number) => margin.left + ((day - first) / (last - first || 1)) * (width - margin.left - margin.right);
  const y = (share: number) => height - margin.bottom - (share / top) * (height - margin.top - margin.bottom);
  const coordinate = (n: number) => n.toFixed(1);

  const steps = points
    .map((p, i) => (i === 0 ? `M${coordinate(x(p.x))},${coordinate(y(p.acceptedShare))}` : `H${coordinate(x(p.x))}V${coordinate(y(p.acceptedShare))}`))
    .join("");
  const now = points[points.length - 1]!;
  const name =
    `Grafiek: geaccepteerd deel van de verplichting (op ${date(now.day)} ${percent(now.acceptedShare)}) tegen het verstreken deel ` +
    `van de termijn, ${date(balance.startsOn)} tot en met ${date(balance.endsOn)}. De cijfers staan in de tabel hieronder.`;
  const ticks = [0, top / 2, top];

  return (
    <figure className="sroi-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="grafiek-naam" className="sroi-chart__svg" id="grafiek">
        <title id="grafiek-naam">{name}</title>
        {ticks.map((t) => (
          <g key={t}>
            <line className="sroi-chart__grid" x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} />
            <text className="sroi-chart__label" x={margin.left - 6} y={y(t) + 4} textAnchor="end">{`${t}%`}</text>
          </g>
        ))}
        <text className="sroi-chart__label" x={x(0)} y={height - 12} textAnchor="start">{date(balance.startsOn)}</text>
        <text className="sroi-chart__label" x={x(term)} y={height - 12} textAnchor="end">{date(balance.endsOn)}</text>
        <line className="sroi-chart__elapsed" x1={x(0)} y1={y(0)} x2={x(term)} y2={y(100)} />
        <path className="sroi-chart__accepted" d={steps} data-lijn="geaccepteerd" />
        {points.map((p) => (
          <circle key={p.day} className="sroi-chart__point" cx={coordinate(x(p.x))} cy={coordinate(y(p.acceptedShare))} r={4}
            data-dag={p.day} data-aandeel={p.acceptedShare} />
        ))}
      </svg>
      <figcaption>
        <Paragraph>
          <span className="sroi-chart__key sroi-chart__key--accepted" aria-hidden="true" /> Geaccepteerd deel (stijgt op de dag van acceptatie){" "}
          <span className="sroi-chart__key sroi-chart__key--elapsed" aria-hidden="true" /> Verstreken deel van de termijn. Boven de
          grijze lijn loopt het contract op schema, eronder achter.
        </Paragraph>
      </figcaption>
    </figure>
  );
}

export function ProgressTable({ points }: { points: ProgressPoint[] }) {
  const caption = "Geaccepteerd deel en verstreken deel van de termijn per datum";
  return (
    <div className="sroi-scroll" role="region" aria-label={caption} tabIndex={0}>
      <Table id="voortgang">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Datum</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>Geaccepteerd</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>Geaccepteerd deel</TableHeaderCell>
            <TableHeaderCell scope="col" numericColumn>Verstreken termijn</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {points.map((p) => (
            <TableRow key={p.day} data-dag={p.day}>
              <TableCell>{date(p.day)}</TableCell>
              <TableCell numericColumn>{euro(p.acceptedCents / 100)}</TableCell>
              <TableCell numericColumn>{percent(p.acceptedShare)}</TableCell>
              <TableCell numericColumn>{percent(p.elapsedShare)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * A small SVG line chart for the benchmark report: panels stacked over one shared time axis, each
 * with its own y axis, one polyline per series. Plain text out, so the report needs nothing to render
 * it but a browser or the repository host's Markdown view.
 */

export interface Series {
  name: string;
  color: string;
  /**
   * One value per second from 0, drawn at the middle of its second; null where the second has
   * nothing to show (a gap, not a zero).
   */
  values: (number | null)[];
}

export interface Panel {
  label: string;
  series: Series[];
}

export interface Chart {
  title: string;
  xLabel: string;
  panels: Panel[];
  /** Vertical dashed lines at a second, with a label (an event a reader should see, e.g. a drain's end). */
  markers?: { x: number; label: string }[];
}

const WIDTH = 760;
const PANEL_HEIGHT = 190;
const LEFT = 64;
const RIGHT = 16;
const TOP = 56;
const GAP = 44;
const BOTTOM = 44;

/** A step of 1, 2 or 5 × 10^k giving about `count` ticks up to `max`. */
function niceStep(max: number, count: number): number {
  const raw = Math.max(max, 1e-9) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
}

const num = (n: number) => String(Math.round(n * 10) / 10);
const label = (n: number) =>
  n >= 10_000 ? `${num(n / 1000)}k` : Number.isInteger(n) ? String(n) : n.toFixed(1);
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function lineChart(chart: Chart): string {
  const seconds = Math.max(
    1,
    ...chart.panels.flatMap((p) => p.series.map((s) => s.values.length)),
    ...(chart.markers ?? []).map((m) => m.x),
  );
  const xStep = niceStep(seconds, 10);
  const xMax = Math.ceil(seconds / xStep) * xStep;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const height = TOP + chart.panels.length * (PANEL_HEIGHT + GAP) - GAP + BOTTOM;
  const x = (s: number) => LEFT + (s / xMax) * plotWidth;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escape(chart.title)}</text>`,
  ];
  chart.panels.forEach((panel, i) => {
    const top = TOP + i * (PANEL_HEIGHT + GAP);
    const bottom = top + PANEL_HEIGHT;
    const peak = Math.max(0, ...panel.series.flatMap((s) => s.values.map((v) => v ?? 0)));
    const yStep = niceStep(peak, 5);
    const yMax = Math.max(yStep, Math.ceil(peak / yStep) * yStep);
    const y = (v: number) => bottom - (v / yMax) * PANEL_HEIGHT;
    for (let v = 0; v <= yMax + yStep / 2; v += yStep) {
      out.push(
        `<line x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${num(y(v))}" y2="${num(y(v))}" stroke="#e5e5e5"/>`,
        `<text x="${LEFT - 6}" y="${num(y(v) + 4)}" text-anchor="end">${label(v)}</text>`,
      );
    }
    for (let s = 0; s <= xMax + xStep / 2; s += xStep) {
      out.push(
        `<line x1="${num(x(s))}" x2="${num(x(s))}" y1="${bottom}" y2="${bottom + 4}" stroke="#333"/>`,
        `<text x="${num(x(s))}" y="${bottom + 16}" text-anchor="middle">${label(s)}</text>`,
      );
    }
    out.push(
      `<path d="M${LEFT} ${top}V${bottom}H${WIDTH - RIGHT}" fill="none" stroke="#333"/>`,
      `<text transform="translate(14 ${top + PANEL_HEIGHT / 2}) rotate(-90)" text-anchor="middle">${escape(panel.label)}</text>`,
    );
    for (const m of chart.markers ?? []) {
      out.push(
        `<line x1="${num(x(m.x))}" x2="${num(x(m.x))}" y1="${top}" y2="${bottom}" stroke="#888" stroke-dasharray="4 3"/>`,
      );
      // The label sits on the side of the line with more room.
      const left = x(m.x) > LEFT + plotWidth / 2;
      if (i === 0)
        out.push(
          `<text x="${num(x(m.x) + (left ? -4 : 4))}" y="${top + 12}" text-anchor="${left ? 'end' : 'start'}" fill="#555">${escape(m.label)}</text>`,
        );
    }
    let legendX = LEFT + 8;
    for (const s of panel.series) {
      // A gap in the values breaks the line: a second without data is not drawn as a value.
      const runs: string[][] = [[]];
      s.values.forEach((v, second) => {
        if (v === null) runs.push([]);
        else runs[runs.length - 1].push(`${num(x(second + 0.5))},${num(y(v))}`);
      });
      for (const run of runs.filter((r) => r.length > 0))
        out.push(
          run.length === 1
            ? `<circle cx="${run[0].split(',')[0]}" cy="${run[0].split(',')[1]}" r="1.5" fill="${s.color}"/>`
            : `<polyline points="${run.join(' ')}" fill="none" stroke="${s.color}" stroke-width="1.5"/>`,
        );
      out.push(
        `<rect x="${legendX}" y="${top - 13}" width="10" height="3" fill="${s.color}"/>`,
        `<text x="${legendX + 14}" y="${top - 8}">${escape(s.name)}</text>`,
      );
      legendX += 24 + s.name.length * 6;
    }
  });
  const lastBottom = TOP + chart.panels.length * (PANEL_HEIGHT + GAP) - GAP;
  out.push(
    `<text x="${LEFT + plotWidth / 2}" y="${lastBottom + 34}" text-anchor="middle">${escape(chart.xLabel)}</text>`,
    '</svg>',
    '',
  );
  return out.join('\n');
}

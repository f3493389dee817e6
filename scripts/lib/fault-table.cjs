// The fault suite's table: one row per scenario with what was checked, the counts, the recovery time
// and PASS/FAIL. Cells wrap inside their column so the table stays readable in a terminal.
const COLUMNS = [
  { key: 'scenario', title: 'Scenario', width: 30 },
  { key: 'checked', title: 'Checked', width: 44 },
  { key: 'counts', title: 'Counts', width: 52 },
  { key: 'recovery', title: 'Recovery', width: 14 },
  { key: 'result', title: 'Result', width: 6 },
];

function wrap(text, width) {
  const lines = [];
  for (const paragraph of String(text ?? '').split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = '';
      }
      let rest = word;
      while (rest.length > width) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      line = line ? `${line} ${rest}` : rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Rows: { scenario, checked, counts, recovery, result: 'PASS' | 'FAIL' }. */
function formatTable(rows) {
  const rule = `+${COLUMNS.map((c) => '-'.repeat(c.width + 2)).join('+')}+`;
  const line = (cells) =>
    `| ${cells.map((cell, i) => cell.padEnd(COLUMNS[i].width)).join(' | ')} |`;
  const out = [rule, line(COLUMNS.map((c) => c.title)), rule];
  for (const row of rows) {
    const cells = COLUMNS.map((c) => wrap(row[c.key], c.width));
    const height = Math.max(...cells.map((c) => c.length));
    for (let i = 0; i < height; i++) out.push(line(cells.map((c) => c[i] ?? '')));
    out.push(rule);
  }
  return out.join('\n');
}

module.exports = { formatTable };

// Jest reporter of the security suite: one row per attack (area = the file's top-level describe, what
// was tried = the test's title, result = held or BROKEN). `npm run test:security` collects the rows of
// its jest runs in the file named by SECURITY_TABLE_FILE and prints one table; a jest run on its own
// prints its table at the end. Options: `summarise: [{ file, area, tried }]` turns every test of a file
// into one row with its case count (a big matrix that is not an attack list of its own).
const { appendFileSync } = require('node:fs');
const { relative } = require('node:path');

const RESULT = { held: 'held', broken: 'BROKEN', skipped: 'skipped' };

class SecurityTableReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir;
    this.summarise = options.summarise ?? [];
    this.rows = [];
  }

  onTestResult(_test, result) {
    const file = relative(this.rootDir, result.testFilePath);
    const tests = result.testResults;
    if (result.testExecError && tests.length === 0) {
      const reason = String(result.testExecError.message ?? '').split('\n')[0];
      this.rows.push(row(file, `the file could not run: ${reason}`, 0, 1));
      return;
    }
    const summary = this.summarise.find((s) => result.testFilePath.endsWith(s.file));
    if (summary) {
      const passed = tests.filter((t) => t.status === 'passed').length;
      const failed = tests.filter((t) => t.status === 'failed').length;
      this.rows.push(
        row(summary.area, `${summary.tried} (${passed + failed} cases)`, passed, failed),
      );
      return;
    }
    for (const t of tests) {
      const [area = file, ...path] = t.ancestorTitles;
      const tried = [...path, t.title].join(' › ');
      if (t.status === 'passed') this.rows.push(row(area, tried, 1, 0));
      else if (t.status === 'failed') this.rows.push(row(area, tried, 0, 1));
      else this.rows.push({ area, tried, result: RESULT.skipped, passed: 0, failed: 0 });
    }
  }

  onRunComplete() {
    const target = process.env.SECURITY_TABLE_FILE;
    if (target) {
      appendFileSync(target, this.rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
      return;
    }
    const { passed, failed } = countRows(this.rows);
    process.stdout.write(
      `\n${formatTable(this.rows)}\nsecurity: ${passed} passed, ${failed} failed\n`,
    );
  }
}

function row(area, tried, passed, failed) {
  return { area, tried, result: failed ? RESULT.broken : RESULT.held, passed, failed };
}

/** The rows as one plain table (Markdown, so it pastes into a review as it is). */
function formatTable(rows) {
  const header = { area: 'area', tried: 'what was tried', result: 'result' };
  const cells = [header, ...rows].map((r) => [r.area, r.tried, r.result].map(escape));
  const widths = [0, 1, 2].map((i) => Math.max(...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(cells[0]), line(widths.map((w) => '-'.repeat(w))), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

function escape(value) {
  return String(value).replace(/\s+/g, ' ').replace(/\|/g, '\\|');
}

/** Passed and failed tests over all rows (a summarised file counts each of its cases). */
function countRows(rows) {
  return rows.reduce(
    (sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed }),
    { passed: 0, failed: 0 },
  );
}

module.exports = SecurityTableReporter;
module.exports.formatTable = formatTable;
module.exports.countRows = countRows;

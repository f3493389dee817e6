import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import * as ts from 'typescript';

const SRC = resolve(__dirname, '..');
const MODULES = join(SRC, 'modules');
const CORE = join(SRC, 'core');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every relative import and export-from of a file, resolved (without extension). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((i) => i.fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => resolve(dirname(file), name));
}

/** `modules/<folder>/...` → folder; anything else (core, database, app.module) → null. */
function moduleOf(path: string): string | null {
  const rel = relative(MODULES, path);
  if (rel.startsWith('..')) return null;
  const [folder, rest] = rel.split(sep);
  return rest === undefined ? null : folder;
}

function moduleGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(MODULES)) {
    const from = moduleOf(file);
    if (!from) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const target of importsOf(file)) {
      const to = moduleOf(target);
      if (to && to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every elementary cycle, each once, written from its alphabetically first folder. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found = new Set<string>();
  const nodes = [...graph.keys()].sort();
  for (const start of nodes) {
    // Only cycles whose smallest folder is `start`, so each is found from one place.
    const walk = (node: string, path: string[]): void => {
      for (const next of graph.get(node) ?? []) {
        if (next === start) found.add([...path, start].join(' -> '));
        else if (next > start && !path.includes(next)) walk(next, [...path, next]);
      }
    };
    walk(start, [start]);
  }
  return [...found].sort();
}

describe('module graph', () => {
  const graph = moduleGraph();

  it('has no cycles between module folders', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const looped = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'b'])],
    ]);
    expect(cycles(looped)).toEqual(['a -> b -> c -> a', 'b -> c -> b']);
  });

  it('reads the real imports', () => {
    // A known, lasting dependency: the staff gateway checks conversation access.
    expect(graph.get('realtime')?.has('conversations')).toBe(true);
  });

  it('keeps core free of domain code', () => {
    const offending = sources(CORE).flatMap((file) =>
      importsOf(file)
        .filter((target) => {
          const rel = relative(SRC, target).split(sep);
          return rel[0] === 'modules' || rel[0] === 'database' || rel[0] === 'app.module';
        })
        .map((target) => `${relative(SRC, file)} -> ${relative(SRC, target)}`),
    );
    expect(offending).toEqual([]);
  });
});

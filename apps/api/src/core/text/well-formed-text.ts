/**
 * NUL (U+0000) and unpaired UTF-16 surrogates: PostgreSQL refuses the first in `text` and both in
 * `jsonb`, and neither is text a person wrote. Staff input with them is refused; customer content
 * is kept with them replaced by U+FFFD.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const ILL_FORMED = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const ILL_FORMED_ALL = new RegExp(ILL_FORMED.source, 'g');

export const REPLACEMENT_CHARACTER = '\ufffd';

export function isWellFormedText(s: string): boolean {
  return !ILL_FORMED.test(s);
}

/** `s` with every NUL and unpaired surrogate replaced by U+FFFD. */
export function toWellFormedText(s: string): string {
  return s.replace(ILL_FORMED_ALL, REPLACEMENT_CHARACTER);
}

type Path = (string | number)[];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

interface Visit {
  value: unknown;
  key?: string | number;
  parent?: Visit;
}

function pathOf(visit: Visit): Path {
  const path: Path = [];
  for (let v: Visit | undefined = visit; v?.key !== undefined; v = v.parent) path.push(v.key);
  return path.reverse();
}

/**
 * The path of the first string (value or key) in `value` that is not well-formed, or null. Walks
 * without recursion and without copying paths: request bodies may be nested deeper than the call stack.
 */
export function findIllFormedText(value: unknown): Path | null {
  const stack: Visit[] = [{ value }];
  for (let visit = stack.pop(); visit; visit = stack.pop()) {
    const v = visit.value;
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) return pathOf(visit);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: visit });
    } else if (isPlainObject(v)) {
      for (const key of Object.keys(v).reverse()) {
        if (!isWellFormedText(key)) return pathOf({ value: undefined, key, parent: visit });
        stack.push({ value: v[key], key, parent: visit });
      }
    }
  }
  return null;
}

/**
 * A copy of `value` with every string (values and keys of plain objects and arrays) made
 * well-formed, and whether anything was replaced. Buffers, dates and other objects are kept as they are.
 */
export function withWellFormedText<T>(value: T): { value: T; replaced: boolean } {
  let replaced = false;
  const clean = (s: string): string => {
    if (isWellFormedText(s)) return s;
    replaced = true;
    return toWellFormedText(s);
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return clean(v);
    if (Array.isArray(v)) return v.map(walk);
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) out[clean(k)] = walk(inner);
      return out;
    }
    return v;
  };
  const result = walk(value) as T;
  return { value: result, replaced };
}

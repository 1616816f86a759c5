// Counts what issue 12 counted, the same way every time: `npx tsx scripts/walls-count.ts`
// (`--list` prints every import, condition and store behind a count). It reads files only:
//   (a) imports of another module's repository from server/modules;
//   (b) helpers imported from another feature's folder (server: a module importing a file of another
//       module that is neither its service nor its repository; web: the console importing the member
//       app, a feature folder importing another feature's files);
//   (c) import circles in server/, contracts/ and web/ (Tarjan's strongly connected components over
//       the graph of relative import specifiers; type-only imports counted apart);
//   (d) hand-written scope conditions (`<@ $n` and `@>` on ltree paths) in server/modules, .ts and .sql;
//   (e) idempotency stores: tables with an idempotency key column in the migrations; (e2) the ones
//   implementing the kit's one store contract; (e3) the header handled outside the kit;
//   and the other walls of item 3: the core (server/http, server/db, server/lib, server/kit) importing
//   server/modules, contracts importing anything but zod and each other.
// Pairs of places sharing six or more lines (f) are counted by the `duplicates` command, not here:
// `duplicates --most 200 --seconds 120` (see docs/design/issue-12-counts.md).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const list = process.argv.includes('--list');

interface Edge { from: string; to: string; typeOnly: boolean }

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name === 'dist') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const rel = (file: string) => relative(root, file).split(sep).join('/');
const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('tests/');

function resolveSpecifier(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(join(root, fromFile)), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return rel(candidate);
  }
  return null;
}

/** Every import, re-export and dynamic import of a file, with whether it is type-only. */
function importsOf(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { spec: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      found.push({ spec: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) found.push({ spec: arg.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const sourceFiles = ['server', 'contracts', 'web']
  .flatMap((d) => walk(join(root, d)))
  .map(rel)
  .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'));
const edges: Edge[] = [];
const packageImports: { from: string; spec: string }[] = [];
for (const file of sourceFiles) {
  for (const { spec, typeOnly } of importsOf(file)) {
    const to = resolveSpecifier(file, spec);
    if (to) edges.push({ from: file, to, typeOnly });
    else if (!spec.startsWith('.')) packageImports.push({ from: file, spec });
  }
}

const moduleOf = (file: string) => /^server\/modules\/([^/]+)\//.exec(file)?.[1];
const rows: { key: string; what: string; count: number; items: string[] }[] = [];
const row = (key: string, what: string, items: string[]) => rows.push({ key, what, count: items.length, items });
const show = (e: Edge) => `${e.from} -> ${e.to}${e.typeOnly ? ' (type only)' : ''}`;

// (a) another module's repository
const crossRepo = edges.filter((e) => {
  const a = moduleOf(e.from);
  const b = moduleOf(e.to);
  return a && b && a !== b && e.to.endsWith('.repo.ts');
});
const auditRepo = (e: Edge) => e.to === 'server/modules/audit/audit.repo.ts';
row('a', 'imports of another module\'s repository from server/modules, audit.repo aside (not tests)', crossRepo.filter((e) => !isTest(e.from) && !auditRepo(e)).map(show));
row('a2', '  imports of audit/audit.repo from other modules (every writer of the audit log; not tests)', crossRepo.filter((e) => !isTest(e.from) && auditRepo(e)).map(show));
row('a+', '  the same from test files', crossRepo.filter((e) => isTest(e.from)).map(show));

// (b) helpers from another feature's folder
const crossHelper = edges.filter((e) => {
  const a = moduleOf(e.from);
  const b = moduleOf(e.to);
  return a && b && a !== b && !/\.(service|repo)\.ts$/.test(e.to);
});
row('b1', 'server: a module importing another module\'s file that is not its service or repository (not tests)', crossHelper.filter((e) => !isTest(e.from)).map(show));
row('b1+', '  the same from test files', crossHelper.filter((e) => isTest(e.from)).map(show));
row('b2', 'web: the console importing the member app', edges.filter((e) => e.from.startsWith('web/console/') && e.to.startsWith('web/member/')).map(show));
const consoleFeature = (f: string) => /^web\/console\/features\/([^/]+)\//.exec(f)?.[1];
const crossConsole = edges.filter((e) => {
  const a = consoleFeature(e.from);
  const b = consoleFeature(e.to);
  return a && b && a !== b;
});
row('b3', 'web: a console feature importing another feature\'s code', crossConsole.filter((e) => !e.to.endsWith('.css')).map(show));
row('b3c', 'web: a console feature importing another feature\'s stylesheet', crossConsole.filter((e) => e.to.endsWith('.css')).map(show));
const memberFeatures = new Set(['activities', 'campaigns', 'card', 'join', 'payouts', 'points']);
const memberFeature = (f: string) => {
  const m = /^web\/member\/([^/]+)\//.exec(f)?.[1];
  return m && memberFeatures.has(m) ? m : undefined;
};
row('b4', 'web: a member-app feature folder importing another feature\'s files', edges.filter((e) => {
  const a = memberFeature(e.from);
  const b = memberFeature(e.to);
  return a && b && a !== b;
}).map(show));
row('b5', 'web: a console page outside features/ importing a feature\'s files', edges.filter((e) => e.from.startsWith('web/console/pages/') && !!consoleFeature(e.to)).map(show));

// (c) import circles (Tarjan's strongly connected components)
function circles(useEdges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of useEdges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  const strong = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of [...new Set(useEdges.flatMap((e) => [e.from, e.to]))].sort()) if (!index.has(v)) strong(v);
  return found.sort((x, y) => x[0]!.localeCompare(y[0]!));
}
row('c', 'import circles in server/, contracts/, web/ (every import, type-only ones too)', circles(edges).map((c) => c.join(' <-> ')));
row('c2', '  circles of imports that run (type-only imports left out)', circles(edges.filter((e) => !e.typeOnly)).map((c) => c.join(' <-> ')));

// (d) hand-written scope conditions in server/modules
const scopeHits: string[] = [];
const reachHits: string[] = [];
for (const file of walk(join(root, 'server', 'modules')).map(rel).filter((f) => /\.(ts|sql)$/.test(f) && !isTest(f))) {
  readFileSync(join(root, file), 'utf8').split('\n').forEach((line, i) => {
    if (/^\s*(\/\/|\*|--)/.test(line)) return; // comments
    // a path within a path: `x <@ $n::ltree`, `x <@ $${p}::ltree`, `$n::ltree <@ x`, `d.path <@ o.path`;
    // array containment (`<@ '{..}'::text[]`, `@> ARRAY[..]`) is not scope
    for (const m of line.matchAll(/\S*\s*<@\s*[^\s,)]+/g)) if (!/ARRAY|'\{|\[\]/.test(m[0])) scopeHits.push(`${file}:${i + 1}: ${m[0]}`);
    for (const m of line.matchAll(/\S*\s*@>\s*[^\s,)]+/g)) if (!/ARRAY|'\{|\[\]/.test(m[0])) reachHits.push(`${file}:${i + 1}: ${m[0]}`);
  });
}
row('d1', 'hand-written `<@` path conditions in server/modules (.ts and .sql, not tests; server/http/scope.ts is outside)', scopeHits);
row('d1n', '  of them against a parameter (`<@ $n::ltree`, `<@ $${p}::ltree`)', scopeHits.filter((h) => /<@\s*\$/.test(h)));
row('d2', 'hand-written `@>` path conditions in server/modules (the member "reach" check among them)', reachHits);
row('d2r', '  of them the member "reach" check `o.path @> mo.path`', reachHits.filter((h) => /@>\s*mo\.path/.test(h)));

// (e) idempotency stores
const stores: string[] = [];
for (const file of walk(join(root, 'server', 'db', 'migrations')).map(rel).filter((f) => f.endsWith('.sql'))) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const m of text.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\);/g)) {
    const body = m[2]!;
    if (!/^\s*idem(potency)?_key\s/m.test(body)) continue;
    const key = /(PRIMARY KEY|UNIQUE) \(([^)]*idem(?:potency)?_key[^)]*)\)/.exec(body);
    stores.push(`${m[1]} (${file.replace('server/db/migrations/', '')}), keyed ${key ? `${key[1]} (${key[2]})` : 'by an index'}`);
  }
  for (const m of text.matchAll(/ALTER TABLE (\w+) ADD COLUMN (?:IF NOT EXISTS )?idem(?:potency)?_key/g)) stores.push(`${m[1]} (${file}, added later)`);
}
row('e', 'idempotency stores: tables with an idempotency key column in the migrations', stores);
const serverSources = walk(join(root, 'server')).map(rel).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const storeImpls: string[] = [];
const headerReads: string[] = [];
for (const file of serverSources) {
  readFileSync(join(root, file), 'utf8').split('\n').forEach((line, i) => {
    const impl = /^(?:export )?const (\w+)\s*:\s*IdempotencyStore</.exec(line);
    if (impl) storeImpls.push(`${file}:${i + 1} ${impl[1]}`);
    if (file !== 'server/http/idempotency.ts' && /headers\[\s*'idempotency-key'\s*\]|'idempotent-replayed'/i.test(line)) headerReads.push(`${file}:${i + 1}`);
  });
}
row('e2', '  stores implementing the one store contract (`IdempotencyStore` of server/http/idempotency.ts)', storeImpls);
row('e3', '  the Idempotency-Key header read, or Idempotent-Replayed set, outside server/http/idempotency.ts', headerReads);

// the other walls of item 3
const core = /^server\/(http|db|lib|kit)\//;
row('w1', 'the core (server/http, db, lib, kit) importing server/modules (not tests)', edges.filter((e) => core.test(e.from) && !isTest(e.from) && !!moduleOf(e.to)).map(show));
row('w2', 'contracts importing anything but zod and each other', [
  ...edges.filter((e) => e.from.startsWith('contracts/') && !e.to.startsWith('contracts/')).map(show),
  ...packageImports.filter((p) => p.from.startsWith('contracts/') && p.spec !== 'zod' && !isTest(p.from)).map((p) => `${p.from} -> ${p.spec}`),
]);

const width = Math.max(...rows.map((r) => r.what.length));
console.log(`walls-count: ${sourceFiles.length} files, ${edges.length} relative imports (${edges.filter((e) => e.typeOnly).length} type-only)`);
console.log(`${'key'.padEnd(4)} ${'what'.padEnd(width)}  count`);
for (const r of rows) {
  console.log(`${r.key.padEnd(4)} ${r.what.padEnd(width)}  ${String(r.count).padStart(5)}`);
  if (list) for (const item of r.items) console.log(`       ${item}`);
}

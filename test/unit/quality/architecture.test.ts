import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The layering rules of docs/architecture.md, checked on the source text so that a wrong import
// breaks the build rather than the next migration. The Bot Framework SDK is archived: a move to
// the Agents SDK must touch only src/channels/bot and src/channels/dialogs.
const SRC = path.resolve(__dirname, '../../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.ts$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
const all = sources(SRC).map((file) => {
  const text = readFileSync(file, 'utf8');
  return { file: rel(file), imports: importsOf(text), text };
});

/** The source file a relative import names, as a path under src (undefined for packages and JSON). */
function target(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return [`${base}.ts`, `${base}/index.ts`].find((candidate) => existsSync(path.join(SRC, candidate)));
}

const layerOf = (file: string) => file.split('/')[0]!.replace(/\.ts$/, '');
const isFramework = (spec: string) => /^(botbuilder|botframework-)/.test(spec);

/** `file → import` pairs where a file of `layer` imports something the predicate refuses. */
function offenders(layer: RegExp, refused: (spec: string, resolved: string | undefined) => boolean): string[] {
  return all
    .filter((f) => layer.test(f.file))
    .flatMap((f) => f.imports.filter((spec) => refused(spec, target(f.file, spec))).map((spec) => `${f.file} → ${spec}`));
}

describe('architecture', () => {
  it('reads the sources it checks', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.find((f) => f.file === 'channels/bot/bot.ts')!.imports).toContain('botbuilder');
  });

  it('keeps the domain pure: no I/O, no framework, nothing from the outer layers', () => {
    const io = /^(node:(fs|http|https|net|child_process|worker_threads)|fs|lowdb|restify|nodemailer|@azure\/|botbuilder|botframework-|ws)(\/|$)/;
    const outer = /^(infrastructure|presentation|channels|app|config|index)$/;
    const found = offenders(/^domain\//, (spec, resolved) => io.test(spec) || (resolved !== undefined && outer.test(layerOf(resolved))));
    expect(found).toEqual([]);
  });

  it('keeps infrastructure below presentation and the channels', () => {
    const found = offenders(/^infrastructure\//, (_spec, resolved) => resolved !== undefined && /^(presentation|channels|app|index)$/.test(layerOf(resolved)));
    expect(found).toEqual([]);
  });

  it('keeps presentation free of I/O and of the channels', () => {
    const found = offenders(
      /^presentation\//,
      (spec, resolved) =>
        isFramework(spec) ||
        /^(node:fs|lowdb|restify)/.test(spec) ||
        (resolved !== undefined && /^(infrastructure|channels|app|index)$/.test(layerOf(resolved))),
    );
    expect(found).toEqual([]);
  });

  it('imports Bot Framework packages only in src/channels/bot and src/channels/dialogs', () => {
    const found = all.filter((f) => !/^channels\/(bot|dialogs)\//.test(f.file) && f.imports.some(isFramework)).map((f) => f.file);
    expect(found).toEqual([]);
  });

  it('imports lowdb in one module', () => {
    const found = all.filter((f) => f.imports.some((spec) => /^lowdb(\/|$)/.test(spec))).map((f) => f.file);
    expect(found).toEqual(['infrastructure/json-document.ts']);
  });

  it('builds the number recognizer only in the parser worker (one module imports it, the server never builds it in its own thread)', () => {
    const recognizer = all.filter((f) => f.imports.some((spec) => /^@microsoft\/recognizers-text-number(\/|$)/.test(spec))).map((f) => f.file);
    expect(recognizer).toEqual(['infrastructure/parser/numberModel.ts']);
    const model = all.filter((f) => f.imports.some((spec) => target(f.file, spec) === 'infrastructure/parser/numberModel.ts')).map((f) => f.file);
    expect(model.sort()).toEqual(['infrastructure/parser/index.ts', 'infrastructure/parser/worker.ts']);
    // parser/index.ts offers the model in the calling thread to tests and tools only.
    expect(all.filter((f) => /\bInProcessNumberReader\b/.test(f.text)).map((f) => f.file)).toEqual(['infrastructure/parser/index.ts']);
  });

  it('keeps every sentence a person reads in src/presentation/messages.ts', () => {
    const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    // A French/English pair of sentences ({ fr: '…', en: '…' }) or an API message holding both ('… / …').
    const pair = /\b(?:fr|en):\s*(['"`])[^'"`]*\s[^'"`]*\1/;
    const bilingual = /(['"`])[^'"`\n]*[.»] \/ [A-Z"][^'"`\n]*\1/;
    const found = all.filter((f) => f.file !== 'presentation/messages.ts' && (pair.test(code(f.text)) || bilingual.test(code(f.text)))).map((f) => f.file);
    expect(found).toEqual([]);
  });

  it('reads the environment only in src/config.ts', () => {
    const found = all.filter((f) => f.file !== 'config.ts' && /process\.env\b/.test(f.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))).map((f) => f.file);
    expect(found).toEqual([]);
  });

  it('has no import cycle (type imports included)', () => {
    const graph = new Map(all.map((f) => [f.file, f.imports.map((spec) => target(f.file, spec)).filter((t): t is string => t !== undefined)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});

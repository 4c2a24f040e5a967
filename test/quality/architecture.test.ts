import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The rules of README "Architecture", checked on the source text so that a new import breaks the
// build rather than the next migration: the Bot Framework SDK is archived, and a move to the
// Agents SDK must touch only src/bot and src/dialogs.
const SRC = path.resolve(__dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.ts$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
const all = sources(SRC).map((file) => ({ file: rel(file), imports: importsOf(file), text: readFileSync(file, 'utf8') }));
const isFramework = (spec: string) => /^(botbuilder|botframework-)/.test(spec);

describe('architecture', () => {
  it('reads the sources it checks', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.find((f) => f.file === 'bot/bot.ts')!.imports).toContain('botbuilder');
  });

  it('imports Bot Framework packages only in src/bot and src/dialogs', () => {
    const offenders = all.filter((f) => !/^(bot|dialogs)\//.test(f.file) && f.imports.some(isFramework)).map((f) => f.file);
    expect(offenders).toEqual([]);
  });

  it('keeps the domain (src/knowledge) free of the channels, the dialogs and the HTTP layer', () => {
    const outward = /(^|\/)(bot|dialogs|api|webchat|http|cli|cards)\/|(^|\/)app$/;
    const offenders = all
      .filter((f) => f.file.startsWith('knowledge/'))
      .flatMap((f) => f.imports.filter((spec) => spec.startsWith('.') && outward.test(path.posix.normalize(path.posix.join(path.posix.dirname(f.file), spec)))).map((spec) => `${f.file} → ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('reads the environment only in src/config.ts', () => {
    const offenders = all.filter((f) => f.file !== 'config.ts' && /process\.env\b/.test(f.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))).map((f) => f.file);
    expect(offenders).toEqual([]);
  });
});

// A Vite plugin: the wall checks every live item against its channel's schema, and its CSP forbids eval,
// so TypeBox could only interpret the schemas (~10 µs an item). This compiles them at build time instead
// (TypeBox's standalone `Code`, ~0.2 µs an item): every channel declared in an `app/**/*-channel(s).ts`
// file, and the live protocol's envelope. `virtual:gridwall/checks` maps a schema's JSON to its check;
// a schema not found there is interpreted at run time, as before (correct, only slower).
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Code } from 'typebox/compile';
import type { Plugin } from 'vite';

const INDEX = 'virtual:gridwall/checks';
const RESOLVED_INDEX = `\0${INDEX}`;
const ONE = '\0gridwall-check:';

function channelFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return channelFiles(p);
    return /-channels?\.ts$/.test(e.name) ? [p] : [];
  });
}

const isSpec = (v: unknown): v is { name: string; schema: object; merge: string } =>
  typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' && typeof (v as { schema?: unknown }).schema === 'object' && ['latest', 'append'].includes(String((v as { merge?: unknown }).merge));

/** The schemas to compile: each channel's, and the protocol's ServerMessage (loaded by bundling their modules). */
async function loadSchemas(root: string): Promise<object[]> {
  const protocol = path.join(root, 'app/live/protocol.ts');
  const files = [...channelFiles(path.join(root, 'app')), protocol];
  const entry = files.map((f, i) => `export * as m${i} from ${JSON.stringify(f)};`).join('\n');
  const out = await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'error' });
  const mod = (await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0]?.text ?? '').toString('base64')}`)) as Record<string, Record<string, unknown>>;
  const schemas = Object.values(mod).flatMap((ns) => Object.values(ns).filter(isSpec).map((s) => s.schema));
  const envelope = mod[`m${files.length - 1}`]?.ServerMessage;
  if (typeof envelope === 'object' && envelope) schemas.push(envelope);
  return schemas;
}

/** A standalone check module, its external values (regular expressions) written in; undefined if it needs others. */
function checkModule(schema: object): string | undefined {
  const r = Code(schema as Parameters<typeof Code>[0]);
  const vars = r.External.variables as unknown[];
  if (!vars.every((v) => v instanceof RegExp)) return undefined;
  const literals = (vars as RegExp[]).map((re) => `new RegExp(${JSON.stringify(re.source)}, ${JSON.stringify(re.flags)})`);
  return `${r.Code}\nSetExternal({ variables: [${literals.join(', ')}] });\n`;
}

export function precompiledChecks(root: string): Plugin {
  let modules: Array<{ json: string; code: string }> | undefined;
  const compiled = async () => {
    if (!modules) {
      const unique = new Map((await loadSchemas(root)).map((s) => [JSON.stringify(s), s]));
      modules = [...unique].flatMap(([json, s]) => {
        const code = checkModule(s);
        return code ? [{ json, code }] : [];
      });
    }
    return modules;
  };
  return {
    name: 'gridwall-precompiled-checks',
    resolveId: (id) => (id === INDEX ? RESOLVED_INDEX : id.startsWith(ONE) ? id : undefined),
    async load(id) {
      const list = await compiled();
      if (id === RESOLVED_INDEX) {
        const imports = list.map((_, i) => `import { Check as c${i} } from ${JSON.stringify(`${ONE}${i}`)};`);
        const entries = list.map((m, i) => `[${JSON.stringify(m.json)}, c${i}]`);
        return `${imports.join('\n')}\nexport const PRECOMPILED = new Map([${entries.join(', ')}]);\n`;
      }
      if (id.startsWith(ONE)) return list[Number(id.slice(ONE.length))]?.code;
      return undefined;
    },
  };
}

import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';
import { parseRole, ROLES, type Role } from '../../app/auth/roles';
import { UnitId } from '../../app/patrol/patrol';
import { LiveScope } from '../../app/live/scope';
import { DepartmentId } from '../../app/case/case';

/**
 * One API/MQTT credential. A terminal token may be bound to its unit ids; a sub-centre token to its
 * streets (or communities, grids). Unbound terminal and gateway tokens may speak for at most
 * UNITS_PER_TOKEN distinct units (or `maxUnits`).
 */
export const TokenEntry = Type.Object(
  {
    role: Type.Unsafe<Role>(Type.String({ enum: [...ROLES] })),
    token: Type.String({ minLength: 16, maxLength: 512, pattern: '^[\\x21-\\x7e]+$' }),
    /** A name for logs and for people (never the token itself). */
    name: Type.Optional(Type.String({ maxLength: 64 })),
    units: Type.Optional(Type.Array(UnitId, { minItems: 1, maxItems: 10_000 })),
    maxUnits: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    scope: Type.Optional(LiveScope),
    /** Department tokens: the departments (责任单位) it speaks for. */
    departments: Type.Optional(Type.Array(DepartmentId, { minItems: 1, maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type TokenEntry = Static<typeof TokenEntry>;

/** A bad token setting, said in one sentence. */
export class TokenError extends Error {}

const CODE = /^[0-9]{12}$|^[0-9]{15}$/;

/** `role[@qualifier]:token`: terminal@unitA+unitB binds units; subcentre@110107011000+… binds streets. */
function parseEntry(raw: string, where: string): TokenEntry {
  const at = raw.indexOf(':');
  if (at < 0) throw new TokenError(`${where}: "${raw.slice(0, 24)}…" is not role:token.`);
  const head = raw.slice(0, at).trim();
  const token = raw.slice(at + 1).trim();
  const [roleText = '', qualifier] = head.split('@');
  const role = parseRole(roleText);
  if (!role) throw new TokenError(`${where}: "${roleText}" is not a role (roles: ${ROLES.join(', ')}; console = operator).`);
  if (token.length < 16 || !/^[\x21-\x7e]+$/.test(token)) throw new TokenError(`${where}: the ${role} token must be 16 or more printable characters without spaces.`);
  const entry: TokenEntry = { role, token };
  if (qualifier !== undefined) {
    const parts = qualifier.split('+').filter(Boolean);
    if (role === 'terminal') {
      if (!parts.length || !parts.every((u) => Value.Check(UnitId, u))) throw new TokenError(`${where}: terminal@<unit>+<unit> needs unit ids of letters, digits, _ . -.`);
      entry.units = parts;
    } else if (role === 'subcentre') {
      if (!parts.length || !parts.every((c) => CODE.test(c))) throw new TokenError(`${where}: subcentre@<code>+<code> needs 12-digit street/community or 15-digit grid codes.`);
      const scope: LiveScope = {};
      const streets = parts.filter((c) => c.length === 12 && c.endsWith('000'));
      const communities = parts.filter((c) => c.length === 12 && !c.endsWith('000'));
      const grids = parts.filter((c) => c.length === 15);
      if (streets.length) scope.streets = streets;
      if (communities.length) scope.communities = communities;
      if (grids.length) scope.grids = grids;
      entry.scope = scope;
    } else if (role === 'department') {
      if (!parts.length || !parts.every((d) => Value.Check(DepartmentId, d))) throw new TokenError(`${where}: department@<dept>+<dept> needs department names as the catalogue gives them (letters, digits, Chinese, _ . - ( )).`);
      entry.departments = parts;
    } else throw new TokenError(`${where}: only terminal@…, subcentre@… and department@… tokens take a qualifier.`);
  }
  if (role === 'subcentre' && !entry.scope) throw new TokenError(`${where}: a subcentre token names its streets: subcentre@110107011000:<token>.`);
  if (role === 'department' && !entry.departments) throw new TokenError(`${where}: a department token names its departments: department@sanitation:<token>.`);
  return entry;
}

/** Parses GRIDWALL_TOKENS (`role[@qualifier]:token,…`). */
export function parseTokenList(raw: string | undefined): TokenEntry[] {
  if (!raw?.trim()) return [];
  return raw.split(',').map((e, i) => parseEntry(e.trim(), `GRIDWALL_TOKENS entry ${i + 1}`));
}

/** The roles a fresh hall gets a token for, so every surface and the demo work without a manual step. */
export const GENERATED_ROLES: readonly Role[] = ['terminal', 'gateway', 'wall', 'operator', 'leader', 'exhibit', 'hotline', 'acceptor', 'shift-leader', 'dispatcher', 'monitor', 'admin'];

const newToken = () => randomBytes(24).toString('base64url');

/**
 * Tokens from GRIDWALL_TOKENS, else from `<data dir>/tokens.json`: created on first start with random
 * tokens (readable by the owner only), so a fresh hall is never open to anyone on the network. A file
 * from an older hall keeps its tokens and gains the roles it lacks.
 */
export async function loadOrCreateTokens(configured: readonly TokenEntry[], dataDir: string): Promise<{ tokens: TokenEntry[]; file?: string; added: Role[] }> {
  if (configured.length) return { tokens: [...configured], added: [] };
  const file = path.join(dataDir, 'tokens.json');
  let tokens: TokenEntry[] = [];
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new TokenError(`${file} cannot be read (${(err as Error).message}).`);
  }
  if (text !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new TokenError(`${file} is not JSON: fix it, or delete it to have new tokens generated.`);
    }
    if (!Array.isArray(parsed)) throw new TokenError(`${file} must hold an array of {role, token} entries.`);
    tokens = parsed.map((e: unknown, i) => {
      if (!Value.Check(TokenEntry, e)) {
        const first = Value.Errors(TokenEntry, e)[0];
        throw new TokenError(`${file}, entry ${i + 1}: ${first ? `${first.instancePath || 'entry'} ${first.message}` : 'not a token entry'}.`);
      }
      return e;
    });
  }
  const added = GENERATED_ROLES.filter((role) => !tokens.some((t) => t.role === role));
  if (added.length) {
    tokens = [...tokens, ...added.map((role) => ({ role, token: newToken(), name: `generated ${role}` }))];
    const tmp = `${file}.tmp`;
    await writeFile(tmp, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
    await chmod(tmp, 0o600).catch(() => {});
    await rename(tmp, file);
  }
  return { tokens, file, added };
}

/** A token made for this process only (the demo's simulator), never written anywhere. */
export function ephemeralToken(role: Role, extra: Partial<TokenEntry> = {}): TokenEntry {
  return { role, token: newToken(), name: `ephemeral ${role}`, ...extra };
}

// A benchmark role in its own process (so load generation and measurement never share a CPU budget with
// what is measured): `fork(role-entry.mjs, [role])`. Registers tsx, then loads bench/roles/<role>.ts.
import { register } from 'tsx/esm/api';

register();
const role = process.argv[2];
if (!/^[a-z-]+$/.test(role ?? '')) throw new Error(`bad role ${role}`);
await import(`./roles/${role}.ts`);

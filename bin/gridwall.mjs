#!/usr/bin/env node
// The `gridwall` CLI. Runs the TypeScript sources through tsx, so there is no separate server build.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../streams/cli/main.ts');
await main(process.argv);

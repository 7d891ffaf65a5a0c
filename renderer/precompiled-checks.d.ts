// Generated at build time by scripts/precompiled-checks.ts (a Vite plugin).
declare module 'virtual:gridwall/checks' {
  export const PRECOMPILED: ReadonlyMap<string, (value: unknown) => boolean>;
}

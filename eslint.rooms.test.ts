// Proves the dependency rule of docs/architecture.md is enforced by lint: a crossing import fails.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: import.meta.dirname });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const use = (spec: string) => `import * as m from '${spec}';\nexport const used = m;\n`;

describe('the four rooms', () => {
  it.each([
    ['renderer/live/crossing.ts', '../../streams/live/live-hub'],
    ['renderer/live/crossing.ts', '../../main/kiosk/kiosk-plan'],
    ['streams/live/crossing.ts', '../../main/kiosk/kiosk-plan'],
    ['streams/live/crossing.ts', '../../renderer/i18n/i18n'],
    ['main/kiosk/crossing.ts', '../../streams/live/live-hub'],
    ['app/live/crossing.ts', '../../streams/live/live-hub'],
    ['app/live/crossing.ts', '../../renderer/i18n/i18n'],
  ])('%s importing %s fails lint', async (file, spec) => {
    expect(await ruleIds(file, use(spec))).toContain('import-x/no-restricted-paths');
  });

  it.each([
    ['renderer/live/ok.ts', '../../app/live/protocol'],
    ['streams/live/ok.ts', '../../app/live/protocol'],
    ['main/kiosk/ok.ts', '../../app/geo/lnglat'],
    ['app/live/ok.ts', '../patrol/patrol'],
  ])('%s importing %s is fine', async (file, spec) => {
    expect(await ruleIds(file, use(spec))).toEqual([]);
  });

  it('keeps Node out of app/ and renderer/, and electron inside the main/ adapter', async () => {
    expect(await ruleIds('app/geo/x.ts', use('node:fs'))).toContain('no-restricted-imports');
    expect(await ruleIds('renderer/x.ts', use('node:path'))).toContain('no-restricted-imports');
    expect(await ruleIds('main/kiosk/x.ts', use('electron'))).toContain('no-restricted-imports');
    expect(await ruleIds('streams/x.ts', use('electron'))).toContain('no-restricted-imports');
    expect(await ruleIds('main/electron-adapter.ts', use('electron'))).toEqual([]);
  });
});

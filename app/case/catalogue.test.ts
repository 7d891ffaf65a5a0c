import { describe, expect, it } from 'vitest';
import { catalogueClass, CATALOGUE_COLUMNS, parseCatalogue } from './catalogue';
import { CaseDataError } from './csv-table';
import { describeTimeLimit, parseTimeLimit } from './time-limit';

const HEADER = CATALOGUE_COLUMNS.join(',');
const GARBAGE = 'event,01,市容环境,City appearance,0102,暴露垃圾,Exposed garbage,no,1wh,20wmin,10wmin,1wd,1wh,1wh,暴露垃圾0.5平方米以上,清除,无暴露垃圾,区环卫中心';
const COVER = 'part,01,公用设施,Public utilities,0102,污水井盖,Sewer cover,yes,30min,5min,5min,2h,1h,30min,丢失,补齐,完好,排水所';

/** A catalogue of a comment line, the header and these rows: row i is on line i + 3. */
const file = (...rows: string[]) => ['# test catalogue', HEADER, ...rows].join('\n');

function errorOf(text: string): CaseDataError {
  try {
    parseCatalogue(text, 'catalogue.csv');
  } catch (err) {
    if (err instanceof CaseDataError) return err;
    throw err;
  }
  throw new Error('it parsed');
}

describe('parseCatalogue', () => {
  it('reads classes keyed by kind and code, overlapping codes apart', () => {
    const cat = parseCatalogue(file(GARBAGE, COVER), 'catalogue.csv');
    expect(cat.classes.map((c) => c.key)).toEqual(['event.0102', 'part.0102']);
    const garbage = catalogueClass(cat, 'event.0102');
    expect(garbage).toMatchObject({
      kind: 'event',
      code: '0102',
      major: { code: '01', name: { zh: '市容环境', en: 'City appearance' } },
      name: { zh: '暴露垃圾', en: 'Exposed garbage' },
      urgent: false,
      limits: { handle: { amount: 1, unit: 'wd' }, file: { amount: 20, unit: 'wmin' } },
      conditions: { file: '暴露垃圾0.5平方米以上', handle: '清除', close: '无暴露垃圾' },
      department: '区环卫中心',
      line: 3,
    });
    expect(catalogueClass(cat, 'part.0102')?.limits.handle).toEqual({ amount: 2, unit: 'h' });
    expect(catalogueClass(cat, 'part.0101')).toBeUndefined();
  });

  it('takes quoted cells with commas and quotes, empty limits and 部件/事件 as kinds', () => {
    const row = 'part,01,公用设施,,0118,路灯,,否,,,,"1wd",-,,"dark, or broken ""badly""",,,';
    const cls = parseCatalogue(file(row), 'c.csv').classes[0];
    expect(cls).toMatchObject({ kind: 'part', urgent: false, name: { zh: '路灯', en: '路灯' }, conditions: { file: 'dark, or broken "badly"' } });
    expect(cls?.limits).toEqual({ handle: { amount: 1, unit: 'wd' } });
    expect(parseCatalogue(file(GARBAGE.replace(/^event/, '事件')), 'c.csv').classes[0]?.key).toBe('event.0102');
  });

  it('names the file, the line and the fix for bad data', () => {
    const cases: Array<[string, RegExp]> = [
      [file(GARBAGE, COVER, GARBAGE), /^catalogue\.csv, line 5: event\.0102 is already on line 3/],
      [file(GARBAGE.replace(',1wd,', ',1 day,')), /line 3: handle_limit "1 day" is not a time limit: write a number and a unit/],
      [file(GARBAGE.replace(',1wd,', ',,')), /line 3: event\.0102 has no handle_limit/],
      [file(GARBAGE.replace('暴露垃圾,Exposed', ',Exposed')), /line 3: event\.0102 has no name: fill in name_zh/],
      [file(GARBAGE.replace(/^event/, 'incident')), /line 3: unknown kind "incident": write part \(部件\) or event \(事件\)/],
      [file(COVER.replace(',2h,', ',2wh,')), /line 3: part\.0102 is urgent, so its handle_limit runs in natural time/],
      [file(GARBAGE.replace(',0102,', ',0202,')), /line 3: small-class code 0202 does not start with its major class 01/],
      [file(GARBAGE.replace(',0102,', ',102,')), /line 3: small-class code "102" is not 4 digits/],
      [file(GARBAGE.replace(',no,', ',maybe,')), /line 3: urgent is "maybe": write yes or no/],
      [file(GARBAGE, GARBAGE.replace('0102,暴露垃圾', '0103,积存垃圾渣土').replace('市容环境', '环境卫生')), /line 4: major class event\.01 is "环境卫生" here but "市容环境" on line 3/],
      [file(`${GARBAGE},extra`), /line 3: has 19 cells but the header has 18 columns/],
      [file(GARBAGE.replace('清除', '"清除')), /line 3: a quote \("\) opened here is never closed/],
      [file(), /has a header but no classes/],
      ['', /is empty: it needs a header line/],
      [file(GARBAGE).replace('handle_limit', 'handel_limit'), /line 2: the header names an unknown column "handel_limit"/],
      [file(GARBAGE).replace(',urgent,', ',department,'), /line 2: the header names column "department" twice/],
    ];
    for (const [text, message] of cases) {
      const err = errorOf(text);
      expect(err.message, text.split('\n').at(-1)).toMatch(message);
      expect(err.file).toBe('catalogue.csv');
      expect(err.name).toBe('CaseDataError');
    }
  });

  it('reports the line a multi-line quoted row starts on', () => {
    const multi = GARBAGE.replace('清除,', '"清除\n并冲洗",');
    const err = errorOf(file(multi, multi));
    expect(err.line).toBe(5);
  });
});

describe('time limits', () => {
  it('parses the units and refuses anything else', () => {
    expect(parseTimeLimit('30min')).toEqual({ amount: 30, unit: 'min' });
    expect(parseTimeLimit('2wh')).toEqual({ amount: 2, unit: 'wh' });
    expect(parseTimeLimit('1.5 wd')).toEqual({ amount: 1.5, unit: 'wd' });
    expect(parseTimeLimit('6h')).toEqual({ amount: 6, unit: 'h' });
    for (const bad of ['', '0h', '-1h', 'h', '2 hours', '2w', '1wd2', '２h']) expect(parseTimeLimit(bad), bad).toBeUndefined();
    expect(describeTimeLimit({ amount: 5, unit: 'wh' }, 'zh-CN')).toBe('5工作时');
    expect(describeTimeLimit({ amount: 15, unit: 'wd' }, 'en')).toBe('15 working days');
  });
});

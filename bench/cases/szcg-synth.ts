import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CatalogueClass } from '../../app/case/catalogue';
import type { CaseData } from '../../streams/cases/case-data';
import { ClassDeadlines } from '../../streams/cases/import/class-deadline';

/**
 * Synthetic 数字城管 exports in the szcg preset's layout, seeded: a realistic mix of stages (most closed,
 * some open at every step, a few void, parked or fixed on the spot), classes weighted like a district's
 * (garbage, parking, street trading, lamps, covers …), sources (inspectors first), Shijingshan positions.
 */
export const SZCG_HEADER = [
  '案卷编号', '问题来源', '问题类型', '大类名称', '小类名称', '小类代码', '问题描述', '所属街道', '所属社区', '单元网格',
  '经度', '纬度', '坐标系', '上报时间', '立案时间', '派遣时间', '处置截止时间', '处置完成时间', '核查时间', '结案时间', '处置部门', '当前阶段',
];

/** mulberry32: small, fast, good enough to make data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WEIGHTS: Readonly<Record<string, number>> = {
  'event.0102': 18, 'event.0505': 14, 'event.0506': 10, 'event.0504': 9, 'event.0104': 8, 'event.0507': 7, 'event.0201': 6,
  'event.0501': 5, 'event.0103': 4, 'part.0118': 4, 'part.0305': 3, 'event.0101': 2, 'part.0102': 2, 'part.0103': 1, 'event.0406': 1,
};
const SOURCES: ReadonlyArray<readonly [string, number]> = [['监督员上报', 85], ['12345热线', 8], ['视频抓拍', 4], ['公众随手拍', 3]];
const STAGES: ReadonlyArray<readonly [string, number]> = [
  ['结案', 62], ['处置中', 10], ['已反馈', 4], ['核查通过', 4], ['待派遣', 4], ['上报', 4], ['作废', 3], ['挂账', 2], ['自行处置', 7],
];
const MIN = 60_000;
const H = 60 * MIN;
const START = Date.parse('2026-01-05T08:30:00+08:00');
const SPAN = Date.parse('2026-10-30T17:30:00+08:00') - START;

function pick<T>(r: () => number, list: ReadonlyArray<readonly [T, number]>): T {
  const total = list.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of list) if ((x -= w) < 0) return v;
  return (list.at(-1) as readonly [T, number])[0];
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));
function beijing(t: number): string {
  const d = new Date(t + 8 * H);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** Writes `rows` rows (plus the header) to `file`; returns when flushed. */
export async function writeSzcgRows(file: string, rows: number, data: CaseData, seed = 20_260_316): Promise<void> {
  const r = rng(seed);
  const classes = Object.entries(WEIGHTS).map(([k, w]) => [data.catalogue.byKey.get(k) as CatalogueClass, w] as const);
  const deadlines = new ClassDeadlines(data.calendar, 'Asia/Shanghai');
  const out = createWriteStream(file);
  let buf = `${SZCG_HEADER.join(',')}\n`;
  for (let i = 1; i <= rows; i++) {
    const cls = pick(r, classes);
    const stage = pick(r, STAGES);
    const source = stage === '自行处置' ? '监督员上报' : pick(r, SOURCES);
    const reported = START + Math.floor(r() * SPAN);
    const t: string[] = ['', '', '', '', '', '', ''];
    t[0] = beijing(reported);
    let at = reported;
    const next = (lo: number, hi: number) => (at += Math.floor((lo + r() * (hi - lo)) * MIN));
    const limit = cls.limits.handle;
    if (stage === '自行处置') {
      t[4] = beijing(next(5, 30));
      t[6] = beijing(next(10, 60));
    } else if (!['上报', '作废'].includes(stage)) {
      t[1] = beijing(next(3, 30));
      if (!['待派遣', '挂账'].includes(stage)) {
        const dispatched = next(3, 20);
        t[2] = beijing(dispatched);
        const due = limit ? deadlines.deadline(dispatched, limit) : dispatched + 24 * H;
        const extended = r() < 0.03;
        t[3] = beijing(extended ? due + 5 * 24 * H : due);
        if (stage !== '处置中') {
          // About one in seven finishes late.
          at = dispatched + Math.floor((due - dispatched) * (r() < 0.85 ? 0.2 + r() * 0.75 : 1.05 + r() * 0.5));
          t[4] = beijing(at);
          if (stage !== '已反馈') {
            t[5] = beijing(next(20, 90));
            if (stage === '结案') t[6] = beijing(next(5, 40));
          }
        }
      }
    }
    const lon = (116.1 + r() * 0.15).toFixed(6);
    const lat = (39.88 + r() * 0.1).toFixed(6);
    const no = `110107-${t[0].slice(0, 10).replaceAll('-', '')}-${String(i).padStart(6, '0')}`;
    const shownStage = stage === '自行处置' ? '结案' : stage;
    const dept = t[2] ? cls.department : '';
    buf += `${no},${source},${cls.kind === 'part' ? '部件' : '事件'},${cls.major.name.zh},${cls.name.zh},${cls.code},${cls.name.zh}：第${i}号巡查发现,,,,${lon},${lat},WGS84,${t.join(',')},${dept},${shownStage}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

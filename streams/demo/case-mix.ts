import type { CaseSource } from '../../app/case/case';
import type { Rng } from '../simulator/walker';

/** Items with relative weights. */
export type Weighted<T> = ReadonlyArray<readonly [T, number]>;

/** A weighted draw by cumulative weights and a binary search: O(log n) per draw over thousands of grids. */
export function picker<T>(items: Weighted<T>): (rng: Rng) => T {
  const kept = items.filter(([, w]) => w > 0);
  if (kept.length === 0) throw new RangeError('a weighted draw needs at least one item with a weight above 0.');
  const cum: number[] = [];
  let sum = 0;
  for (const [, w] of kept) cum.push((sum += w));
  return (rng) => {
    const x = rng() * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return (kept[lo] as readonly [T, number])[0];
  };
}

/**
 * Where cases come from, at the mix of a mature district (docs/domain.md "Sources and modes"; Shucheng
 * ≈ 95 % inspectors, 3 % video capture, 2 % hotline, most of that 12345 since 12319 was folded into it).
 */
export const SOURCE_MIX: Weighted<CaseSource> = [
  ['inspector', 95],
  ['video', 3],
  ['hotline-12345', 1.6],
  ['hotline-12319', 0.4],
];

export type SourceKind = 'inspector' | 'video' | 'hotline';

export function sourceKind(source: CaseSource): SourceKind {
  return source === 'inspector' ? 'inspector' : source === 'video' ? 'video' : 'hotline';
}

/**
 * What each source reports, by catalogue key: inspectors mostly find street order and sanitation problems,
 * cameras the scenes their algorithms know, citizens what disturbs them. Keys missing from a city's own
 * catalogue are skipped.
 */
export const CLASS_WEIGHTS: Readonly<Record<SourceKind, Weighted<string>>> = {
  inspector: [
    ['event.0102', 18], // 暴露垃圾
    ['event.0507', 14], // 乱堆物堆料
    ['event.0201', 11], // 非法小广告
    ['event.0504', 10], // 店外经营
    ['event.0501', 8], // 无照经营游商 (占道经营)
    ['event.0506', 7], // 非机动车乱停放
    ['event.0505', 4], // 机动车乱停放
    ['event.0103', 4], // 积存垃圾渣土
    ['event.0104', 4], // 道路不洁
    ['event.0108', 3], // 废弃家具设备
    ['event.0511', 2], // 沿街晾挂
    ['event.0106', 1.5], // 绿地脏乱
    ['part.0305', 2], // 垃圾箱
    ['part.0118', 1.5], // 路灯
    ['part.0102', 0.8], // 污水井盖
    ['part.0103', 0.6], // 雨水井盖
    ['part.0101', 0.4], // 上水井盖
    ['part.0105', 0.3], // 电力井盖
    ['part.0107', 0.3], // 通讯井盖
    ['part.0104', 0.4], // 雨水箅子
    ['event.0205', 1], // 广告招牌破损
    ['event.0202', 1], // 违章张贴悬挂广告牌匾
    ['event.0203', 1], // 占道广告牌
    ['event.0303', 1], // 施工废弃料
    ['event.0302', 0.8], // 工地扬尘
    ['event.0304', 0.6], // 施工占道
    ['event.0101', 0.8], // 私搭乱建
    ['part.0402', 0.8], // 行道树
    ['part.0211', 0.5], // 交通护栏
    ['part.0203', 0.4], // 公交站亭
    ['part.0115', 0.4], // 通讯交接箱
    ['event.0107', 0.5], // 废弃车辆
    ['event.0510', 0.5], // 露天烧烤
    ['event.0503', 0.5], // 占道废品收购
    ['event.0406', 0.15], // 道路积水
    ['event.0401', 0.05], // 路面塌陷
  ],
  video: [
    ['event.0504', 30], // 店外经营
    ['event.0501', 20], // 占道经营
    ['event.0102', 15], // 暴露垃圾
    ['event.0507', 12], // 乱堆物堆料
    ['event.0506', 10], // 非机动车乱停放
    ['event.0511', 5], // 沿街晾挂
    ['event.0505', 5], // 机动车乱停放
    ['event.0406', 3], // 道路积水
  ],
  hotline: [
    ['event.0301', 18], // 施工扰民
    ['event.0508', 14], // 商业噪音
    ['event.0510', 10], // 露天烧烤
    ['event.0101', 10], // 私搭乱建
    ['event.0102', 10], // 暴露垃圾
    ['part.0118', 8], // 路灯
    ['event.0406', 6], // 道路积水
    ['part.0102', 4], // 污水井盖
    ['event.0505', 8], // 机动车乱停放
    ['event.0302', 6], // 工地扬尘
    ['event.0502', 3], // 流浪乞讨
  ],
};

/**
 * Reports per hour of the day (relative): inspectors work two shifts from 07:00 to 20:00 with a lunch dip;
 * cameras see trading peak at noon and in the evening; citizens call from morning to late evening.
 */
export const HOUR_PROFILE: Readonly<Record<SourceKind, readonly number[]>> = {
  //          0    1    2    3    4    5    6    7    8    9    10   11   12   13   14   15   16   17   18   19   20   21   22   23
  inspector: [0, 0, 0, 0, 0, 0, 0.2, 0.7, 1.1, 1.4, 1.4, 1.1, 0.5, 0.7, 1.2, 1.3, 1.2, 0.9, 0.6, 0.35, 0.1, 0.05, 0, 0],
  video: [0.05, 0.02, 0, 0, 0, 0.05, 0.2, 0.5, 0.8, 1, 1.1, 1.4, 1.5, 1.2, 1, 1, 1.1, 1.3, 1.5, 1.4, 1.1, 0.7, 0.3, 0.1],
  hotline: [0.1, 0.05, 0.02, 0.02, 0.02, 0.05, 0.2, 0.5, 1, 1.2, 1.2, 1.1, 0.8, 0.9, 1.1, 1.1, 1, 1, 1, 1.1, 1.2, 1, 0.6, 0.3],
};

/** Reports per day: a district of Shijingshan's size (~84 km², ~570 000 people, ~9 300 unit grids). */
export interface DailyVolume {
  /** On a working day. */
  workday: number;
  /** On a weekend or public holiday (fewer inspectors on duty). */
  restDay: number;
}

export const DEMO_VOLUME: DailyVolume = { workday: 220, restDay: 90 };

/** By ISO weekday (1 Monday … 7 Sunday): Monday brings the weekend's leftovers; Friday afternoons are quieter. */
export const WEEKDAY_FACTOR: readonly number[] = [1, 1.12, 1.03, 1, 0.98, 0.92, 1, 1];

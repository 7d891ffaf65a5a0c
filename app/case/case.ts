import type { LocalizedText } from '../city/city';
import Type, { type Static } from 'typebox';
import { CommunityCode, GridCodeText, StreetCode } from '../place/place-codes';
import { CaseAction, CaseRole } from './case-actions';
import { CaseStage } from './case-stage';

/** Where a case came from (docs/domain.md, "Sources and modes"): inspectors usually bring > 90 %. */
export const CASE_SOURCES = ['inspector', 'video', 'hotline-12345', 'hotline-12319', 'public-app', 'assigned', 'sensor'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CaseSource = Type.Enum(CASE_SOURCES);

export const SOURCE_NAMES: Readonly<Record<CaseSource, LocalizedText>> = {
  inspector: { zh: '监督员上报', en: 'Inspector' },
  video: { zh: '视频抓拍', en: 'Video' },
  'hotline-12345': { zh: '12345热线', en: '12345 hotline' },
  'hotline-12319': { zh: '12319热线', en: '12319 hotline' },
  'public-app': { zh: '公众随手拍', en: 'Public app' },
  assigned: { zh: '上级交办', en: 'Assigned from above' },
  sensor: { zh: '物联感知', en: 'Sensor' },
};

/** A catalogue key: kind and small-class code, e.g. `event.0102` (暴露垃圾), `part.0101` (上水井盖). */
export const CategoryKey = Type.String({ pattern: '^(event|part)\\.[0-9]{4,5}$' });

/** A photo by the hex digest of its bytes (SHA-256 by convention), so the same photo is stored once. */
export const PhotoHash = Type.String({ pattern: '^[0-9a-f]{40,128}$' });

/** An id of a person, unit or department as the hall knows it. */
const ActorId = Type.String({ pattern: '^[A-Za-z0-9_.:@\\u3400-\\u9fff-]{1,64}$' });

/**
 * A department (专业部门/责任单位) as the catalogue names it: cities name them in Chinese (区环卫中心), so
 * CJK is allowed; separators used by token settings (, : + @) and spaces are not.
 */
export const DepartmentId = Type.String({ pattern: '^[A-Za-z0-9_.()（）\\u3400-\\u9fff-]{1,64}$' });

export const CaseActor = Type.Object({ role: CaseRole, id: ActorId });
export type CaseActor = Static<typeof CaseActor>;

/**
 * One entry of a case's history (append-only): who took which action when, and the stage it led to.
 * The stage is written down so a history stays readable if the workflow table changes later.
 */
export const CaseEvent = Type.Object(
  {
    /** 1, 2, 3 … within the case. */
    seq: Type.Integer({ minimum: 1 }),
    /** ms since the epoch, on the hall's clock. */
    at: Type.Number({ minimum: 0 }),
    action: CaseAction,
    stage: CaseStage,
    by: CaseActor,
    /** The surface (console, handset, wall window) it was taken from. */
    surface: Type.Optional(Type.String({ maxLength: 64 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    /** dispatch: the department it went to. */
    department: Type.Optional(DepartmentId),
    /** extend-request: the deadline asked for; extend-approve: the deadline granted (ms epoch). */
    until: Type.Optional(Type.Number({ minimum: 0 })),
    /** Photos taken with this step (feedback: after-photos; check-pass, self-fix: on-site photos). */
    photos: Type.Optional(Type.Array(PhotoHash, { maxItems: 9 })),
  },
  { additionalProperties: false },
);
export type CaseEvent = Static<typeof CaseEvent>;

/** A case file (案卷) as stored and served: what was reported, where, and where it stands now. */
export const Case = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
    /** The number people quote (案卷号), unique in the hall. */
    caseNo: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' }),
    /** The id its source gave it (a terminal's report id, a hotline ticket): reporting twice is one case. */
    clientId: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
    source: CaseSource,
    category: CategoryKey,
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    grid: Type.Optional(GridCodeText),
    community: Type.Optional(CommunityCode),
    street: Type.Optional(StreetCode),
    description: Type.String({ maxLength: 4000 }),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    reportedAt: Type.Number({ minimum: 0 }),
    photos: Type.Array(PhotoHash, { maxItems: 9 }),
    stage: CaseStage,
    /** The department handling it (after dispatch). */
    department: Type.Optional(DepartmentId),
    /** It lies outside the hall's district: shown, but not counted for the district's places. */
    outsideDistrict: Type.Optional(Type.Boolean()),
    /** The class is urgent (紧急) in the catalogue, copied when the case is made. */
    urgent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type Case = Static<typeof Case>;

import type { CaseStage } from '../../app/case/case-stage';
import { stageName } from '../../app/case/case-stage';
import type { Catalogue } from '../../app/case/catalogue';
import type { CaseRecord } from '../cases/case-store';
import type { Open311Value } from './open311-format';
import { serviceNotice } from './open311-services';
import { w3DateTime } from './open311-time';

/*
 * A case as a GeoReport v2 service request:
 * - service_request_id is the case number (案卷号) people quote on the phone;
 * - status is closed once the case is closed (结案) or void (作废), open otherwise; status_notes names the
 *   stage in Chinese and English (`处置中 (Handling)`), since open/closed alone says little;
 * - expected_datetime is the current stage's deadline (none once closed), updated_datetime the last
 *   step (for a closed case, when it closed), agency_responsible the department it was dispatched to;
 * - description and address are what was reported. Nothing personal about the caller is kept, so none is
 *   returned; photos have no public URL, so there is no media_url.
 */

export type Open311Status = 'open' | 'closed';

/** Stages a client sees as closed. */
export const CLOSED_STAGES: readonly CaseStage[] = ['closed', 'void'];

export function statusOf(stage: CaseStage): Open311Status {
  return CLOSED_STAGES.includes(stage) ? 'closed' : 'open';
}

export function requestItem(rec: CaseRecord, catalogue: Catalogue, timeZone: string): Open311Value {
  const c = rec.case;
  const cls = catalogue.byKey.get(c.category);
  return {
    service_request_id: c.caseNo,
    status: statusOf(c.stage),
    status_notes: `${stageName(c.stage, 'zh-CN')} (${stageName(c.stage, 'en')})`,
    service_name: cls?.name.zh ?? c.category,
    service_code: c.category,
    description: c.description,
    agency_responsible: c.department ?? null,
    service_notice: serviceNotice(cls),
    requested_datetime: w3DateTime(c.reportedAt, timeZone),
    updated_datetime: w3DateTime(rec.updatedAt, timeZone),
    expected_datetime: rec.deadline === undefined ? null : w3DateTime(rec.deadline, timeZone),
    address: c.address ?? null,
    lat: c.lat,
    long: c.lon,
  };
}

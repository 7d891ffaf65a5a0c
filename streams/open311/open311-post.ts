import type { CaseSource } from '../../app/case/case';
import type { Catalogue, CatalogueClass } from '../../app/case/catalogue';
import { field, type Open311Form } from './form-body';
import { badRequest, notFound } from './open311-errors';
import { CHANNEL, CHANNELS } from './open311-services';

/** A POSTed request, checked: what a hotline case is made of. */
export interface Open311Submission {
  cls: CatalogueClass;
  source: CaseSource;
  lon: number;
  lat: number;
  description: string;
  address?: string;
}

/** The spec's limit on description, and the case model's (counted in UTF-16 units, as its schema checks). */
export const MAX_DESCRIPTION = 4000;
/** The case model's limit on address. */
export const MAX_ADDRESS = 200;

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

function coordinate(text: string | undefined, name: 'lat' | 'long', limit: number, problems: string[]): number | undefined {
  if (text === undefined) return undefined;
  const v = DECIMAL.test(text) ? Number(text) : NaN;
  if (Number.isFinite(v) && Math.abs(v) <= limit) return v;
  problems.push(`${name} "${text.slice(0, 40)}" is not a WGS84 ${name === 'lat' ? 'latitude (-90 … 90)' : 'longitude (-180 … 180)'} in decimal degrees.`);
  return undefined;
}

function location(form: Open311Form, problems: string[]): { lon: number; lat: number } | undefined {
  const latText = field(form, 'lat');
  const longText = field(form, 'long');
  if (latText === undefined && longText === undefined) {
    const other = field(form, 'address_string') !== undefined || field(form, 'address_id') !== undefined;
    // This hall has no geocoder: an address alone cannot be placed on a grid.
    problems.push(
      other
        ? 'lat and long are required: this hall cannot locate address_string or address_id on its own (no geocoder); send the WGS84 position too.'
        : 'A location is required: send lat and long (WGS84).',
    );
    return undefined;
  }
  if (latText === undefined || longText === undefined) {
    problems.push('lat and long must be sent together.');
    return undefined;
  }
  const lat = coordinate(latText, 'lat', 90, problems);
  const lon = coordinate(longText, 'long', 180, problems);
  return lat === undefined || lon === undefined ? undefined : { lon, lat };
}

function channel(form: Open311Form, problems: string[]): CaseSource | undefined {
  const answers = (form.attributes.get(CHANNEL) ?? []).map((v) => v.trim()).filter(Boolean);
  const keys = [...CHANNELS.keys()].join(' or ');
  if (answers.length === 0) {
    problems.push(`attribute[${CHANNEL}] is required: the hotline that took the call, ${keys}.`);
    return undefined;
  }
  const [key] = answers;
  const source = key !== undefined && answers.length === 1 ? CHANNELS.get(key) : undefined;
  if (!source) problems.push(`attribute[${CHANNEL}] must be one of ${keys} (a singlevaluelist), not "${answers.join(', ').slice(0, 40)}".`);
  return source;
}

/**
 * Checks a POSTed form against the catalogue. An unknown service_code is a 404 (the spec's "service_code
 * was not found"); every other problem is a 400, all of them reported at once.
 */
export function readSubmission(form: Open311Form, catalogue: Catalogue): Open311Submission {
  const code = field(form, 'service_code');
  if (code === undefined) throw badRequest('service_code was not provided: pick one from services.xml or services.json.');
  const cls = catalogue.byKey.get(code);
  if (!cls) throw notFound(`service_code "${code.slice(0, 40)}" was not found: pick one from services.xml or services.json.`);

  const problems: string[] = [];
  const where = location(form, problems);
  const source = channel(form, problems);
  const description = field(form, 'description') ?? '';
  if (description.length > MAX_DESCRIPTION) problems.push(`description is longer than ${MAX_DESCRIPTION} characters.`);
  const address = field(form, 'address_string');
  if (address !== undefined && address.length > MAX_ADDRESS) problems.push(`address_string is longer than ${MAX_ADDRESS} characters.`);
  if (problems.length > 0 || !where || !source) throw badRequest(problems);

  const out: Open311Submission = { cls, source, lon: where.lon, lat: where.lat, description };
  if (address !== undefined) out.address = address;
  return out;
}

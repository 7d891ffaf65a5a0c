import type { Open311Value } from './open311-format';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

export interface DiscoveryInput {
  /** The endpoint's absolute URL, e.g. `http://hall.local:8750/open311/v2`. */
  url: string;
  /** W3C datetime of the last change (the hall loaded its catalogue). */
  changeset: string;
  jurisdiction?: string;
}

/**
 * The Service Discovery document (wiki.open311.org/Service_Discovery): one production GeoReport v2
 * endpoint, in XML and JSON, and where a client gets an api_key (the hall administrator, a token of role
 * hotline in GRIDWALL_TOKENS).
 */
export function discoveryDoc(d: DiscoveryInput): Open311Value {
  const where = d.jurisdiction ? ` (jurisdiction_id ${d.jurisdiction})` : '';
  return {
    changeset: d.changeset,
    contact: `GridWall 城市管理监督指挥中心 — city-management supervision and command centre${where}.`,
    key_service: 'api_key: ask the centre administrator for a token of role hotline (GRIDWALL_TOKENS).',
    endpoints: [{ specification: SPECIFICATION, url: d.url, changeset: d.changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
  };
}

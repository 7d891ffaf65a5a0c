import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { LocalizedText } from '../../app/city/city';
import type { CaseData } from './case-data';

const CatalogueEntry = Type.Object({
  key: Type.String(),
  kind: Type.Union([Type.Literal('part'), Type.Literal('event')]),
  code: Type.String(),
  major: Type.Object({ code: Type.String(), name: LocalizedText }),
  name: LocalizedText,
  urgent: Type.Boolean(),
  department: Type.String(),
});

/** `GET /api/cases/catalogue`: the classes a case may have, with names in both languages (no personal data). */
export function registerCatalogueRoutes(app: FastifyInstance, data: CaseData): void {
  const body = data.catalogue.classes.map((c) => ({ key: c.key, kind: c.kind, code: c.code, major: c.major, name: c.name, urgent: c.urgent, department: c.department }));
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/cases/catalogue',
    { config: { access: 'kpis.read' }, schema: { summary: 'The component and event classes (部件和事件分类) cases are filed under', security: [{ bearer: [] }], response: { 200: Type.Array(CatalogueEntry) } } },
    async () => body,
  );
}

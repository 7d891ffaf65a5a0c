import { useI18n } from '../i18n/use-i18n';

/** A whole-screen notice for a wall that cannot show anything: no token, or one the hall refuses. */
export function AccessScreen({ kind, detail }: { kind: 'no-token' | 'refused' | 'connecting'; detail?: string }) {
  const { t } = useI18n();
  return (
    <div className="access-screen" data-testid="access-screen" data-kind={kind}>
      <h1>{t(`access.${kind}.title`)}</h1>
      <p>{t(`access.${kind}.body`)}</p>
      {detail && <p className="access-detail">{detail}</p>}
    </div>
  );
}

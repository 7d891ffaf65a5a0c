import { useStore } from 'zustand';
import { clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import type { PanelProps } from '../wall/contributions';
import { focusStore } from './focus-controller';

/** Over the map while it is focused on a grid: which grid, where, until when, and who asked. */
export function FocusBanner(_props: PanelProps) {
  const { l, timeZone } = useI18n();
  const { focus, grid } = useStore(focusStore);
  if (!focus || !grid) return null;
  const where = [grid.props.streetName, grid.props.communityName].filter(Boolean).join(' ');
  return (
    <div className="map-block focus-banner" data-testid="focus-banner">
      <strong>{l({ zh: '聚焦网格', en: 'Grid in focus' })}</strong> <span className="focus-code">{grid.props.code}</span>
      {where && <span> · {where}</span>}
      <small>
        {' '}
        · {l({ zh: '至 {t}', en: 'until {t}' }, { t: clockTime(focus.until, timeZone, false) })}
        {grid.props.approximate && ` · ${l({ zh: '边界近似', en: 'approximate boundary' })}`}
      </small>
    </div>
  );
}

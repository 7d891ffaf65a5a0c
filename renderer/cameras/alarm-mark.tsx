import { alarmKindLabel, type Alarm } from '../../app/alarm/alarm';
import { alarmChannel } from '../../app/alarm/alarm-channel';
import { clockTime } from '../i18n/i18n';
import { useI18n } from '../i18n/use-i18n';
import { useLatest } from '../live/live-store';

/** The camera's latest open alarm, if it has one (the hall removes an alarm from the channel when it is acknowledged). */
export function useCameraAlarm(cameraId: string | undefined): Alarm | undefined {
  const alarms = useLatest(alarmChannel);
  let latest: Alarm | undefined;
  if (cameraId === undefined) return undefined;
  for (const a of alarms.values()) if (a.cameraId === cameraId && a.ackAt === undefined && (!latest || a.lastAt > latest.lastAt)) latest = a;
  return latest;
}

/**
 * An open alarm on a tile: a red frame and "告警 · 占道经营 · 14:03:22" (when it happened, hall time; ×n when
 * repeated), sized by the tile's height like its label so it reads from 5 m. Never the platform's text.
 */
export function AlarmMark({ alarm }: { alarm: Alarm }) {
  const { l, timeZone } = useI18n();
  const text = l({ zh: '告警 · {kind} · {t}', en: 'ALARM · {kind} · {t}' }, { kind: l(alarmKindLabel(alarm.kind)), t: clockTime(alarm.at, timeZone) });
  return (
    <>
      <div className="cam-alarm-frame" />
      <div className="cam-alarm" data-testid="tile-alarm" data-alarm={alarm.id}>
        {text}
        {alarm.count > 1 && <span className="cam-alarm-count">×{alarm.count}</span>}
      </div>
    </>
  );
}

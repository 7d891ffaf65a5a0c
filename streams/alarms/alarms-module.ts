import type { Alarm } from '../../app/alarm/alarm';
import { MAX_OPEN_ALARMS } from '../../app/alarm/alarm';
import { alarmChannel } from '../../app/alarm/alarm-channel';
import type { HallModule } from '../hall/hall-module';
import { AlarmDesk, checkAlarm, type AckResult, type AlarmCameras, type AlarmWall, type RaiseResult } from './alarm-desk';
import { registerAlarmRoutes } from './alarm-routes';
import { ALARM_MIGRATIONS, listAlarms } from './alarm-store';

/** The alarms module's public API: tests, the demo and tools raise and acknowledge through it as HTTP does. */
export interface AlarmsModule extends HallModule {
  /** Raises an alarm as `POST /api/alarms` does (the body is checked the same way). */
  raise(body: unknown, by: string): Promise<RaiseResult>;
  ack(id: string, by: string): Promise<AckResult>;
  /** The open alarms this server holds, the latest first. */
  open(): Alarm[];
}

/**
 * Alarms (告警) from video analytics platforms, IoT sensor gateways and operators (`POST /api/alarms`):
 * stored in `gridwall_alarm`, open ones on the `alarms` channel, and linked to the CCTV wall (报警联动) — an
 * alarm with a camera pauses the tour and pins the camera until it is acknowledged.
 */
export function alarmsModule(cameras: AlarmCameras, wall: AlarmWall): AlarmsModule {
  let desk: AlarmDesk | undefined;
  const starting = { ok: false as const, status: 503 as const, error: 'starting', message: 'the alarms module is not set up yet.' };

  return {
    name: 'alarms',
    migrations: ALARM_MIGRATIONS,
    raise: async (body, by) => (desk ? desk.raise(body, by) : starting),
    ack: async (id, by) => (desk ? desk.ack(id, by) : starting),
    open: () => desk?.openAlarms() ?? [],

    setup(hall) {
      const channel = hall.channel(alarmChannel, {
        // Another server's alarms are on its wall and in the shared database already: only kept and shown here.
        onRemote: (change) => {
          for (const { item } of change.upsert) d.remote(item);
          for (const id of change.remove) d.drop(id, false);
        },
      });
      const d = new AlarmDesk({
        cameras,
        wall,
        now: () => hall.clock.now(),
        locate: hall.locate,
        intake: hall.intake,
        db: () => hall.db.ready,
        publish: (a, relay) => void channel.upsert(a, { relay }),
        unpublish: (id, relay) => channel.remove(id, { relay }),
        log: hall.log,
      });
      desk = d;

      hall.onDatabase(async (db) => {
        const stored = await listAlarms(db, { open: true, limit: MAX_OPEN_ALARMS });
        const valid = stored.filter((a): a is Alarm => checkAlarm.Check(a));
        if (valid.length !== stored.length) hall.log.warn('warm-start', `warm start skipped ${stored.length - valid.length} stored alarm(s) that are not valid`);
        d.restore(valid.reverse());
      });
      hall.routes((app) => registerAlarmRoutes(app, { raise: (b, by) => d.raise(b, by), ack: (id, by) => d.ack(id, by), db: () => hall.db.current(), valid: (x): x is Alarm => checkAlarm.Check(x) }));
      hall.health(() => ({ open: d.openAlarms().length }));
    },
  };
}

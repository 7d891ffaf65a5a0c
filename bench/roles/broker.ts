// The baseline's broker: the same embedded broker (aedes over TCP) the hall runs, alone in its process.
import { startEmbeddedBroker, type EmbeddedBroker } from '../../streams/ingest/embedded-broker';
import { serve } from '../child';

let broker: EmbeddedBroker | undefined;

serve<{ type: 'start' } | { type: 'stop' }>(async (req) => {
  if (req.type === 'start') {
    broker = await startEmbeddedBroker({ host: '127.0.0.1', port: { setting: 'MQTT_PORT', port: 0, explicit: true }, allowMove: false, clientRate: 1e9 });
    return { url: broker.url };
  }
  await broker?.close();
  return { ok: true };
});

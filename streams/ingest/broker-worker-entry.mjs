// Worker threads do not inherit the tsx loader: register it here, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./broker-worker.ts');

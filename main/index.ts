// Electron main entry: `electron dist/main/main.cjs --wall-url=http://<hall>:8750/`
import { electronPorts, quitWithError, whenReady } from './electron-adapter';
import { startKiosk } from './kiosk/kiosk-controller';
import { parseWallUrl } from './security/navigation-policy';
import { wallTokenFromEnv, wallUrlFromArgs } from './kiosk/wall-url-args';
import { DEFAULT_KIOSK } from './kiosk/kiosk-controller';

async function run(): Promise<void> {
  await whenReady();
  let wallUrl: URL;
  try {
    wallUrl = parseWallUrl(wallUrlFromArgs(process.argv, process.env));
  } catch (err) {
    quitWithError((err as Error).message);
    return;
  }
  startKiosk(electronPorts(), wallUrl, DEFAULT_KIOSK, wallTokenFromEnv(process.env));
}

void run();

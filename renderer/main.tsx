import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './theme/wall.css';
import { CityInfo } from '../app/city/city';
import { ChannelRegistry } from '../app/live/channel';
import { SurfaceSession } from '../app/hall/surface-session';
import { STANDARD_LAYOUTS } from '../app/wall/standard-layouts';
import { chooseLayout, layoutProblems } from '../app/wall/wall-layout';
import { AccessScreen } from './access/AccessScreen';
import { HallApi, HallError } from './access/hall-api';
import { setSurface } from './access/surface';
import { TOKEN_KEY, tokenFrom, withoutToken } from './access/surface-token';
import { localizer, pickLocale, translator } from './i18n/i18n';
import { I18nContext } from './i18n/use-i18n';
import { wallCheck } from './live/checks';
import { installDiagnostics } from './live/diagnostics';
import { LiveClient } from './live/live-client';
import { linkStore, noteServerTime, setView } from './live/live-store';
import { scopeFromSearch } from './live/scope-from-url';
import { RENDERER_MODULES } from './modules';
import { Contributions } from './wall/contributions';
import { WallPage } from './wall/WallPage';

const params = new URLSearchParams(location.search);
const locale = pickLocale(location.search, localStorage.getItem('gridwall.lang'));
document.documentElement.lang = locale;
const root = createRoot(document.getElementById('root') as HTMLElement);
const render = (node: React.ReactNode, timeZone = 'Asia/Shanghai') =>
  root.render(
    <StrictMode>
      <I18nContext.Provider value={{ locale, t: translator(locale), l: localizer(locale), timeZone }}>{node}</I18nContext.Provider>
    </StrictMode>,
  );

// The token: from the URL the hall printed (then kept, and taken off the address bar), or the kept one.
const found = tokenFrom({ hash: location.hash, search: location.search }, localStorage.getItem(TOKEN_KEY));
if (found.fromUrl && found.token) {
  localStorage.setItem(TOKEN_KEY, found.token);
  history.replaceState(null, '', withoutToken(location.href));
}

async function boot(token: string): Promise<void> {
  const api = new HallApi(token);
  render(<AccessScreen kind="connecting" />);
  let session: SurfaceSession;
  let city: CityInfo;
  try {
    session = await api.getRetrying('/api/session', SurfaceSession);
    city = await api.getRetrying('/api/city', CityInfo);
  } catch (err) {
    render(<AccessScreen kind="refused" detail={err instanceof HallError ? err.message : String(err)} />);
    return;
  }
  setSurface(session, api.authorization, api);
  document.title = locale === 'en' ? city.centreName.en : city.centreName.zh;

  const contributions = new Contributions(RENDERER_MODULES);
  const registry = new ChannelRegistry(wallCheck);
  for (const c of contributions.channels) registry.register(c);
  const layout = chooseLayout(STANDARD_LAYOUTS, window.innerWidth, window.innerHeight, params.get('layout') ?? new URLSearchParams(location.hash.slice(1)).get('layout') ?? undefined);
  const problems = layoutProblems(layout, new Set(contributions.panels.keys()));
  if (problems.length) console.error(`gridwall: ${problems.join(' ')}`);

  const surfaceParam = params.get('surface') ?? '';
  const surface = /^[A-Za-z0-9_.:-]{1,64}$/.test(surfaceParam) ? surfaceParam : 'wall-0';
  const scope = scopeFromSearch(location.search) ?? session.scope;
  const live = new LiveClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live`,
    surface,
    token,
    ...(scope ? { scope } : {}),
    registry,
    getView: () => linkStore.getState().view,
    onView: setView,
    onConnection: (connection) => linkStore.setState({ connection }),
    onServerTime: (t) => noteServerTime(t),
  });
  live.start();
  installDiagnostics(layout.name);
  render(<WallPage city={city} scope={scope} layout={layout} contributions={contributions} />, city.timeZone);
}

if (found.token) void boot(found.token);
else render(<AccessScreen kind="no-token" />);

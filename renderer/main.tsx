import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './theme/wall.css';
import { loadCity } from './city/load-city';
import { installDiagnostics } from './diagnostics';
import { pickLocale, translator } from './i18n/i18n';
import { I18nContext } from './i18n/use-i18n';
import { LiveClient } from './live/live-client';
import { scopeFromSearch } from './live/scope-from-url';
import { wallStore } from './live/live-store';
import { WallPage } from './wall/WallPage';

const params = new URLSearchParams(location.search);
const locale = pickLocale(location.search, localStorage.getItem('gridwall.lang'));
document.documentElement.lang = locale;
const surfaceParam = params.get('surface') ?? '';
const surface = /^[A-Za-z0-9_.:-]{1,64}$/.test(surfaceParam) ? surfaceParam : 'wall-0';
const scope = scopeFromSearch(location.search);

const live = new LiveClient({
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live`,
  surface,
  scope,
  getView: () => wallStore.getState().view,
  onView: (view) => wallStore.getState().setView(view),
  onConnection: (c) => wallStore.getState().setConnection(c),
});
live.start();
installDiagnostics(wallStore);

// The trend chart samples the live view every 2 s.
wallStore.getState().sampleOnline(Date.now());
setInterval(() => wallStore.getState().sampleOnline(Date.now()), 2000);

const root = createRoot(document.getElementById('root') as HTMLElement);
const city = await loadCity();
document.title = locale === 'en' ? city.centreName.en : city.centreName.zh;
root.render(
  <StrictMode>
    <I18nContext.Provider value={{ locale, t: translator(locale), timeZone: city.timeZone }}>
      <WallPage city={city} scope={scope} />
    </I18nContext.Provider>
  </StrictMode>,
);

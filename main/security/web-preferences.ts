/**
 * webPreferences for every wall window. The renderer is a web page from the hall server: it gets no
 * Node, runs sandboxed and isolated, and may not load insecure content. Kept as plain data so tests
 * can assert it without Electron.
 */
export interface HardenedWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: false;
  /** A wall is never "in the background": keep timers and video running at full rate. */
  backgroundThrottling: false;
  autoplayPolicy: 'no-user-gesture-required';
}

export function hardenedWebPreferences(): HardenedWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    backgroundThrottling: false,
    autoplayPolicy: 'no-user-gesture-required',
  };
}

import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import type { CityInfo, LocalizedText } from '../../../app/city/city';
import type { EvidenceBox } from '../../../app/evidence/evidence';
import { clockTime } from '../../i18n/i18n';
import { useI18n } from '../../i18n/use-i18n';
import { captureStore, endCapture, type Capture, type EvidenceStatus } from './capture-store';
import { catalogueOnce, openCase, suggestCategories, type Catalogue, type EvidenceSource, type Suggestions } from './evidence-api';
import { FramePane } from './FramePane';

function placeName(city: CityInfo, code: string | undefined): string | undefined {
  return code ? (city.places.find((p) => p.code === code)?.shortName ?? code) : undefined;
}

const EVIDENCE_SOURCE: Record<EvidenceSource, LocalizedText> = {
  dvr: { zh: '录像原始帧', en: 'frame from the recording' },
  buffered: { zh: '播放缓存原始帧（录像中无此时刻）', en: 'frame from the player’s segment (not in the recording)' },
  'screen-capture': { zh: '屏幕截取（录像中无此时刻）', en: 'screen capture (not in the recording)' },
};

function EvidenceLine({ e }: { e: EvidenceStatus }) {
  const { l } = useI18n();
  if (e.state === 'sending') return <span className="cap-ev cap-ev-wait">{l({ zh: '正在取证…', en: 'Taking evidence…' })}</span>;
  if (e.state === 'failed') return <span className="cap-ev cap-ev-bad">{l({ zh: '取证失败：{m}', en: 'Evidence failed: {m}' }, { m: e.message })}</span>;
  const kind: LocalizedText = EVIDENCE_SOURCE[e.kind];
  return (
    <span className={`cap-ev ${e.kind === 'screen-capture' ? 'cap-ev-screen' : 'cap-ev-ok'}`} data-testid="capture-evidence" data-kind={e.kind}>
      {l({ zh: '已取证 · {k}', en: 'Evidence taken · {k}' }, { k: l(kind) })}
      <small>{e.captured.id}</small>
    </span>
  );
}

/** The classes to offer: the camera's usual ones first (suggested), then the whole catalogue. */
function useCategories(cameraId: string): { suggested: Suggestions['items']; all: Catalogue } {
  const [suggested, setSuggested] = useState<Suggestions['items']>([]);
  const [all, setAll] = useState<Catalogue>([]);
  useEffect(() => {
    let live = true;
    suggestCategories(cameraId).then((s) => live && setSuggested(s.items.slice(0, 4)), () => undefined);
    catalogueOnce().then((c) => live && setAll(c), () => undefined);
    return () => {
      live = false;
    };
  }, [cameraId]);
  return { suggested, all };
}

/** The case form over the frozen frame: prefilled from the camera, a category suggested, a box to draw. */
function CaptureDialog({ capture, city }: { capture: Capture; city: CityInfo }) {
  const { l, locale, timeZone } = useI18n();
  const { camera, frame, evidence } = capture;
  const { suggested, all } = useCategories(camera.id);
  const [picked, setCategory] = useState('');
  // The camera's most usual class until the operator picks one.
  const category = picked || (suggested[0]?.category ?? '');
  const [description, setDescription] = useState('');
  const [box, setBox] = useState<EvidenceBox | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const name = (key: string, fallback?: LocalizedText) => {
    const n = all.find((c) => c.key === key)?.name ?? fallback;
    return n ? l(n) : key;
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => void (e.key === 'Escape' && endCapture());
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const at = frame.streamTime ?? capture.clickedAt;
  const day = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const where = [placeName(city, camera.street), placeName(city, camera.community)].filter(Boolean).join(' · ');
  const ready = evidence.state === 'ok' && category !== '' && !saving;

  const save = async () => {
    if (evidence.state !== 'ok' || !category) return;
    setSaving(true);
    setError(undefined);
    const r = await openCase(evidence.captured.id, { category, ...(description.trim() ? { description: description.trim() } : {}), ...(box ? { box } : {}) });
    setSaving(false);
    if (r.ok) endCapture({ caseNo: r.value.caseNo, caseId: r.value.id });
    else setError(r.message);
  };

  return (
    <div className="cap-backdrop" data-testid="capture-dialog">
      <section className="cap-dialog" role="dialog" aria-modal="true" aria-label={l({ zh: '视频取证立案', en: 'Capture evidence and open a case' })}>
        <header className="cap-head">
          <h2>{l({ zh: '视频取证 · 立案', en: 'Video evidence · new case' })}</h2>
          <button type="button" className="cap-close" onClick={() => endCapture()} aria-label={l({ zh: '关闭', en: 'Close' })}>
            ×
          </button>
        </header>
        <div className="cap-body">
          <FramePane frame={frame} box={box} onBox={setBox} />
          <form className="cap-form" onSubmit={(e) => (e.preventDefault(), void save())}>
            <dl className="cap-facts">
              <dt>{l({ zh: '摄像机', en: 'Camera' })}</dt>
              <dd data-testid="capture-camera">{camera.name}</dd>
              <dt>{l({ zh: '画面时间', en: 'Frame time' })}</dt>
              <dd className="cap-time" data-testid="capture-time">
                {day} {clockTime(at, timeZone)}
                {frame.streamTime === undefined && <small>{l({ zh: '（点击时刻）', en: ' (time of the click)' })}</small>}
              </dd>
              {where && (
                <>
                  <dt>{l({ zh: '位置', en: 'Place' })}</dt>
                  <dd>{where}</dd>
                </>
              )}
              {camera.grid && (
                <>
                  <dt>{l({ zh: '网格', en: 'Grid' })}</dt>
                  <dd className="cap-code">{camera.grid}</dd>
                </>
              )}
              <dt>{l({ zh: '证据', en: 'Evidence' })}</dt>
              <dd>
                <EvidenceLine e={evidence} />
              </dd>
            </dl>
            <fieldset className="cap-cats">
              <legend>{l({ zh: '问题类别', en: 'Problem' })}</legend>
              {suggested.length > 0 && (
                <div className="cap-chips" data-testid="capture-suggested">
                  {suggested.map((s) => (
                    <button type="button" key={s.category} className={s.category === category ? 'cap-chip cap-chip-on' : 'cap-chip'} onClick={() => setCategory(s.category)}>
                      {name(s.category, s.name)}
                    </button>
                  ))}
                </div>
              )}
              <select value={category} onChange={(e) => setCategory(e.target.value)} data-testid="capture-category" aria-label={l({ zh: '问题类别', en: 'Problem' })}>
                <option value="">{l({ zh: '— 选择类别 —', en: '— choose —' })}</option>
                {suggested.filter((s) => !all.some((c) => c.key === s.category)).map((s) => (
                  <option key={s.category} value={s.category}>
                    {name(s.category, s.name)}
                  </option>
                ))}
                {all.map((c) => (
                  <option key={c.key} value={c.key}>
                    {l(c.name)}
                  </option>
                ))}
              </select>
            </fieldset>
            <label className="cap-desc">
              <span>{l({ zh: '描述（可选）', en: 'Description (optional)' })}</span>
              <textarea value={description} maxLength={4000} rows={3} onChange={(e) => setDescription(e.target.value)} placeholder={l({ zh: '如：门前占道堆放货物', en: 'e.g. goods piled on the pavement' })} />
            </label>
            {error && <p className="cap-error">{error}</p>}
            <footer className="cap-actions">
              <button type="button" onClick={() => endCapture()} data-testid="capture-cancel">
                {l({ zh: '取消', en: 'Cancel' })}
              </button>
              <button type="submit" className="cap-primary" disabled={!ready} data-testid="capture-save">
                {saving ? l({ zh: '立案中…', en: 'Opening…' }) : l({ zh: '立案', en: 'Open case' })}
              </button>
            </footer>
          </form>
        </div>
      </section>
    </div>
  );
}

/** Where the case form shows: over the whole window, for the panel whose tile was clicked. */
export function CaptureHost({ host, city }: { host: string; city: CityInfo }) {
  const current = useStore(captureStore, (s) => s.current);
  if (!current || current.host !== host || current.phase !== 'open') return null;
  return createPortal(<CaptureDialog key={`${current.tile}@${current.clickedAt}`} capture={current} city={city} />, document.body);
}

import { useEffect, useState } from 'react';
import Type, { type Static } from 'typebox';
import { Case, CaseEvent } from '../../app/case/case';
import { surfaceAuthorization, surfaceGet } from '../access/surface';
import { mayReadCaseFiles } from './case-access';

/** `GET /api/cases/{id}`: the case file, its history, and the current stage's deadline. */
export const CaseFile = Type.Object({
  case: Case,
  history: Type.Array(CaseEvent),
  deadline: Type.Optional(Type.Number()),
  createdAt: Type.Optional(Type.Number()),
  updatedAt: Type.Optional(Type.Number()),
});
export type CaseFile = Static<typeof CaseFile>;

export type FileState = { state: 'none' } | { state: 'loading' } | { state: 'failed' } | { state: 'ok'; file: CaseFile };

/**
 * The case file behind a card, fetched again when the case moves (`version`: its mark's updatedAt). Not
 * fetched at all where the surface may not read case files (exhibit): the card then shows the mark alone.
 */
export function useCaseFile(caseId: string, version: number | undefined): FileState {
  const allowed = mayReadCaseFiles();
  const key = `${caseId}@${version ?? ''}`;
  const [got, setGot] = useState<{ key: string; state: FileState }>({ key: '', state: { state: 'loading' } });
  useEffect(() => {
    if (!allowed) return;
    const abort = new AbortController();
    surfaceGet(`/api/cases/${encodeURIComponent(caseId)}`, CaseFile, abort.signal)
      .then((file) => setGot({ key, state: { state: 'ok', file } }))
      .catch(() => void (abort.signal.aborted || setGot((prev) => (prev.key === key ? prev : { key, state: prev.state.state === 'ok' ? prev.state : { state: 'failed' } }))));
    return () => abort.abort();
  }, [allowed, caseId, key]);
  if (!allowed) return { state: 'none' };
  // A newer version is loading: keep showing the last file of the same case meanwhile (no flicker).
  if (got.key !== key) return got.key.startsWith(`${caseId}@`) ? got.state : { state: 'loading' };
  return got.state;
}

/** A case photo (`GET /api/cases/photos/{hash}`, with the surface's token) as an object URL, released when no longer shown. */
export function usePhoto(hash: string): string | undefined {
  const [shown, setShown] = useState<{ hash: string; url: string } | undefined>(undefined);
  useEffect(() => {
    const abort = new AbortController();
    let url: string | undefined;
    fetch(`/api/cases/photos/${encodeURIComponent(hash)}`, { headers: { authorization: surfaceAuthorization() }, signal: abort.signal })
      .then((res) => (res.ok ? res.blob() : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((blob) => {
        url = URL.createObjectURL(blob);
        setShown({ hash, url });
      })
      .catch(() => undefined); // a missing photo is left out, not shown as broken
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [hash]);
  return shown?.hash === hash ? shown.url : undefined;
}

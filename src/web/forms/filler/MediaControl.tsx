/**
 * Photos, recordings and files. A photo is taken with the phone's camera
 * (or picked from the gallery), made smaller on the phone, and stored in
 * IndexedDB with the draft; the answer is its file name. In an edit, a file
 * not replaced is the one already on the server.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentUrl } from '../api.js';
import { getFile, saveFile } from '../store/db.js';
import { answerFileName, DEFAULT_MAX_PIXELS, resizeImage } from '../store/media.js';
import type { ControlProps } from './controls.js';
import { hasAppearance } from './controls.js';
import { useFiller } from './context.js';

const WARN_BYTES = 20 * 1024 * 1024;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Object URL of a stored file (revoked when it changes), or the server copy for an edit. */
function useStoredFile(draftId: string, name: string, serverUrl: string | null) {
  const [state, setState] = useState<{ url: string | null; size: number | null; type: string; onServer: boolean }>({ url: null, size: null, type: '', onServer: false });
  useEffect(() => {
    let url: string | null = null;
    let cancelled = false;
    if (!name) {
      setState({ url: null, size: null, type: '', onServer: false });
      return;
    }
    void getFile(draftId, name).then((f) => {
      if (cancelled) return;
      if (f) {
        url = URL.createObjectURL(f.blob);
        setState({ url, size: f.blob.size, type: f.type, onServer: false });
      } else setState({ url: serverUrl, size: null, type: '', onServer: serverUrl !== null });
    });
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
    };
  }, [draftId, name, serverUrl]);
  return state;
}

export function MediaControl(p: ControlProps) {
  const { t } = useTranslation();
  const { draftId, formId, deprecatedId } = useFiller();
  const { model } = p;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const camera = useRef<HTMLInputElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const serverUrl = deprecatedId && p.value ? attachmentUrl(formId, deprecatedId, p.value) : null;
  const stored = useStoredFile(draftId, p.value, serverUrl);

  const kind = model.type === 'image' ? 'image' : model.type === 'audio' ? 'audio' : model.type === 'video' ? 'video' : 'file';
  const accept = kind === 'file' ? (model.extra?.['body::accept'] ?? undefined) : `${kind}/*`;
  const cameraOnly = hasAppearance(model, 'new');
  const selfie = hasAppearance(model, 'selfie') || hasAppearance(model, 'new-front');
  const maxPixels = Number(model.parameters?.['max-pixels'] ?? DEFAULT_MAX_PIXELS) || DEFAULT_MAX_PIXELS;

  async function take(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const blob = kind === 'image' ? await resizeImage(file, maxPixels) : file;
      const name = answerFileName(blob, file.name);
      await saveFile(draftId, name, blob);
      p.onChange(name);
      if (blob.size > WARN_BYTES) setError(t('filler.fileLarge', { size: formatSize(blob.size) }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      if (camera.current) camera.current.value = '';
      if (picker.current) picker.current.value = '';
    }
  }

  const captureLabel = kind === 'image' ? t('filler.takePhoto') : kind === 'audio' ? t('filler.record') : kind === 'video' ? t('filler.recordVideo') : null;
  return (
    <div className="media" id={p.id} role="group" aria-labelledby={`${p.id}-label`}>
      {p.value ? (
        <div className="media-preview">
          {stored.url && kind === 'image' ? <img src={stored.url} alt={t('filler.photoPreview')} /> : null}
          {stored.url && kind === 'audio' ? <audio controls src={stored.url} /> : null}
          {stored.url && kind === 'video' ? <video controls src={stored.url} /> : null}
          <p className="small muted">
            {p.value}
            {stored.size !== null ? ` · ${formatSize(stored.size)}` : ''}
            {stored.onServer ? ` · ${t('filler.onServer')}` : ''}
          </p>
        </div>
      ) : null}
      {p.readonly ? null : (
        <div className="button-row">
          {captureLabel ? (
            <label className={`button button-small${busy ? ' is-busy' : ''}`}>
              {captureLabel}
              <input
                ref={camera}
                className="visually-hidden-file"
                type="file"
                accept={accept}
                capture={selfie ? 'user' : 'environment'}
                disabled={busy}
                onChange={(e) => void take(e.target.files?.[0])}
              />
            </label>
          ) : null}
          {!cameraOnly || !captureLabel ? (
            <label className={`button button-small${busy ? ' is-busy' : ''}`}>
              {kind === 'image' ? t('filler.choosePhoto') : t('filler.chooseFile')}
              <input
                ref={picker}
                className="visually-hidden-file"
                type="file"
                {...(accept ? { accept } : {})}
                disabled={busy}
                onChange={(e) => void take(e.target.files?.[0])}
              />
            </label>
          ) : null}
          {p.value ? (
            <button type="button" className="button button-small button-quiet" onClick={() => p.onChange('')}>
              {t('filler.removeFile')}
            </button>
          ) : null}
        </div>
      )}
      {busy ? <p className="small muted" role="status">{t('filler.processing')}</p> : null}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

import { useEffect, useState, useSyncExternalStore } from 'react';
import { listDrafts, listOutbox, onStoreChange, type Draft, type OutboxItem } from './store/db.js';
import { onSyncStatus, syncStatus, type SyncStatus } from './store/sync.js';

export interface DeviceData {
  drafts: Draft[];
  outbox: OutboxItem[];
  loaded: boolean;
}

/** This user's drafts and outbox on the device, kept up to date. */
export function useDeviceData(userId: string | undefined): DeviceData {
  const [data, setData] = useState<DeviceData>({ drafts: [], outbox: [], loaded: false });
  useEffect(() => {
    if (!userId) return;
    let cancelled = false;
    const read = () => {
      Promise.all([listDrafts(userId), listOutbox(userId)])
        .then(([drafts, outbox]) => {
          if (!cancelled) setData({ drafts, outbox, loaded: true });
        })
        .catch((err: unknown) => {
          console.warn('could not read the device store', err);
          if (!cancelled) setData((d) => ({ ...d, loaded: true }));
        });
    };
    read();
    const off = onStoreChange(read);
    return () => {
      cancelled = true;
      off();
    };
  }, [userId]);
  return data;
}

export function useSyncStatus(): SyncStatus {
  return useSyncExternalStore(onSyncStatus, syncStatus);
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (cb) => {
      window.addEventListener('online', cb);
      window.addEventListener('offline', cb);
      return () => {
        window.removeEventListener('online', cb);
        window.removeEventListener('offline', cb);
      };
    },
    () => navigator.onLine,
  );
}

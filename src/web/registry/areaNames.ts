/**
 * Names of areas by code for lists that only carry codes (901101-R01 →
 * ชุมชนหลังสถานีรถไฟ), looked up once per code and kept for the session.
 */
import { useEffect, useState } from 'react';
import { api, type AreaDetail } from '../api.js';

const cache = new Map<string, Promise<AreaDetail | null>>();

export function lookupArea(code: string): Promise<AreaDetail | null> {
  let hit = cache.get(code);
  if (!hit) {
    hit = api.area(code).catch(() => {
      cache.delete(code);
      return null;
    });
    cache.set(code, hit);
  }
  return hit;
}

/** The areas of the given codes, filled in as the lookups answer. */
export function useAreas(codes: readonly string[]): Map<string, AreaDetail> {
  const [areas, setAreas] = useState<Map<string, AreaDetail>>(() => new Map());
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    void Promise.all(wanted.map(async (code) => [code, await lookupArea(code)] as const)).then((found) => {
      if (!live) return;
      setAreas((old) => {
        const next = new Map(old);
        for (const [code, area] of found) if (area) next.set(code, area);
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [key]);
  return areas;
}

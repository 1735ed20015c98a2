/**
 * Where areas are, for the dashboard map. Subdistricts and communities have
 * coordinates; a district or province is placed at the mean of its
 * subdistricts (looked up through the areas API, a few calls at a time, and
 * kept for the session). The API has no call that gives many areas'
 * coordinates at once, so a province's first map costs about one call per
 * subdistrict.
 */
import { api } from '../api.js';

export interface LatLon {
  lat: number;
  lon: number;
}

/** Runs async jobs a few at a time. */
export function limiter(concurrency: number) {
  let running = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (running >= concurrency) return;
    const job = queue.shift();
    if (job) job();
  };
  return function run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push(() => {
        running++;
        task()
          .then(resolve, reject)
          .finally(() => {
            running--;
            next();
          });
      });
      next();
    });
  };
}

const limit = limiter(6);
const cache = new Map<string, Promise<LatLon | null>>();

function mean(points: LatLon[]): LatLon | null {
  if (!points.length) return null;
  return { lat: points.reduce((s, p) => s + p.lat, 0) / points.length, lon: points.reduce((s, p) => s + p.lon, 0) / points.length };
}

/** The area's own coordinates, else the mean of its children's (recursively); null when none is known. */
export function centroid(code: string): Promise<LatLon | null> {
  let hit = cache.get(code);
  if (!hit) {
    hit = (async () => {
      const area = await limit(() => api.area(code));
      if (area.lat !== null && area.lon !== null) return { lat: area.lat, lon: area.lon };
      if (!area.childCount) return null;
      const children = await limit(() => api.areas(code));
      const points = await Promise.all(children.map((c) => centroid(c.code)));
      return mean(points.filter((p): p is LatLon => p !== null));
    })().catch(() => {
      cache.delete(code);
      return null;
    });
    cache.set(code, hit);
  }
  return hit;
}

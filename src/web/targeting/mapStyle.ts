/** How the dashboard map draws an area (kept apart from AreaMap so Leaflet loads only with the map). */

/** Light to dark: low to high rate. */
export const MAP_COLOURS = ['#fde7c4', '#f8b878', '#ef7f4a', '#d24a2c', '#9c1c12'];

export interface MapPoint {
  code: string;
  name: string;
  lat: number;
  lon: number;
  /** 0..1 within the areas shown: the circle's size and colour; null = no figure. */
  weight: number | null;
  /** What the tooltip and popup say ("หาดใหญ่: 4.1% (46)"). */
  label: string;
  href: string;
}

export function colourOf(weight: number | null): string {
  if (weight === null) return '#b8c4bf';
  return MAP_COLOURS[Math.min(MAP_COLOURS.length - 1, Math.floor(weight * MAP_COLOURS.length))]!;
}

export function radiusOf(weight: number | null): number {
  return weight === null ? 6 : 8 + 20 * Math.sqrt(weight);
}

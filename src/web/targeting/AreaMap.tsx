/**
 * The dashboard map: a circle per area at its coordinates, sized and
 * coloured by a rate. Drawn with Leaflet on a plain background: no tile
 * server is contacted unless one is configured, by `window.RUAMJAI_TILE_URL`
 * or `<meta name="ruamjai-tile-url" content="https://…/{z}/{x}/{y}.png">`
 * (attribution: RUAMJAI_TILE_ATTRIBUTION or `<meta name="ruamjai-tile-attribution">`).
 */
import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { colourOf, radiusOf, type MapPoint } from './mapStyle.js';

declare global {
  interface Window {
    RUAMJAI_TILE_URL?: string;
    RUAMJAI_TILE_ATTRIBUTION?: string;
  }
}

function setting(windowValue: string | undefined, meta: string): string | null {
  if (windowValue) return windowValue;
  const content = document.querySelector<HTMLMetaElement>(`meta[name="${meta}"]`)?.content.trim();
  return content || null;
}

export function tileSettings(): { url: string | null; attribution: string | null } {
  return {
    url: setting(window.RUAMJAI_TILE_URL, 'ruamjai-tile-url'),
    attribution: setting(window.RUAMJAI_TILE_ATTRIBUTION, 'ruamjai-tile-attribution'),
  };
}

export default function AreaMap({ points, label, openLabel }: { points: MapPoint[]; label: string; openLabel: string }) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const navigate = useNavigate();
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;

  useEffect(() => {
    if (!el.current) return;
    const tiles = tileSettings();
    const m = L.map(el.current, { scrollWheelZoom: false, attributionControl: Boolean(tiles.url), zoomSnap: 0.25 });
    if (tiles.url) L.tileLayer(tiles.url, { attribution: tiles.attribution ?? '', maxZoom: 19 }).addTo(m);
    L.control.scale({ imperial: false }).addTo(m);
    map.current = m;
    layer.current = L.layerGroup().addTo(m);
    m.setView([7.0, 100.47], 10);
    return () => {
      m.remove();
      map.current = null;
      layer.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    const g = layer.current;
    if (!m || !g) return;
    g.clearLayers();
    const sorted = [...points].sort((a, b) => (b.weight ?? -1) - (a.weight ?? -1));
    for (const p of sorted) {
      const popup = document.createElement('div');
      const title = document.createElement('p');
      title.className = 'map-popup-title';
      title.textContent = p.label;
      const link = document.createElement('a');
      link.href = p.href;
      link.textContent = openLabel;
      link.addEventListener('click', (e) => {
        e.preventDefault();
        void navigateRef.current(p.href);
      });
      popup.append(title, link);
      L.circleMarker([p.lat, p.lon], {
        radius: radiusOf(p.weight),
        color: '#5a2a1a',
        weight: 1,
        fillColor: colourOf(p.weight),
        fillOpacity: 0.8,
      })
        // a few areas are named on the map; more would overlap
        .bindTooltip(points.length <= 6 ? p.name : p.label, points.length <= 6 ? { permanent: true, direction: 'top', offset: [0, -radiusOf(p.weight)] } : {})
        .bindPopup(popup)
        .addTo(g);
    }
    if (points.length === 1) m.setView([points[0]!.lat, points[0]!.lon], 12);
    else if (points.length > 1) m.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon] as [number, number])), { padding: [36, 36], maxZoom: 14 });
  }, [points, openLabel]);

  return <div ref={el} className="area-map" role="region" aria-label={label} data-testid="area-map" />;
}

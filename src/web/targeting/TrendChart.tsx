/**
 * A small SVG line chart of an indicator's count over time, drawn at the
 * width of its box (so its text stays readable on a phone). Withheld public
 * counts (under 5) break the line and show as hollow points near zero.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTargetingT } from '../i18n/scoped.js';
import { DEFAULT_TIME_ZONE, formatDay } from '../lib/dates.js';
import { useLang } from '../lib/lang.js';
import { formatNumber } from '../registry/labels.js';
import type { Trend } from './api.js';
import { countText } from './common.js';
import { niceMax } from './util.js';

function useWidth(): [RefObject<HTMLElement | null>, number] {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(600);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(240, Math.round(el.clientWidth)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}


export function TrendChart({ trend, title }: { trend: Trend; title: string }) {
  const tt = useTargetingT();
  const lang = useLang();
  const [box, width] = useWidth();
  const points = trend.points;
  const height = 200;
  const pad = { top: 12, right: 14, bottom: 30, left: 40 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const max = niceMax(Math.max(0, ...points.map((p) => p.count ?? 0)));
  const x = (i: number) => pad.left + (points.length <= 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (v: number) => pad.top + innerH - (v / max) * innerH;
  const month = new Intl.DateTimeFormat(lang === 'th' ? 'th-TH-u-ca-buddhist' : 'en-GB', { month: 'short', timeZone: DEFAULT_TIME_ZONE });
  const last = points.length - 1;
  const label = (i: number) => (i === last ? tt('dashboard.today') : month.format(new Date(points[i]!.at)));
  // every label on a wide chart, fewer on a phone
  const every = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(innerW / 56))));

  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.count === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.count).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const ticks = [0, max / 2, max];

  return (
    <figure className="trend-chart" ref={box}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" className="axis">
              {formatNumber(v, lang)}
            </text>
          </g>
        ))}
        {segments.map((d, i) => (
          <path key={i} d={d} className="line" />
        ))}
        {points.map((p, i) =>
          p.count === null ? (
            <circle key={i} cx={x(i)} cy={y(Math.min(2.5, max))} r={4} className="dot dot-hidden">
              <title>{`${label(i)}: ${tt('dashboard.suppressed')}`}</title>
            </circle>
          ) : (
            <circle key={i} cx={x(i)} cy={y(p.count)} r={i === last ? 5 : 3.5} className={`dot${i === last ? ' dot-last' : ''}`}>
              <title>{`${label(i)}: ${formatNumber(p.count, lang)}`}</title>
            </circle>
          ),
        )}
        {points.map((_, i) =>
          i % every === 0 || i === last ? (
            <text key={i} x={x(i)} y={height - 8} textAnchor={i === last ? 'end' : i === 0 ? 'start' : 'middle'} className="axis">
              {label(i)}
            </text>
          ) : null,
        )}
      </svg>
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <tbody>
            {points.map((p, i) => (
              <tr key={i}>
                <th scope="row">{i === last ? `${tt('dashboard.today')} ${formatDay(p.at, lang)}` : formatDay(p.at, lang)}</th>
                <td>{countText(p.count, tt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

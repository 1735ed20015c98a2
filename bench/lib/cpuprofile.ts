/**
 * Summaries of V8 CPU profiles (`node --cpu-prof`): where the app's CPU
 * time went, by function and by module (package or source file).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** [function (module:line), self ms] by self time, largest first. */
  functions: Array<[string, number]>;
  /** [module, self ms]: a package of node_modules, a file of the repository, or (program), (garbage collector), node: internals. */
  modules: Array<[string, number]>;
  /**
   * [function of the repository, ms]: every sample charged to the nearest
   * function of the repository's own code on its stack (so time in
   * libraries and natives counts for the code that called them).
   */
  ownCode: Array<[string, number]>;
}

function moduleOf(url: string, root: string): string {
  if (!url) return '(native)';
  const u = url.replace(/^file:\/\//, '');
  const nm = u.lastIndexOf('/node_modules/');
  if (nm !== -1) {
    const rest = u.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (u.startsWith('node:')) return 'node:' + u.slice(5).split('/')[0];
  return path.relative(root, u) || u;
}

/** Self time per function and per module of one .cpuprofile file. */
export function summarizeProfile(file: string, root: string): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const own = (url: string) => url.includes('/src/') && !url.includes('/node_modules/');
  const ownFrame = (id: number): string => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
      const f = byId.get(cur)?.callFrame;
      if (f && own(f.url)) return `${f.functionName || '(anonymous)'} (${moduleOf(f.url, root)}:${f.lineNumber + 1})`;
    }
    return '(outside the repository: HTTP, driver, GC…)';
  };
  const self = new Map<number, number>();
  if (p.samples && p.timeDeltas) {
    for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  } else {
    const per = (p.endTime - p.startTime) / 1000 / Math.max(1, p.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0));
    for (const n of p.nodes) self.set(n.id, (n.hitCount ?? 0) * per);
  }
  const fns = new Map<string, number>();
  const mods = new Map<string, number>();
  const owners = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id);
    if (!n) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') continue;
    total += ms;
    const mod = functionName.startsWith('(') ? functionName : moduleOf(url, root);
    const fn = functionName.startsWith('(') ? functionName : `${functionName || '(anonymous)'} (${mod}:${lineNumber + 1})`;
    fns.set(fn, (fns.get(fn) ?? 0) + ms);
    mods.set(mod, (mods.get(mod) ?? 0) + ms);
    if (functionName !== '(garbage collector)' && functionName !== '(program)') {
      const o = ownFrame(id);
      owners.set(o, (owners.get(o) ?? 0) + ms);
    }
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { totalMs: total, functions: sorted(fns), modules: sorted(mods), ownCode: sorted(owners) };
}

/**
 * The profile of the main thread among those of a directory: the largest
 * (tsx's loader thread writes a small one of its own).
 */
export function mainThreadProfile(dir: string): string | undefined {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  return files[0];
}

/** Lines for the console: the top modules and functions with their share. */
export function formatSummary(s: ProfileSummary, top = 15): string[] {
  const pct = (ms: number) => `${((100 * ms) / s.totalMs).toFixed(1).padStart(5)} %`;
  return [
    `  CPU profile of the app: ${(s.totalMs / 1000).toFixed(1)} s of CPU (idle excluded)`,
    '  by module (self time):',
    ...s.modules.slice(0, top).map(([m, ms]) => `    ${pct(ms)}  ${m}`),
    '  by function (self time):',
    ...s.functions.slice(0, top).map(([f, ms]) => `    ${pct(ms)}  ${f}`),
    '  by the nearest function of the repository on the stack (libraries and natives charged to their caller; GC left out):',
    ...s.ownCode.slice(0, top).map(([f, ms]) => `    ${pct(ms)}  ${f}`),
  ];
}

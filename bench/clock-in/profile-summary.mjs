#!/usr/bin/env node
// Where the server's CPU went during one phase of a bench run: self time by package and by function.
//   node bench/clock-in/profile-summary.mjs <profile dir> [--phase real] [--top 40]
// Reads the *.cpuprofile the server wrote (run.mjs --profile <dir>) and the phases.json run.mjs wrote beside it;
// only samples taken while a run of that phase was going are counted (both use the monotonic clock).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: {
  phase: { type: 'string', default: 'real' }, top: { type: 'string', default: '40' },
  callers: { type: 'string' }, // a package or file substring: show which of our functions its time is spent for
} });
const dir = positionals[0];
if (!dir) throw new Error('usage: profile-summary.mjs <profile dir> [--phase real|raw|floor|all] [--top N]');
// Every profile in the folder (one per server process: with --workers, the primary's and each worker's).
const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
const windows = args.phase === 'all' ? null : JSON.parse(readFileSync(join(dir, 'phases.json'), 'utf8')).filter((p) => p.phase === args.phase);
const inPhase = (t) => !windows || windows.some((w) => t >= w.from && t <= w.to);

// Node ids are per profile: keys below are "<file index>:<node id>".
const nodes = new Map();
const parent = new Map();
const self = new Map();
files.forEach((file, f) => {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  for (const n of profile.nodes) {
    nodes.set(`${f}:${n.id}`, n);
    for (const c of n.children ?? []) parent.set(`${f}:${c}`, `${f}:${n.id}`);
  }
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (!inPhase(t)) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0; // a sample stands for the time until the next one
    const id = `${f}:${profile.samples[i]}`;
    self.set(id, (self.get(id) ?? 0) + dt);
  }
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFunction = new Map();
const byPackage = new Map();
const add = (m, k, v) => m.set(k, (m.get(k) ?? 0) + v);
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = nodes.get(id).callFrame;
  const where = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|packages|apps)\//, '$1/');
  add(byFunction, `${functionName || '(anonymous)'}  ${where}${url ? `:${lineNumber + 1}` : ''}`, us);
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/)?.[1]
    ?? (url.match(/\/(server|packages\/[^/]+)\/dist\/(?:src\/)?([^/]+(?:\/[^/]+)?)/)?.slice(1).join(' ') ?? (url || functionName));
  add(byPackage, pkg, us);
}
// --callers X: time spent in frames whose URL contains X, charged to the nearest enclosing frame of our own code.
const byCaller = new Map();
if (args.callers) {
  const ours = (url) => /\/(server|packages\/[^/]+)\/dist\//.test(url) && !url.includes(args.callers);
  for (const [id, us] of self) {
    if (!nodes.get(id).callFrame.url.includes(args.callers)) continue;
    let p = parent.get(id);
    while (p !== undefined && !ours(nodes.get(p).callFrame.url)) p = parent.get(p);
    const f = p === undefined ? null : nodes.get(p).callFrame;
    add(byCaller, f ? `${f.functionName || '(anonymous)'}  ${f.url.replace(/^.*\/(server|packages)\//, '$1/')}:${f.lineNumber + 1}` : '(not under our code)', us);
  }
}
const show = (title, m) => {
  console.log(`\n${title}`);
  [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top)).forEach(([k, us]) => console.log(`${((100 * us) / total).toFixed(1).padStart(6)}%  ${k}`));
};
console.log(`${files.join(', ')}: ${(total / 1000).toFixed(0)} ms of samples in phase "${args.phase}"${windows ? ` (${windows.length} runs)` : ''}`);
show('by package', byPackage);
show('by function (self time)', byFunction);
if (args.callers) show(`time in "${args.callers}" by our nearest caller`, byCaller);

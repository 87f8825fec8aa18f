// `npm run bench [-- <suite-id> ...]`: runs every suite in bench/suites (or the named ones), each in a process
// of its own when there are several, baseline and Airlock interleaved in that process, and reports percentiles,
// the p50 ratio and machine noise (the p50 ratio between the even and odd halves of the baseline's own samples:
// an A/A comparison).
// Writes bench/results/latest.json and prints a markdown table.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { summarize, type Summary } from './stats';
import { SkipSuite, type BenchSuite } from './suite';

const HERE = path.dirname(fileURLToPath(import.meta.url));

interface SuiteResult {
  id: string;
  title: string;
  goal: string | null;
  iterations: number;
  baseline: { name: string } & Summary;
  airlock: { name: string } & Summary;
  ratioP50: number;
  ratioP95: number;
  noiseP50: number;
  goalMet: boolean | null;
  extra?: Record<string, unknown>;
}

async function time(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function runSuite(suite: BenchSuite): Promise<SuiteResult> {
  const { baseline, airlock, teardown, extra } = await suite.setup();
  try {
    const timedRun = async (subject: typeof baseline, into: number[] | null) => {
      const ms = await time(() => subject.run());
      into?.push(ms);
      await subject.after?.();
    };
    for (let i = 0; i < suite.warmup; i++) {
      await timedRun(baseline, null);
      await timedRun(airlock, null);
    }
    const base: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < suite.iterations; i++) {
      // Alternate which goes first so neither always benefits from a warm cache.
      if (i % 2 === 0) {
        await timedRun(baseline, base);
        await timedRun(airlock, ours);
      } else {
        await timedRun(airlock, ours);
        await timedRun(baseline, base);
      }
    }
    const b = summarize(base);
    const a = summarize(ours);
    const even = summarize(base.filter((_, i) => i % 2 === 0));
    const odd = summarize(base.filter((_, i) => i % 2 === 1));
    const ratioP50 = a.p50 / b.p50;
    const extras = extra ? await extra() : undefined;
    return {
      id: suite.id,
      title: suite.title,
      goal: suite.goal ?? null,
      iterations: suite.iterations,
      baseline: { name: baseline.name, ...b },
      airlock: { name: airlock.name, ...a },
      ratioP50,
      ratioP95: a.p95 / b.p95,
      noiseP50: Math.max(even.p50, odd.p50) / Math.min(even.p50, odd.p50),
      goalMet: suite.goalMet ? suite.goalMet(b, a) : null,
      ...(extras ? { extra: extras } : {}),
    };
  } finally {
    await teardown();
  }
}

const ms = (v: number) => (v < 1 ? v.toFixed(4) : v.toFixed(2));
/** A ratio, or a dash where there is none (one sample has no A/A halves; JSON from a suite's own process turns NaN into null). */
const times = (v: number | null) => (v !== null && Number.isFinite(v) ? `${v.toFixed(2)}×` : '—');

export function markdownTable(results: readonly SuiteResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.title} | ${r.baseline.name}: ${ms(r.baseline.p50)} / ${ms(r.baseline.p95)} | ${r.airlock.name}: ${ms(r.airlock.p50)} / ${ms(r.airlock.p95)} | ${times(r.ratioP50)} | ${times(r.noiseP50)} | ${r.goal ?? '—'}${r.goalMet === null ? '' : r.goalMet ? ' ✅' : ' ❌'} |`,
  );
  return ['| benchmark | baseline p50 / p95 (ms) | Airlock p50 / p95 (ms) | ratio p50 | noise (A/A) | goal |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

async function loadSuites(only: readonly string[]): Promise<BenchSuite[]> {
  const dir = path.join(HERE, 'suites');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
  const suites: BenchSuite[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: BenchSuite };
    if (only.length === 0 || only.includes(mod.default.id)) suites.push(mod.default);
  }
  return suites;
}

type Outcome = { result: SuiteResult } | { skipped: { id: string; reason: string } };

async function runOne(suite: BenchSuite): Promise<Outcome> {
  process.stderr.write(`bench: ${suite.title} (${suite.iterations} iterations)…\n`);
  try {
    return { result: await runSuite(suite) };
  } catch (error) {
    if (!(error instanceof SkipSuite)) throw error;
    process.stderr.write(`bench: SKIPPED ${suite.id}: ${error.reason}\n`);
    return { skipped: { id: suite.id, reason: error.reason } };
  }
}

/** `suite` in a process of its own: what one suite leaves behind (a 1M-record heap, JIT state, a grown RSS)
 * must not move the next one's figures. Same runtime flags (tsx's loader) as this process. */
async function runInOwnProcess(suite: BenchSuite): Promise<Outcome> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'airlock-bench-'));
  const file = path.join(dir, 'outcome.json');
  try {
    const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ONE_FLAG, suite.id, file], { stdio: 'inherit' });
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    if (code !== 0) throw new Error(`bench ${suite.id} ended with ${signal ?? `exit code ${code}`}`);
    return JSON.parse(await readFile(file, 'utf8')) as Outcome;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const ONE_FLAG = '--one-suite';

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const oneAt = process.argv.indexOf(ONE_FLAG);
  if (oneAt >= 0) {
    const [id, file] = [process.argv[oneAt + 1], process.argv[oneAt + 2]];
    const [suite] = await loadSuites([id ?? '']);
    if (!suite || !file) throw new Error(`no bench suite ${id}`);
    await writeFile(file, JSON.stringify(await runOne(suite)));
    process.exit(0);
  }
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const suites = await loadSuites(only);
  const results: SuiteResult[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const suite of suites) {
    // One suite runs here; several run each in its own process.
    const outcome = suites.length === 1 ? await runOne(suite) : await runInOwnProcess(suite);
    if ('result' in outcome) results.push(outcome.result);
    else skipped.push(outcome.skipped);
  }
  const out = path.join(HERE, 'results', 'latest.json');
  await mkdir(path.dirname(out), { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}/${process.arch}` };
  await writeFile(out, `${JSON.stringify({ createdAt: new Date().toISOString(), machine, results, skipped }, null, 2)}\n`);
  console.log(markdownTable(results));
  for (const r of results) if (r.extra) console.log(`\n${r.id}: ${JSON.stringify(r.extra)}`);
  console.log(`\nresults: ${path.relative(process.cwd(), out)}`);
}

// Renderer initial JS (issue 11): the production renderer built by the project's own buildAll (scripts/build.ts,
// into a temp dir, esbuild's metafile turned on by a plugin so the options stay the build's), then app.js and
// every chunk it imports statically (what the first load fetches), gzipped; each lazily imported chunk (the
// payload editor's CodeMirror, the test-run chart's uPlot…) with its own static imports not already loaded,
// listed apart with what it carries. Baseline for scale: React + ReactDOM alone (createRoot and one render),
// minified for production the same way. Goal: initial JS ≤ 700 KB gzipped (KB = 1000 bytes; gzip level 9).
// The timed figures in the table are the two builds; the sizes are in the extra line.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { buildAll, ROOT } from '../../scripts/build';
import type { BenchSuite } from '../suite';
import { machineLoad } from '../routes/airlock-routes';

const LIMIT_GZ_BYTES = 700_000;

const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes: number) => +(bytes / 1000).toFixed(1);

/** Turns on the metafile in whatever options the build uses, and hands it over when the build ends. */
function metafileOf(onMeta: (meta: Metafile) => void): Plugin {
  return {
    name: 'bench-metafile',
    setup(b) {
      b.initialOptions.metafile = true;
      b.onEnd((result) => {
        if (result.metafile) onMeta(result.metafile);
      });
    },
  };
}

/** `from` and every output it imports statically, transitively (output paths as the metafile names them). */
function staticClosure(meta: Metafile, from: string, seen = new Set<string>()): Set<string> {
  if (seen.has(from)) return seen;
  seen.add(from);
  for (const i of meta.outputs[from]?.imports ?? []) if (i.kind === 'import-statement' && !i.external) staticClosure(meta, i.path, seen);
  return seen;
}

/** The packages (or source folders) that make up most of an output, biggest first. */
function carries(meta: Metafile, outputs: Iterable<string>): string[] {
  const by = new Map<string, number>();
  for (const out of outputs) {
    for (const [input, { bytesInOutput }] of Object.entries(meta.outputs[out]?.inputs ?? {})) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = m ? m[1]! : input.split('/').slice(0, 3).join('/');
      by.set(name, (by.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, bytes]) => `${name} ${kb(bytes)} KB`);
}

let sizes: Record<string, unknown> = {};
let passed = false;

const suite: BenchSuite = {
  id: 'bundle-size',
  title: 'Renderer initial JS gzipped (app.js + static imports) vs React + ReactDOM alone (times: the builds)',
  goal: 'initial JS ≤ 700 KB gzipped; CodeMirror and the chart lazy',
  goalMet: () => passed,
  iterations: 1,
  warmup: 0,
  async setup() {
    const loadBefore = machineLoad();
    const outDir = await mkdtemp(path.join(tmpdir(), 'airlock-bench-bundle-'));
    let reactGz = 0;
    let reactRaw = 0;
    return {
      baseline: {
        name: 'React + ReactDOM alone (esbuild, minified, production)',
        async run() {
          const result = await build({
            stdin: { contents: "import { createElement } from 'react'; import { createRoot } from 'react-dom/client'; createRoot(document.body).render(createElement('div'));", resolveDir: ROOT, loader: 'js' },
            bundle: true,
            minify: true,
            write: false,
            format: 'esm',
            platform: 'browser',
            target: 'chrome140',
            legalComments: 'none',
            define: { 'process.env.NODE_ENV': '"production"' },
          });
          const js = Buffer.from(result.outputFiles[0]!.contents);
          reactRaw = js.length;
          reactGz = gz(js);
        },
      },
      airlock: {
        name: 'Airlock renderer (npm run build, production)',
        async run() {
          let meta: Metafile | null = null;
          await buildAll({ mode: 'production', targets: ['renderer'], outDir, plugins: [metafileOf((m) => (meta = m))] });
          if (!meta) throw new Error('esbuild gave no metafile');
          const m: Metafile = meta;
          const app = Object.keys(m.outputs).find((o) => o.endsWith('/app.js'));
          if (!app) throw new Error('no app.js in the renderer build');
          const initial = staticClosure(m, app);
          const sizeOf = async (out: string) => {
            const bytes = await readFile(path.resolve(process.cwd(), out)) // the metafile names outputs from the working directory;
            return { raw: bytes.length, gz: gz(bytes) };
          };
          let initialRaw = 0;
          let initialGz = 0;
          const initialFiles: Array<{ file: string; gzKB: number }> = [];
          for (const out of initial) {
            const s = await sizeOf(out);
            initialRaw += s.raw;
            initialGz += s.gz;
            initialFiles.push({ file: path.basename(out), gzKB: kb(s.gz) });
          }
          const lazyEntries = new Set<string>();
          for (const out of Object.keys(m.outputs)) for (const i of m.outputs[out]!.imports) if (i.kind === 'dynamic-import' && !i.external) lazyEntries.add(i.path);
          const lazy = [];
          for (const entry of lazyEntries) {
            const own = [...staticClosure(m, entry)].filter((o) => !initial.has(o));
            let g = 0;
            for (const o of own) g += (await sizeOf(o)).gz;
            lazy.push({ chunk: path.basename(entry), files: own.length, gzKB: kb(g), carries: carries(m, own) });
          }
          const lazyPackages = lazy.flatMap((l) => l.carries.join(' '));
          const initialPackages = carries(m, initial);
          const eager = (pkg: string) => initialPackages.some((c) => c.startsWith(pkg));
          passed = initialGz <= LIMIT_GZ_BYTES && !eager('@codemirror') && !eager('uplot');
          sizes = {
            initialGzKB: kb(initialGz),
            initialRawKB: kb(initialRaw),
            limitGzKB: kb(LIMIT_GZ_BYTES),
            initialFiles,
            initialCarries: initialPackages,
            lazyChunks: lazy,
            codemirrorLazy: lazyPackages.some((c) => c.includes('@codemirror')) && !eager('@codemirror'),
            uplotLazy: lazyPackages.some((c) => c.includes('uplot')) ? !eager('uplot') : 'not in the build yet',
          };
        },
      },
      async extra() {
        return { loadBefore, reactReactDomGzKB: kb(reactGz), reactReactDomRawKB: kb(reactRaw), ...sizes, ratioToReact: +((sizes['initialGzKB'] as number) / kb(reactGz)).toFixed(2), gzipLevel: 9, loadAfter: machineLoad() };
      },
      teardown: () => rm(outDir, { recursive: true, force: true }),
    };
  },
};

export default suite;

// The report's two charts — the latency histogram and the timeline (latency over start time, answered and failed
// apart) — each a figure whose caption says what it shows and whose table (behind "Show as a table") holds the
// numbers, since a canvas says nothing to a screen reader. uPlot arrives through import() on first show (its own
// chunk, uplot-charts.ts); until then, or if it fails, the words and tables stand alone. Charts redraw when the
// app's theme or the OS's forced colours change, and follow the width of their column.
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Sample as TestRunSample } from './test-run-types';
import { histogramSummary, latencyHistogram } from './histogram';
import { count, formatMs, formatSeconds } from './run-state';
import { timelineSeries, timelineWindows, type TimelineSeries } from './timeline';
import type { ChartHandle } from './uplot-charts';

type ChartModule = typeof import('./uplot-charts');

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: tokens.spacingHorizontalL },
  figure: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  caption: { fontWeight: tokens.fontWeightSemibold },
  summary: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  canvas: { minHeight: '220px', width: '100%' },
  details: { fontSize: tokens.fontSizeBase200 },
  toggle: { cursor: 'pointer', padding: `${tokens.spacingVerticalXXS} 0`, ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' } },
  table: { borderCollapse: 'collapse', '& th, & td': { textAlign: 'right', padding: `0 ${tokens.spacingHorizontalS}`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` }, '& th:first-child, & td:first-child': { textAlign: 'left' } },
});

/** The chart chunk, loaded once per page (import() caches the module; this keeps one promise for all figures). */
let loading: Promise<ChartModule> | null = null;
function loadCharts(): Promise<ChartModule> {
  loading ??= import('./uplot-charts');
  loading.catch(() => (loading = null));
  return loading;
}

/** A value that changes whenever the drawn colours would: the app's theme attribute or the OS's forced colours. */
function useThemeKey(host: React.RefObject<HTMLElement | null>): string {
  const [key, setKey] = useState('');
  useEffect(() => {
    const provider = host.current?.closest('[data-theme]');
    const forced = matchMedia('(forced-colors: active)');
    const read = () => setKey(`${provider?.getAttribute('data-theme') ?? ''}|${forced.matches}`);
    read();
    const observer = new MutationObserver(read);
    if (provider) observer.observe(provider, { attributes: true, attributeFilter: ['data-theme'] });
    forced.addEventListener('change', read);
    return () => {
      observer.disconnect();
      forced.removeEventListener('change', read);
    };
  }, [host]);
  return key;
}

function ChartCanvas(props: { name: string; draw: (mod: ChartModule, host: HTMLElement, width: number) => ChartHandle }) {
  const styles = useStyles();
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const themeKey = useThemeKey(host);
  const { draw } = props;
  useEffect(() => {
    const el = host.current;
    if (!el || themeKey === '') return;
    let live = true;
    let chart: ChartHandle | null = null;
    const resize = new ResizeObserver(() => chart?.setWidth(Math.max(200, Math.floor(el.clientWidth))));
    loadCharts().then(
      (mod) => {
        if (!live) return;
        el.replaceChildren();
        chart = draw(mod, el, Math.max(200, Math.floor(el.clientWidth)));
        resize.observe(el);
        setState('ready');
      },
      () => live && setState('failed'),
    );
    return () => {
      live = false;
      resize.disconnect();
      chart?.destroy();
    };
  }, [draw, themeKey]);
  return (
    <>
      {state === 'loading' ? <Spinner size="tiny" label="Drawing the chart…" /> : null}
      {state === 'failed' ? <span>The chart could not be drawn; the table below has its numbers.</span> : null}
      <div ref={host} className={styles.canvas} aria-hidden="true" data-chart={props.name} data-chart-state={state} />
    </>
  );
}

function Figure(props: { name: string; title: string; summary: string; children: ReactNode; table: ReactNode }) {
  const styles = useStyles();
  const id = `test-run-chart-${props.name}`;
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} data-test-run-figure={props.name}>
      <figcaption className={styles.figure}>
        <span id={`${id}-title`} className={styles.caption}>
          {props.title}
        </span>
        <span id={`${id}-summary`} className={styles.summary}>
          {props.summary}
        </span>
      </figcaption>
      {props.children}
      <details className={styles.details}>
        <summary className={styles.toggle}>Show as a table</summary>
        {props.table}
      </details>
    </figure>
  );
}

export function LatencyCharts(props: { samples: readonly TestRunSample[] }) {
  const styles = useStyles();
  const histogram = useMemo(() => latencyHistogram(props.samples), [props.samples]);
  const series = useMemo<TimelineSeries>(() => timelineSeries(props.samples), [props.samples]);
  const windows = useMemo(() => timelineWindows(props.samples), [props.samples]);
  const drawHistogram = useMemo(() => (mod: ChartModule, host: HTMLElement, width: number) => mod.drawHistogram(host, histogram, width), [histogram]);
  const drawTimeline = useMemo(() => (mod: ChartModule, host: HTMLElement, width: number) => mod.drawTimeline(host, series, width), [series]);
  if (props.samples.length === 0) return <div data-test-run-charts="empty">No request finished, so there is nothing to chart.</div>;
  const failed = series.failed.filter((v) => v !== null).length;
  return (
    <div className={styles.root} data-test-run-charts="ready">
      <Figure
        name="histogram"
        title="Latency histogram"
        summary={histogramSummary(histogram)}
        table={
          <table className={styles.table} data-test-run-table="histogram">
            <thead>
              <tr>
                <th scope="col">Latency</th>
                <th scope="col">Answered</th>
                <th scope="col">Failed</th>
              </tr>
            </thead>
            <tbody>
              {histogram.bins.map((b) => (
                <tr key={b.from}>
                  <th scope="row">{`${formatMs(b.from)} – ${formatMs(b.to)}`}</th>
                  <td>{count(b.ok)}</td>
                  <td>{count(b.failed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <ChartCanvas name="histogram" draw={drawHistogram} />
      </Figure>
      <Figure
        name="timeline"
        title="Latency over the run"
        summary={`Each dot is one request: when it started (seconds after the run began) and how long it took. Small filled dots: answered (${count(series.x.length - failed)}); large rings: failed (${count(failed)}).`}
        table={
          <table className={styles.table} data-test-run-table="timeline">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Requests</th>
                <th scope="col">Failed</th>
                <th scope="col">Median latency</th>
              </tr>
            </thead>
            <tbody>
              {windows.map((w) => (
                <tr key={w.fromMs}>
                  <th scope="row">{`${formatSeconds(w.fromMs)} – ${formatSeconds(w.toMs)}`}</th>
                  <td>{count(w.requests)}</td>
                  <td>{count(w.failed)}</td>
                  <td>{w.medianMs === null ? '—' : formatMs(w.medianMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      >
        <ChartCanvas name="timeline" draw={drawTimeline} />
      </Figure>
    </div>
  );
}

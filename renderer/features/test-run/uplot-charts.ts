// The latency histogram and the timeline, drawn with uPlot. This module is only ever loaded through import()
// (LatencyCharts.tsx), so uPlot is its own chunk and the first screen does not pay for it. uPlot's stylesheet
// goes into a <style> carrying the page's style nonce (the CSP blocks a style element without it); the rules are
// uPlot's own (dist/uPlot.min.css, MIT), minus the legend and cursor ones, which these charts turn off — the
// tables beside the charts carry the values for everyone. The canvases are decoration for assistive technology:
// the figure around them has the words.
import uPlot from 'uplot';
import { readChartTheme, withAlpha, type ChartTheme } from './chart-theme';
import type { Histogram } from './histogram';
import type { TimelineSeries } from './timeline';

const UPLOT_CSS =
  '.uplot, .uplot *, .uplot *::before, .uplot *::after {box-sizing: border-box;}' +
  '.uplot {line-height: 1.5; width: min-content;}' +
  '.u-wrap {position: relative; user-select: none;}' +
  '.u-over, .u-under {position: absolute;}' +
  '.u-under {overflow: hidden;}' +
  '.uplot canvas {display: block; position: relative; width: 100%; height: 100%;}' +
  '.u-axis {position: absolute;}' +
  '.u-legend {display: none;}' +
  '.u-select {position: absolute; pointer-events: none;}' +
  '.u-cursor-x, .u-cursor-y, .u-cursor-pt {position: absolute; left: 0; top: 0; pointer-events: none;}' +
  '.u-axis.u-off, .u-select.u-off, .u-cursor-x.u-off, .u-cursor-y.u-off, .u-cursor-pt.u-off {display: none;}';

const STYLE_ID = 'airlock-uplot-css';
const HEIGHT = 220;

/** Same as codemirror-editor.ts: Fluent's own style elements carry the nonce (as a property, not an attribute). */
function styleNonce(): string | null {
  for (const el of document.querySelectorAll<HTMLStyleElement>('style[nonce]')) if (el.nonce) return el.nonce;
  return null;
}

function ensureStyles(): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  const nonce = styleNonce();
  if (nonce) style.nonce = nonce;
  style.textContent = UPLOT_CSS;
  document.head.appendChild(style);
}

export interface ChartHandle {
  setWidth(width: number): void;
  destroy(): void;
}

function axes(theme: ChartTheme, xLabel: string, yLabel: string): uPlot.Axis[] {
  const axis = (label: string): uPlot.Axis => ({ stroke: theme.text, font: theme.font, labelFont: theme.labelFont, label, grid: { stroke: theme.grid, width: 1 }, ticks: { stroke: theme.grid, width: 1 } });
  return [axis(xLabel), { ...axis(yLabel), size: 56 }];
}

const common = { height: HEIGHT, legend: { show: false }, cursor: { show: false, drag: { x: false, y: false } } } as const;

export function drawHistogram(host: HTMLElement, histogram: Histogram, width: number): ChartHandle {
  ensureStyles();
  const theme = readChartTheme(host);
  const bins = histogram.bins;
  const x = bins.map((b) => b.from + histogram.width / 2);
  const ok = bins.map((b) => b.ok);
  const total = bins.map((b) => b.ok + b.failed);
  const top = Math.max(1, ...total);
  // A fixed gap too: in high contrast the bars are one colour and would otherwise run together.
  const bars = uPlot.paths.bars!({ size: [0.9, Infinity], align: 0, gap: 2 });
  const chart = new uPlot(
    {
      ...common,
      width,
      scales: { x: { time: false, range: [bins[0]?.from ?? 0, bins.at(-1)?.to ?? 1] }, y: { range: [0, top * 1.1] } },
      axes: axes(theme, 'Latency (ms)', 'Requests'),
      // Stacked: answered from 0, failed on top of them (the band makes the failed bar start where answered ends).
      // Failed bars are outlined and see-through, answered ones solid, so they differ without colour too.
      series: [
        {},
        { label: 'Answered', fill: theme.ok, stroke: theme.ok, width: 0, paths: bars, points: { show: false } },
        { label: 'Failed', fill: theme.forced ? theme.background : withAlpha(theme.failed, 0.35), stroke: theme.failed, width: 2, paths: bars, points: { show: false } },
      ],
      bands: [{ series: [2, 1], fill: 'rgba(0,0,0,0)' }],
    },
    [x, ok, total],
    host,
  );
  return { setWidth: (w) => chart.setSize({ width: w, height: HEIGHT }), destroy: () => chart.destroy() };
}

export function drawTimeline(host: HTMLElement, series: TimelineSeries, width: number): ChartHandle {
  ensureStyles();
  const theme = readChartTheme(host);
  const last = series.x.at(-1) ?? 1;
  const none = () => null;
  const chart = new uPlot(
    {
      ...common,
      width,
      scales: { x: { time: false, range: [0, Math.max(last, 0.001) * 1.02] }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
      axes: axes(theme, 'Started at (s after the run began)', 'Latency (ms)'),
      // Dots, no lines: answered are small filled dots, failed larger hollow rings (shape as well as colour).
      series: [
        {},
        { label: 'Answered', stroke: theme.ok, paths: none, points: { show: true, size: 4, width: 1, stroke: theme.ok, fill: theme.ok } },
        { label: 'Failed', stroke: theme.failed, paths: none, points: { show: true, size: 8, width: 2, stroke: theme.failed, fill: theme.background } },
      ],
    },
    [series.x, series.ok, series.failed],
    host,
  );
  return { setWidth: (w) => chart.setSize({ width: w, height: HEIGHT }), destroy: () => chart.destroy() };
}

// The charts' colours, read from the page at draw time: canvas pixels are not styled by CSS, so the theme's
// colours must be resolved to concrete values. Fluent's tokens are CSS variables on the FluentProvider (light,
// dark and its high-contrast theme follow by themselves); under the OS's forced colours the system colours are
// used instead (Canvas, CanvasText, Highlight, GrayText), which the OS has set to the user's palette.
// Loaded only with the chart chunk (uplot-charts.ts).

export interface ChartTheme {
  readonly text: string;
  readonly grid: string;
  readonly background: string;
  readonly ok: string;
  readonly failed: string;
  readonly font: string;
  readonly labelFont: string;
  /** Forced colours: shapes must carry the meaning on their own (the palette may hold two colours). */
  readonly forced: boolean;
}

/** Resolves a CSS colour (a var(), a system colour) to what the page would paint, inside `within`. */
function resolver(within: HTMLElement): { color(css: string): string; done(): void } {
  const probe = document.createElement('span');
  // CSSOM, not a style attribute: the CSP (style-src with a nonce) allows the former only.
  probe.style.display = 'none';
  within.appendChild(probe);
  return {
    color(css) {
      probe.style.color = '';
      probe.style.color = css;
      return getComputedStyle(probe).color;
    },
    done: () => probe.remove(),
  };
}

export function readChartTheme(within: HTMLElement): ChartTheme {
  const forced = matchMedia('(forced-colors: active)').matches;
  const r = resolver(within);
  const family = getComputedStyle(within).getPropertyValue('--fontFamilyBase').trim() || 'system-ui, sans-serif';
  try {
    if (forced) {
      return { text: r.color('CanvasText'), grid: r.color('GrayText'), background: r.color('Canvas'), ok: r.color('Highlight'), failed: r.color('CanvasText'), font: `12px ${family}`, labelFont: `600 12px ${family}`, forced };
    }
    return {
      text: r.color('var(--colorNeutralForeground1)'),
      grid: r.color('var(--colorNeutralStroke2)'),
      background: r.color('var(--colorNeutralBackground1)'),
      ok: r.color('var(--colorBrandBackground)'),
      failed: r.color('var(--colorPaletteRedForeground1)'),
      font: `12px ${family}`,
      labelFont: `600 12px ${family}`,
      forced,
    };
  } finally {
    r.done();
  }
}

/** The same colour, see-through (for the failed bars' fill): rgb(a, b, c) → rgba(a, b, c, alpha). */
export function withAlpha(rgb: string, alpha: number): string {
  const m = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(rgb);
  return m ? `rgba(${m[1]}, ${m[2]}, ${m[3]}, ${alpha})` : rgb;
}

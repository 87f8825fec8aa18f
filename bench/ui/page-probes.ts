// In-page measurements for the 10k-row bench, run with page.evaluate (so they read the page's own clock and
// frames, not Playwright's polling). Serialised into the page: each function must be self-contained.
//
// firstRows: from an action (a click, a select change) to the first painted row — the row's node is noticed
// by a MutationObserver, then one frame is let through (requestAnimationFrame, then a task after it, which
// runs once that frame's style, layout and paint are done).
//
// scrollFrames: programmatic scrolling, `step` pixels per frame for `frames` frames, of the element that
// scrolls the rows. Per frame it records the requestAnimationFrame delta (what the issue asks; at 60 Hz a
// frame is 16.7 ms, so anything above it is a dropped frame) and the frame's work: from the scroll event
// (dispatched at the start of the frame, before the virtualizer re-renders) to the task after that frame's
// rendering (layout and paint of the new rows included).

export interface FirstRowsArgs {
  /** What to do: click this selector, or set this select's value. */
  readonly click?: string;
  readonly select?: { selector: string; value: string };
  /** The row that counts as shown. */
  readonly row: string;
  readonly timeoutMs: number;
}

export interface FirstRowsResult {
  readonly ms: number;
  /** Date.now() when the action was taken and when the row was painted (to line up with main's IPC log). */
  readonly startedAt: number;
  readonly paintedAt: number;
}

export function firstRows(args: FirstRowsArgs): Promise<FirstRowsResult> {
  return new Promise((resolve, reject) => {
    const afterPaint = (done: () => void) => requestAnimationFrame(() => setTimeout(done, 0));
    let observer: MutationObserver | null = null;
    const timer = setTimeout(() => {
      observer?.disconnect();
      reject(new Error(`no ${args.row} within ${args.timeoutMs} ms`));
    }, args.timeoutMs);
    const started = performance.now();
    const startedAt = Date.now();
    const seen = () => {
      observer?.disconnect();
      observer = null;
      afterPaint(() => {
        clearTimeout(timer);
        resolve({ ms: performance.now() - started, startedAt, paintedAt: Date.now() });
      });
    };
    observer = new MutationObserver(() => {
      if (observer && document.querySelector(args.row)) seen();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    if (args.click) {
      const target = document.querySelector<HTMLElement>(args.click);
      if (!target) return reject(new Error(`nothing matches ${args.click}`));
      target.click();
    } else if (args.select) {
      const select = document.querySelector<HTMLSelectElement>(args.select.selector);
      if (!select) return reject(new Error(`nothing matches ${args.select.selector}`));
      select.value = args.select.value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    }
    if (document.querySelector(args.row)) seen();
  });
}

export interface ScrollArgs {
  /** A row inside the scroller; the scroller is its nearest ancestor that scrolls vertically. */
  readonly row: string;
  readonly frames: number;
  readonly step: number;
}

export interface ScrollResult {
  readonly rafDeltasMs: number[];
  readonly frameWorkMs: number[];
  readonly scrolledPx: number;
  readonly scrollHeight: number;
  readonly rowsInDom: number;
}

export function scrollFrames(args: ScrollArgs): Promise<ScrollResult> {
  return new Promise((resolve, reject) => {
    const first = document.querySelector(args.row);
    let el: HTMLElement | null = first?.parentElement ?? null;
    while (el && !(el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
    const scroller = el ?? (document.scrollingElement as HTMLElement | null);
    if (!first || !scroller) return reject(new Error(`no scroller for ${args.row}`));
    scroller.scrollTop = 0;
    const rafDeltasMs: number[] = [];
    const frameWorkMs: number[] = [];
    let scrollAt: number | null = null;
    const onScroll = () => {
      scrollAt ??= performance.now();
    };
    window.addEventListener('scroll', onScroll, { capture: true }); // capture at window: before the scroller's own listeners
    const channel = new MessageChannel();
    let last: number | null = null;
    let frame = 0;
    let start = 0;
    const tick = (ts: number) => {
      if (last !== null) rafDeltasMs.push(ts - last);
      last = ts;
      const began = scrollAt;
      scrollAt = null;
      channel.port1.onmessage = () => {
        if (began !== null) frameWorkMs.push(performance.now() - began);
      };
      channel.port2.postMessage(0); // a task: runs after this frame's rendering
      if (frame === 0) start = scroller.scrollTop;
      if (frame++ < args.frames) {
        scroller.scrollTop += args.step;
        requestAnimationFrame(tick);
      } else {
        setTimeout(() => {
          window.removeEventListener('scroll', onScroll, { capture: true });
          resolve({ rafDeltasMs, frameWorkMs, scrolledPx: scroller.scrollTop - start, scrollHeight: scroller.scrollHeight, rowsInDom: document.querySelectorAll(args.row).length });
        }, 50);
      }
    };
    requestAnimationFrame(tick);
  });
}

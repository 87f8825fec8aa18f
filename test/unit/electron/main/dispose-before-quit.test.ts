// Quitting waits for Airlock to close what it holds (routes, forwards, Bastion's DELETE): the first quit is held
// (preventDefault) while dispose runs, bounded so a hung close cannot keep the app alive, then the app quits for
// real — once. A second quit while disposing is held too; a failed dispose still quits.
import { describe, expect, it } from 'vitest';
import { disposeBeforeQuit, type QuitScheduler } from '../../../../electron/main/dispose-before-quit';
import { FakeEmitter, fakeEvent } from '../../../support/fake-electron';

function fakeApp() {
  const calls: string[] = [];
  const app = Object.assign(new FakeEmitter(), { quit: () => void calls.push('quit'), exit: (code: number) => void calls.push(`exit:${code}`) });
  return { app, calls };
}

/** A scheduler the test fires by hand: no wall clock. */
function manualScheduler() {
  const tasks: Array<{ delayMs: number; run: () => void; cancelled: boolean }> = [];
  const scheduler: QuitScheduler = {
    schedule(delayMs, run) {
      const task = { delayMs, run, cancelled: false };
      tasks.push(task);
      return { cancel: () => void (task.cancelled = true) };
    },
  };
  return { scheduler, tasks };
}

const logger = { log: () => undefined };
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('disposeBeforeQuit', () => {
  it('holds the first quit, awaits dispose, then quits; the next before-quit goes through', async () => {
    const { app, calls } = fakeApp();
    const { scheduler, tasks } = manualScheduler();
    let finish: () => void = () => undefined;
    let disposals = 0;
    disposeBeforeQuit(app, () => (disposals++, new Promise<void>((resolve) => (finish = resolve))), { boundMs: 5_000, scheduler, logger });
    const first = fakeEvent();
    app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    expect(disposals).toBe(1);
    await flush();
    expect(calls).toEqual([]); // still closing
    const again = fakeEvent();
    app.emit('before-quit', again); // the user quits again while closing: still held, not disposed twice
    expect(again.defaultPrevented).toBe(true);
    expect(disposals).toBe(1);
    finish();
    await flush();
    expect(calls).toEqual(['quit']);
    expect(tasks[0]!.cancelled).toBe(true);
    const last = fakeEvent();
    app.emit('before-quit', last);
    expect(last.defaultPrevented).toBe(false);
    expect(disposals).toBe(1);
  });

  it('quits when the bound passes even if dispose never finishes', async () => {
    const { app, calls } = fakeApp();
    const { scheduler, tasks } = manualScheduler();
    disposeBeforeQuit(app, () => new Promise<void>(() => undefined), { boundMs: 5_000, scheduler, logger });
    app.emit('before-quit', fakeEvent());
    await flush();
    expect(calls).toEqual([]);
    expect(tasks.map((t) => t.delayMs)).toEqual([5_000]);
    tasks[0]!.run();
    await flush();
    expect(calls).toEqual(['quit']);
  });

  it('quits when dispose fails', async () => {
    const { app, calls } = fakeApp();
    disposeBeforeQuit(app, () => Promise.reject(new Error('route close failed')), { boundMs: 5_000, scheduler: manualScheduler().scheduler, logger });
    app.emit('before-quit', fakeEvent());
    await flush();
    expect(calls).toEqual(['quit']);
  });
});

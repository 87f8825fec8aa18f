// Whole seconds since `since` (null: not running), ticking once a second — the "waiting 12 s" of a send.
// Before the first tick `now` may predate `since`: the clamp shows 0 s.
import { useEffect, useState } from 'react';

export function useElapsedSeconds(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}

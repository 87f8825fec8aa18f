// The seam between the guard's audit appends and the anomaly detector: an appender that writes through the
// trail and, once a record is durable, lets the detector learn it (with the seq the trail gave it). The
// detector learns only what was written; an append that fails is still the caller's failure, unchanged.
import type { ObservedRecord } from './anomaly-hint';

interface Appender<E> {
  append(event: E): Promise<{ seq: number }>;
}

export function observeAppends<E extends Omit<ObservedRecord, 'seq' | 'time'>>(appender: Appender<E>, detector: { observe(record: ObservedRecord): void }): Appender<E> {
  return {
    async append(event) {
      const written = await appender.append(event);
      detector.observe({ ...event, seq: written.seq });
      return written;
    },
  };
}

// Which context attributes a set of Cedar policies reads. The request maker passes only those to Cedar:
// each attribute handed to the wasm engine costs a few microseconds, and a decision has 100 µs in all.

export type ContextFact = 'environment' | 'tenant' | 'mfa' | 'route' | 'resourceId' | 'anomalies';

export interface ContextNeeds {
  readonly facts: ReadonlySet<ContextFact>;
  /** Indexes into the compiled ipSets: context.ip<i> = some machine address is in ipSets[i]. */
  readonly ip: readonly number[];
  /** Indexes into the compiled zones: context.tz<i>Week = the local minute of the week in zones[i]. */
  readonly tz: readonly number[];
}

export function mergeNeeds(all: readonly ContextNeeds[]): ContextNeeds {
  return {
    facts: new Set(all.flatMap((n) => [...n.facts])),
    ip: [...new Set(all.flatMap((n) => n.ip))].sort((a, b) => a - b),
    tz: [...new Set(all.flatMap((n) => n.tz))].sort((a, b) => a - b),
  };
}

export const NO_NEEDS: ContextNeeds = { facts: new Set(), ip: [], tz: [] };

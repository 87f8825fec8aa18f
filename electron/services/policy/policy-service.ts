// The policy service: reads the machine-wide policy (or, when there is none, the bundled default), validates
// and compiles it to Cedar, and answers decisions synchronously from the loaded policy. Reloads when the
// source changes (debounced) and tells listeners. A machine policy that exists but cannot be used — unsafe
// file, parse or schema problem, Cedar refusing it, the engine not loading — makes the service fail closed:
// only the baseline is allowed, every other decision says why. It never falls back to the default or to
// allow-all once a machine policy is present.
import { CHANNELS } from '../../../shared/contract/channels';
import { silentLogger, systemClock, systemScheduler, type Clock, type Logger, type ScheduledTask, type Scheduler } from '../ports';
import { loadCedar as loadCedarWasm, type CedarApi } from './cedar/cedar-engine';
import { compilePolicy } from './cedar/compile-policy';
import type { EffectivePolicy, ManagedSettings, PolicyExplanation, PolicyRequest, PolicyService, PolicySourceInfo } from './decision';
import { BASELINE_RULE, isBaselineAction } from './document/action-names';
import { problemText, type PolicyProblem } from './document/policy-problem';
import { validateDocument } from './document/validate-document';
import { documentView } from './document-view';
import { createBrokenPdp, createPdp, preparePolicy, type Pdp, type PdpIds } from './pdp';
import { words } from './reasons';
import { BROKEN_POLICY_SETTINGS, managedSettings } from './settings';
import { BUNDLED_DEFAULT_FINGERPRINT, createBundledDefaultSource } from './sources/bundled-default';
import type { PolicySource, SourceRead } from './sources/policy-source';

export interface PolicyServiceOptions {
  /** The machine-wide policy source; null: none (the default applies). See createMachinePolicySource. */
  readonly machine: PolicySource | null;
  /** Used only when the machine source is absent; default: the bundled development/sandbox default. */
  readonly fallback?: PolicySource;
  /** The actions rules may name; default: every contract channel. */
  readonly channels?: readonly string[];
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Debounces change notifications from the sources. */
  readonly scheduler?: Scheduler;
  readonly debounceMs?: number;
  /** Watch the machine source for changes (default true). */
  readonly watch?: boolean;
  /** How Cedar is loaded; tests pass one that fails. */
  readonly loadCedar?: () => Promise<CedarApi>;
}

interface Loaded {
  readonly key: string;
  readonly pdp: Pdp;
  readonly effective: EffectivePolicy;
  readonly settings: ManagedSettings;
}

let instances = 0;

export async function createPolicyService(options: PolicyServiceOptions): Promise<PolicyService> {
  const channels = options.channels ?? CHANNELS;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const fallback = options.fallback ?? createBundledDefaultSource();
  const instance = ++instances;
  // Two Cedar slots used in turn: a new policy is parsed into the slot not in use, then swapped in at once.
  const slots: PdpIds[] = ['a', 'b'].map((s) => ({ policies: `airlock-${instance}-${s}-policies`, probes: `airlock-${instance}-${s}-probes` }));
  let nextSlot = 0;
  const listeners = new Set<() => void>();
  let current: Loaded | undefined;
  let queue: Promise<void> = Promise.resolve();

  function broken(info: PolicySourceInfo, problem: PolicyProblem, key: string): Loaded {
    logger.log('error', 'policy.broken', { source: info.kind, file: problem.file, line: problem.line });
    return {
      key,
      pdp: createBrokenPdp(problem, info),
      settings: BROKEN_POLICY_SETTINGS,
      effective: {
        status: 'broken',
        source: info,
        loadedAt: clock.now().toISOString(),
        document: null,
        managed: [],
        problem: { ...problem, text: problemText(problem) },
        cedar: null,
        engine: null,
      },
    };
  }

  async function readSources(): Promise<Exclude<SourceRead, { state: 'absent' }>> {
    const fromMachine = async (): Promise<SourceRead> => {
      if (!options.machine) return { state: 'absent' };
      try {
        return await options.machine.read();
      } catch {
        const info = options.machine.info;
        return { state: 'refused', info, problem: { file: info.location, line: null, message: 'Airlock could not read the machine policy' }, fingerprint: 'unreadable' };
      }
    };
    const machine = await fromMachine();
    if (machine.state !== 'absent') return machine;
    const fallen = await fallback.read();
    if (fallen.state !== 'absent') return fallen;
    return { state: 'refused', info: fallback.info, problem: { file: fallback.info.location, line: null, message: 'no policy was found, not even the built-in one' }, fingerprint: 'none' };
  }

  async function build(read: Exclude<SourceRead, { state: 'absent' }>, key: string): Promise<Loaded> {
    if (read.state === 'refused') return broken(read.info, read.problem, key);
    const validated = validateDocument(read.value, read.locate, channels);
    if (!validated.ok) return broken(read.info, validated.problem, key);
    let cedar: CedarApi;
    try {
      cedar = await (options.loadCedar ?? loadCedarWasm)();
    } catch {
      return broken(read.info, { file: read.info.location, line: null, message: "Airlock's policy engine (Cedar) could not start, so no action outside the baseline can be decided" }, `${key}#engine`);
    }
    const doc = validated.document;
    const compiled = compilePolicy(doc, channels);
    const ids = slots[nextSlot % 2] as PdpIds;
    // The bundled default, compiled for the contract's channels, is validated by its own test: not again here.
    const prevalidated = read.info.kind === 'default' && read.fingerprint === BUNDLED_DEFAULT_FINGERPRINT && channels === CHANNELS;
    const problem = preparePolicy(cedar, compiled, ids, read.info.location, { validate: !prevalidated });
    if (problem) return broken(read.info, problem, key);
    nextSlot++;
    logger.log('info', 'policy.loaded', { source: read.info.kind, rules: doc.rules.length });
    return {
      key,
      pdp: createPdp(cedar, compiled, doc, ids, channels, read.info),
      settings: managedSettings(doc, read.info.kind),
      effective: {
        status: 'ok',
        source: read.info,
        loadedAt: clock.now().toISOString(),
        document: documentView(doc),
        managed: read.info.kind === 'default' ? [] : [...doc.set],
        problem: null,
        cedar: compiled.text,
        engine: `cedar ${cedar.getCedarVersion()}`,
      },
    };
  }

  async function load(): Promise<void> {
    const read = await readSources();
    const key = `${read.info.kind}:${read.info.location}:${read.state}:${read.fingerprint}`;
    if (current?.key === key) return;
    const next = await build(read, key);
    const changed = current !== undefined;
    current = next;
    if (changed) for (const listener of [...listeners]) listener();
  }

  function reload(): Promise<void> {
    queue = queue.then(load, load);
    return queue;
  }

  let pending: ScheduledTask | undefined;
  const scheduler = options.scheduler ?? systemScheduler;
  const stopWatching =
    options.watch === false || !options.machine
      ? () => undefined
      : options.machine.watch(() => {
          pending?.cancel();
          pending = scheduler.schedule(options.debounceMs ?? 300, () => {
            pending = undefined;
            reload().catch(() => undefined);
          });
        });

  await reload();
  const loaded = (): Loaded => current as Loaded;

  function decideFull(request: PolicyRequest): PolicyExplanation {
    if (isBaselineAction(request.channel)) {
      return { effect: 'allow', rule: BASELINE_RULE, reason: words.baseline(request), auditRequired: false, source: loaded().effective.source, matched: [BASELINE_RULE] };
    }
    try {
      return loaded().pdp.decide(request);
    } catch {
      return { effect: 'deny', rule: null, reason: words.notEvaluated([]), auditRequired: false, source: loaded().effective.source, matched: [] };
    }
  }

  return {
    decide(request) {
      const { matched: _matched, ...decision } = decideFull(request);
      return decision;
    },
    explain(action, resource, partial = {}) {
      return decideFull({
        account: null,
        environmentId: null,
        mfa: { satisfied: false },
        machine: { addresses: [] },
        route: 'none',
        time: clock.now(),
        ...partial,
        channel: action,
        resource,
      });
    },
    effective: () => loaded().effective,
    settings: () => loaded().settings,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload,
    dispose() {
      pending?.cancel();
      stopWatching();
      listeners.clear();
    },
  };
}

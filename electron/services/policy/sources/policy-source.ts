// The port every policy source implements: the Linux file, the Windows registry, macOS managed preferences,
// the bundled default. A source reads and parses (so a problem names its own file and line) but does not
// judge meaning — the service validates every source the same way. A source never falls back to another
// by itself: only 'absent' lets the service use the default; 'refused' (unsafe, unreadable, unparsable)
// fails closed.
import type { PolicySourceInfo } from '../decision';
import type { PolicyLocator, PolicyProblem } from '../document/policy-problem';

export type SourceRead =
  | { readonly state: 'absent' }
  | { readonly state: 'refused'; readonly info: PolicySourceInfo; readonly problem: PolicyProblem; readonly fingerprint: string }
  | { readonly state: 'present'; readonly info: PolicySourceInfo; readonly value: unknown; readonly locate: PolicyLocator; readonly fingerprint: string };

export interface PolicySource {
  /** Where this source looks, for "no machine policy at ..." and logs. */
  readonly info: PolicySourceInfo;
  read(): Promise<SourceRead>;
  /** Calls `changed` when the source may have changed (possibly more than once); returns the stop. */
  watch(changed: () => void): () => void;
}

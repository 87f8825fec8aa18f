// Which environment Airlock is working in, from one source for every screen: the active account's environment
// once someone is signed in; before that, the one chosen in the sign-in form (starting at main's default, or
// the first environment when there is none). The status bar and the sign-in form both read it here, so they
// cannot disagree.
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { AppInfo, EnvironmentSummary } from '../../../shared/contract/schemas/app';
import type { QueryState } from '../../ipc/use-airlock-query';
import { useSession } from './session-context';

interface EnvironmentChoice {
  /** The environment the sign-in form signs in to ('' while none is known). */
  readonly chosenId: string;
  readonly choose: (environmentId: string) => void;
  /** What Airlock is working in now: the active account's environment, else the chosen one. */
  readonly current: EnvironmentSummary | null;
}

const EnvironmentChoiceContext = createContext<EnvironmentChoice>({ chosenId: '', choose: () => undefined, current: null });

export function EnvironmentChoiceProvider(props: { info: QueryState<AppInfo>; children: ReactNode }) {
  const { active } = useSession();
  const [chosen, choose] = useState<string | null>(null);
  const info = props.info.status === 'ready' ? props.info.value : null;
  const environments = info?.environments ?? [];
  const chosenId = chosen ?? info?.defaultEnvironmentId ?? environments[0]?.id ?? '';
  const currentId = active?.environmentId ?? chosenId;
  const current = environments.find((e) => e.id === currentId) ?? null;
  return <EnvironmentChoiceContext.Provider value={{ chosenId, choose, current }}>{props.children}</EnvironmentChoiceContext.Provider>;
}

export function useEnvironmentChoice(): EnvironmentChoice {
  return useContext(EnvironmentChoiceContext);
}

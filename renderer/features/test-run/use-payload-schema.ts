// The target's request schema, samples and size limit (endpoint.payloadSchema), read again when the target or
// the retry generation changes — what the load test's payload editor checks against, as the Test section's does.
import { useEffect, useState } from 'react';
import type { PayloadSchemaView } from '../../../shared/contract/schemas/endpoint';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import { useStepUp } from '../session/step-up';

export type SchemaState = { status: 'loading' } | { status: 'ready'; view: PayloadSchemaView } | { status: 'error'; error: AirlockError };

export function usePayloadSchema(workspaceId: string, endpointName: string, deploymentName: string | undefined, generation: number): SchemaState {
  const withStepUp = useStepUp();
  const key = `${deploymentName ?? ''}|${generation}`;
  const [answered, setAnswered] = useState<SchemaState & { key: string }>({ key: '', status: 'loading' });
  useEffect(() => {
    let live = true;
    unwrap(withStepUp(() => window.airlock.endpoint.payloadSchema({ workspaceId, endpointName, ...(deploymentName ? { deploymentName } : {}) }))).then(
      (view) => live && setAnswered({ key, status: 'ready', view }),
      (thrown: unknown) => live && setAnswered({ key, status: 'error', error: asAirlockError(thrown) }),
    );
    return () => {
      live = false;
    };
  }, [workspaceId, endpointName, deploymentName, key, withStepUp]);
  // An answer for another target is old: show loading until this one's arrives.
  return answered.key === key ? answered : { status: 'loading' };
}

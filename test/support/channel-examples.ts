// One valid input per contract channel, for tests that go over every channel (the guard's, the contract's).
// Typed by the contract, so a new channel does not compile here until it has an example.
import type { Channel } from '../../shared/contract/channels';
import type { InputOf } from '../../shared/contract/contract';

export const EXAMPLE_WORKSPACE = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws-1';

export const CHANNEL_EXAMPLES: { readonly [C in Channel]: InputOf<C> } = {
  'app.info': undefined,
  'app.health': undefined,
  'app.exportDiagnostics': undefined,
  'app.openLink': { url: 'https://learn.microsoft.com/azure/' },
  'auth.signIn': { environmentId: 'Sandbox', method: 'browser' },
  'auth.signInProgress': undefined,
  'auth.cancelSignIn': undefined,
  'auth.accounts': undefined,
  'auth.switchAccount': { accountId: 'oid.tid' },
  'auth.signOut': { accountId: 'oid.tid' },
  'auth.forgetDevice': undefined,
  'auth.session': undefined,
  'auth.unlock': undefined,
  'auth.stepUp': { stepUpId: '6f1c2a4e-0b6f-4c53-9a59-3f1d2c4b5a6e' },
  'workspace.list': undefined,
  'workspace.models': { workspaceId: EXAMPLE_WORKSPACE },
  'workspace.modelVersions': { workspaceId: EXAMPLE_WORKSPACE, modelName: 'credit-model' },
  'endpoint.list': { workspaceId: EXAMPLE_WORKSPACE },
  'endpoint.detail': { workspaceId: EXAMPLE_WORKSPACE, endpointName: 'credit-scoring' },
  'endpoint.logs': { workspaceId: EXAMPLE_WORKSPACE, endpointName: 'credit-scoring', deploymentName: 'blue', tail: 100 },
  'endpoint.payloadSchema': { workspaceId: EXAMPLE_WORKSPACE, endpointName: 'credit-scoring' },
  'endpoint.score': { workspaceId: EXAMPLE_WORKSPACE, endpointName: 'credit-scoring', payload: '{"input_data":{"columns":["a"],"data":[[1]]}}' },
  'policy.show': undefined,
  'policy.explain': { action: 'workspace.models', resource: `workspace:${EXAMPLE_WORKSPACE}` },
  'audit.status': undefined,
  'audit.list': { filter: { kind: 'decision' }, limit: 50 },
  'audit.verify': undefined,
  'audit.verifyProgress': undefined,
  'audit.cancelVerify': undefined,
  'audit.export': { format: 'jsonl' },
  'audit.anomalies': undefined,
  'route.list': undefined,
  'route.connect': { via: 'jump' },
  'route.disconnect': { via: 'jump' },
  'route.trustHostKey': { via: 'jump', fingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU' },
  'route.check': { via: 'vpn', workspaceId: EXAMPLE_WORKSPACE, endpointName: 'credit-scoring' },
  'route.answerPrompt': { promptId: '6f1c2a4e-0b6f-4c53-9a59-3f1d2c4b5a6e', answer: null },
  'forward.open': { workspaceId: EXAMPLE_WORKSPACE, endpointName: 'credit-scoring' },
  'forward.close': { id: 'fwd-1' },
  'forward.list': undefined,
};

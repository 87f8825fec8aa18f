// The sample machine policy every template carries: a typical organization's choices (one cloud, one tenant,
// invoke only over a private route, history kept briefly, updates off), with every setting present so an
// admin sees each one. It must validate against the real schema — the template test reads it back.
export const SAMPLE_POLICY = {
  version: 1,
  environments: ['AzureCloud'],
  tenants: ['00000000-0000-0000-0000-000000000000'],
  idleLockMinutes: 15,
  maxPayloadBytes: 1_048_576,
  endpointAuthModes: ['AMLToken', 'AADToken'],
  routes: { endpoint: 'private' },
  localForwards: false,
  hostKeyFirstUse: false,
  retention: { auditDays: 365, historyDays: 30 },
  forwarding: { host: 'siem.contoso.com', port: 6514, format: 'cef' },
  anomalies: { block: ['repeated-failures'] },
  updates: { enabled: false, channel: 'stable', feedUrl: 'https://updates.contoso.com/airlock' },
  rules: [
    {
      id: 'sign-in-and-browse',
      effect: 'allow',
      actions: ['auth.*', 'app.*', 'workspace.*', 'endpoint.list', 'endpoint.detail', 'endpoint.logs', 'route.*', 'forward.*', 'audit.*', 'history.*'],
      reason: 'Signed-in staff may browse workspaces, models and endpoints.',
    },
    {
      id: 'invoke-with-mfa',
      effect: 'allow',
      actions: ['endpoint.payloadSchema', 'endpoint.score', 'testRun.*'],
      resources: ['endpoint:*'],
      conditions: { mfa_required: true, audit_logged: true, time_window: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '07:00', to: '20:00', timezone: 'Europe/Berlin' } },
      reason: 'Test inference needs MFA, a working audit trail, and office hours.',
    },
    {
      id: 'no-invoke-from-guest-network',
      effect: 'deny',
      actions: ['endpoint.score', 'testRun.start'],
      conditions: { ip_range: ['192.168.100.0/24'] },
      reason: 'Not from the guest network.',
    },
  ],
} as const;

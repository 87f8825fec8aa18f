// How a record reads in the list: an ARM resource id is long, so the list shows its type and last segment
// (the detail pane shows all of it); short resources stay as they are.
import { describe, expect, it } from 'vitest';
import { recordResult, shortResource } from '../../../../renderer/features/audit/record-display';

describe('audit record display', () => {
  it('shortens an ARM id to its type and last segment', () => {
    expect(shortResource('workspace:/subscriptions/5a1b/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private')).toBe('workspace:…/ws-credit-private');
  });

  it('leaves short resources alone', () => {
    for (const r of ['workspace:*', 'audit:trail', 'environment:Sandbox', 'app:airlock']) expect(shortResource(r)).toBe(r);
  });

  it('keeps the list badge short: an error says "Error", its code is in the full text (title, detail pane)', () => {
    const record = { seq: 1, time: '2026-12-03T20:00:00Z', kind: 'outcome', correlationId: 'c', action: 'workspace.models', resource: 'workspace:w', accountId: null, username: null, tenantId: null, environmentId: null, outcome: 'error', errorCode: 'E_STEP_UP_REQUIRED' } as unknown as Parameters<typeof recordResult>[0];
    expect(recordResult(record)).toEqual({ text: 'Error E_STEP_UP_REQUIRED', badge: 'Error', tone: 'danger' });
    expect(recordResult({ ...record, outcome: 'ok', errorCode: undefined })).toEqual({ text: 'OK', badge: 'OK', tone: 'success' });
  });
});

// How a record reads in the list: an ARM resource id is long, so the list shows its type and last segment
// (the detail pane shows all of it); short resources stay as they are.
import { describe, expect, it } from 'vitest';
import { shortResource } from '../../../../renderer/features/audit/record-display';

describe('audit record display', () => {
  it('shortens an ARM id to its type and last segment', () => {
    expect(shortResource('workspace:/subscriptions/5a1b/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-credit-private')).toBe('workspace:…/ws-credit-private');
  });

  it('leaves short resources alone', () => {
    for (const r of ['workspace:*', 'audit:trail', 'environment:Sandbox', 'app:airlock']) expect(shortResource(r)).toBe(r);
  });
});

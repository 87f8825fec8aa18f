// A record names the resource it acted on: an ARM resource id is not a secret, so it is stored as given —
// while a token put into any part of a resource is still redacted.
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../../electron/services/audit';
import { scrubEvent } from '../../../../../electron/services/audit/event-scrub';

const WORKSPACE = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws-1';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkLXNlY3JldCJ9.c2lnbmF0dXJlLXBsYW50ZWQ';
const OPAQUE = 'Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXhxdXV4cXV1eA';
/** A standard base64 key (88 characters) with '/' in it: split at its slashes, no piece is 40 long. */
const BASE64_KEY = 'q83vEjRWeJq8/d7wEjRWeJq83vEjRWeJq83vEjRW/eJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq83v==';

const event = (resource: string): AuditEvent => ({ kind: 'decision', correlationId: 'c-1', action: 'workspace.models', resource, accountId: null, username: null, tenantId: null, environmentId: null });

describe('resource scrub', () => {
  it('keeps an ARM workspace id and a model id under it as given', () => {
    expect(scrubEvent(event(`workspace:${WORKSPACE}`))?.resource).toBe(`workspace:${WORKSPACE}`);
    expect(scrubEvent(event(`model:${WORKSPACE}/models/churn-classifier/versions/3`))?.resource).toBe(`model:${WORKSPACE}/models/churn-classifier/versions/3`);
  });

  it('still redacts a token or an opaque secret in any segment of an ARM id, or in a resource that is not one', () => {
    for (const resource of [`workspace:${WORKSPACE.replace('rg', JWT)}`, `workspace:${WORKSPACE.replace('ws-1', OPAQUE)}`, `workspace:${JWT}`, `workspace:/subscriptions/${OPAQUE}/x`, `workspace:${WORKSPACE}/${BASE64_KEY}`, `model:${WORKSPACE}/models/${BASE64_KEY}`]) {
      const stored = scrubEvent(event(resource))?.resource ?? '';
      expect(stored).not.toContain(JWT.slice(0, 30));
      expect(stored).not.toContain(OPAQUE.slice(0, 30));
      for (const piece of BASE64_KEY.split('/')) expect(stored).not.toContain(piece.slice(0, 12));
    }
  });
});

// Every channel names what it acts on, from its validated input: the policy decision point decides on it and
// the audit trail records it. A channel without a resource does not compile (contract.ts); this checks the
// values, one example input per channel.
import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../../shared/contract/channels';
import { contract } from '../../../../shared/contract/contract';
import { RESOURCE_TYPES, resourceName } from '../../../../shared/contract/resource';
import { CHANNEL_EXAMPLES, EXAMPLE_WORKSPACE } from '../../../support/channel-examples';

const WORKSPACE = EXAMPLE_WORKSPACE;
const EXAMPLES: Record<Channel, unknown> = CHANNEL_EXAMPLES;

const resourceOf = (channel: Channel): string => {
  const spec = contract[channel];
  const input: unknown = spec.input.parse(EXAMPLES[channel]);
  return resourceName((spec.resource as (input: unknown) => { type: (typeof RESOURCE_TYPES)[number]; id: string })(input));
};

describe('contract: the resource of each channel', () => {
  it.each(CHANNELS)('%s names a resource of a known type with an id', (channel) => {
    const [type, ...id] = resourceOf(channel).split(':');
    expect(RESOURCE_TYPES).toContain(type);
    expect(id.join(':').length).toBeGreaterThan(0);
  });

  it('takes ids from the request where the request names one', () => {
    expect(resourceOf('workspace.models')).toBe(`workspace:${WORKSPACE}`);
    expect(resourceOf('auth.signIn')).toBe('environment:Sandbox');
    expect(resourceOf('auth.switchAccount')).toBe('account:oid.tid');
    expect(resourceOf('auth.signOut')).toBe('account:oid.tid');
  });

  it('names fixed resources for actions on Airlock itself and on every account or workspace', () => {
    expect(resourceOf('app.info')).toBe('app:airlock');
    expect(resourceOf('auth.accounts')).toBe('account:device');
    expect(resourceOf('auth.forgetDevice')).toBe('account:device');
    expect(resourceOf('auth.session')).toBe('account:active');
    expect(resourceOf('workspace.list')).toBe('workspace:*');
  });

  it("names the active environment for its routes and forwards, and the endpoint for a check or a new forward", () => {
    for (const channel of ['route.list', 'route.connect', 'route.disconnect', 'route.trustHostKey', 'route.answerPrompt', 'forward.close', 'forward.list'] as const) expect(resourceOf(channel)).toBe('environment:active');
    expect(resourceOf('route.check')).toBe(`endpoint:${WORKSPACE}/onlineEndpoints/credit-scoring`);
    expect(resourceOf('forward.open')).toBe(`endpoint:${WORKSPACE}/onlineEndpoints/credit-scoring`);
  });
});

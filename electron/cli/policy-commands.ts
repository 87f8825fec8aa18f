// `airlock policy show|explain`: the effective admin policy and one explained decision, through the guarded
// door (policy.show, policy.explain) like Settings → Policy. Display data only.
import { CHANNELS } from '../../shared/contract/channels';
import { RESOURCE_TYPES } from '../../shared/contract/resource';
import { PolicyExplainRequest } from '../../shared/contract/schemas/policy';
import { callChannel } from './contract-call';
import { schemaCheck, type CommandGroup } from './cli-command';
import { formatExplanation, formatPolicy } from './format-policy';

export const POLICY_COMMANDS: CommandGroup = {
  summary: 'The admin policy in force on this machine',
  subcommands: {
    show: {
      summary: 'Where the policy came from, whether it loaded, its settings and the document',
      async run(gateway) {
        const value = await callChannel(gateway, 'policy.show', undefined);
        return { value, text: formatPolicy(value), exitCode: value.status === 'ok' ? 0 : 1 };
      },
    },
    explain: {
      summary: 'What the policy decides for an action on a resource, the rule and why',
      flags: {
        action: {
          metavar: 'ACTION',
          needs: 'a channel name',
          help: 'The action, a channel name such as workspace.models',
          required: true,
          check: (value) => ((CHANNELS as readonly string[]).includes(value) ? null : 'must be an action of this Airlock, such as workspace.models'),
        },
        resource: {
          metavar: 'RESOURCE',
          needs: 'a resource',
          help: "What it acts on, as type:id: 'workspace:<id>', 'app:airlock', …",
          required: true,
          check: resourceProblem,
        },
      },
      async run(gateway, options) {
        const value = await callChannel(gateway, 'policy.explain', { action: options['action'] ?? '', resource: options['resource'] ?? '' });
        return { value, text: formatExplanation(value), exitCode: 0 };
      },
    },
  },
};

/**
 * The flag is refused here, before start-up, whatever policy.explain's schema would refuse after it (a space
 * after the colon, too long): the contract's own schema decides, so the two cannot drift apart.
 */
const resourceSchemaProblem = schemaCheck(PolicyExplainRequest.shape.resource);

function resourceProblem(value: string): string | null {
  if (!RESOURCE_TYPES.some((type) => value.startsWith(`${type}:`) && value.length > type.length + 1)) return `must be type:id with a type of ${RESOURCE_TYPES.join(', ')}`;
  return resourceSchemaProblem(value);
}

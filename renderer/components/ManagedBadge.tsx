// "Managed by your organization" on a value the machine-wide admin policy sets (the user cannot change it here),
// or a quiet "Default" where the policy leaves Airlock's own default. Words, not colour alone.
import { Badge } from '@fluentui/react-components';
import { LockClosedRegular } from '@fluentui/react-icons';

export const MANAGED_WORDS = 'Managed by your organization';

export function ManagedBadge(props: { managed: boolean }) {
  return props.managed ? (
    <Badge appearance="tint" color="brand" icon={<LockClosedRegular />} data-managed="true">
      {MANAGED_WORDS}
    </Badge>
  ) : (
    <Badge appearance="tint" color="informative" data-managed="false">
      Default
    </Badge>
  );
}

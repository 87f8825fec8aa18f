import { ShieldTaskRegular } from '@fluentui/react-icons';
import { EmptyState } from '../../components/EmptyState';

export function AuditView() {
  return (
    <EmptyState icon={<ShieldTaskRegular />} title="The audit trail is empty">
      Every action and policy decision will be recorded here in a tamper-evident log you can verify and export.
    </EmptyState>
  );
}

// Audit: this version of Airlock keeps no audit trail, and the screen says so — an "empty trail" would make
// people believe their actions are being recorded when they are not.
import { ShieldRegular } from '@fluentui/react-icons';
import { EmptyState } from '../../components/EmptyState';

export function AuditView() {
  return (
    <EmptyState icon={<ShieldRegular />} title="The audit trail is not available in this version">
      This version of Airlock does not record your actions or policy decisions, so there is nothing to view or export here.
    </EmptyState>
  );
}

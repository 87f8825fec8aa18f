import { PlugConnectedRegular } from '@fluentui/react-icons';
import { EmptyState } from '../../components/EmptyState';

export function EndpointsView() {
  return (
    <EmptyState icon={<PlugConnectedRegular />} title="No endpoints to show">
      Online endpoints of your workspaces appear here. Airlock sends requests to them only over a verified private route.
    </EmptyState>
  );
}

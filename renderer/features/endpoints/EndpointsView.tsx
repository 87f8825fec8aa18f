// Endpoints: this version of Airlock cannot list or call online endpoints, and the screen says so plainly —
// never an empty list that looks like "you have none", never a promise of what comes later.
import { PlugDisconnectedRegular } from '@fluentui/react-icons';
import { EmptyState } from '../../components/EmptyState';

export function EndpointsView() {
  return (
    <EmptyState icon={<PlugDisconnectedRegular />} title="Endpoints are not available in this version">
      This version of Airlock does not list online endpoints or send requests to them. Your workspaces and their registered models are under
      Workspaces.
    </EmptyState>
  );
}

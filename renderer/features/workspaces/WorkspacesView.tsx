import { Button } from '@fluentui/react-components';
import { BoxMultipleRegular } from '@fluentui/react-icons';
import { EmptyState } from '../../components/EmptyState';

export function WorkspacesView() {
  return (
    <EmptyState icon={<BoxMultipleRegular />} title="No workspaces yet" action={<Button disabled>Sign in</Button>}>
      Sign in to see the private Azure Machine Learning workspaces your account can reach, with their models and online endpoints.
    </EmptyState>
  );
}

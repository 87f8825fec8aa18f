// The endpoint detail's "Test" section: send a payload to the endpoint or one deployment and show the answer.
import { Body1 } from '@fluentui/react-components';
import type { DeploymentSummary, EndpointSummary } from '../../../shared/contract/schemas/endpoint';

export function InvokePanel(props: { workspaceId: string; endpoint: EndpointSummary; deployments: DeploymentSummary[] }) {
  return <Body1>Test inference for {props.endpoint.name} is being built.</Body1>;
}

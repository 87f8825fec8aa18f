// The invoke service's seams: the control plane it reads an endpoint's facts and credentials from (helper A's
// Azure ML service satisfies it structurally), the data plane a caller hands it (a RouteHttpClient bound to
// the caller's environment, carried only by an allowed route that is up), and the token store it may keep
// AML tokens in (the environment's vault). Credentials flow only inward: nothing here is returned to a caller.
import type { AirlockError } from '../../../shared/errors/airlock-error';
import type { ManagedSettings } from '../policy';
import type { Clock, Logger } from '../ports';
import type { RouteHttpClient, RouteVia } from '../routes';

export type EndpointAuthMode = 'AMLToken' | 'Key' | 'AADToken' | 'Unknown';

/** What the control plane says about one online endpoint (ARM GET onlineEndpoints/{name}). */
export interface EndpointFacts {
  readonly authMode: EndpointAuthMode;
  readonly scoringUri: string;
  readonly swaggerUri: string | null;
  readonly deployments: string[];
}

/** ARM `POST .../token`, with ARM's epoch seconds already made milliseconds. */
export interface AmlToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly refreshAfter: number;
}

export interface EndpointKeys {
  readonly primaryKey: string;
  readonly secondaryKey: string | null;
}

/** Implemented by the Azure ML control plane (electron/services/azureml, composed by helper A). */
export interface EndpointControlPlane {
  endpoint(accountId: string, workspaceId: string, endpointName: string): Promise<EndpointFacts>;
  amlToken(accountId: string, workspaceId: string, endpointName: string): Promise<AmlToken>;
  endpointKeys(accountId: string, workspaceId: string, endpointName: string): Promise<EndpointKeys>;
}

/** The route a request rides: its client (environment CA, the route's streams only) and what to show. */
export interface DataPlane {
  readonly client: RouteHttpClient;
  readonly via: RouteVia;
  readonly id: string;
}

/** Who calls, from the guard's context: never chosen by the service. */
export interface InvokeCaller {
  readonly accountId: string;
  readonly environmentId: string;
  /** The up route the environment and policy allow (`via` narrows it); E_ROUTE_DOWN when none is. */
  dataPlane(via?: RouteVia): DataPlane;
}

/** A place to keep AML tokens between runs: the environment's vault (getEndpointToken / putEndpointToken). */
export interface EndpointTokenStore {
  get(key: string): Promise<{ token: string; renewAt: number } | null>;
  put(key: string, token: string, renewAt: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface InvokeServiceDeps {
  readonly controlPlane: EndpointControlPlane;
  /** An Entra access token for the environment's ML data-plane scope (auth.accessToken(accountId, 'ml')). */
  readonly mlToken: (accountId: string, options?: { forceRefresh?: boolean }) => Promise<string>;
  /**
   * An AADToken endpoint answered 401 with a claims challenge (Conditional Access: an auth context, MFA): the
   * E_STEP_UP_REQUIRED to throw (auth.stepUpRequired for 'ml'); the UI steps up and retries. Absent: the 401 stands.
   */
  readonly stepUpRequired?: (accountId: string, claims: string) => Promise<AirlockError>;
  /** The per-environment token store (the vault); absent: main-process memory only. */
  readonly tokenStore?: (environmentId: string) => EndpointTokenStore;
  /** The policy's settings (maxPayloadBytes, endpointAuthModes); null while it loads: Airlock's defaults. */
  readonly settings: () => ManagedSettings | null;
  readonly clock: Clock;
  readonly logger: Logger;
}

// oidc-provider's values (Provider, errors, interactionPolicy) for the sandbox, loaded without its start-up
// "Unsupported runtime" line on the Node versions we checked (oidc-provider-runtime.ts). Module requests are
// evaluated in source order, so the order of these lines is the point: start quieting, load the package,
// stop. Type-only imports may name 'oidc-provider' directly; value imports come through here.
import { stopQuieting } from './oidc-provider-quiet';
export { default, errors, interactionPolicy } from 'oidc-provider';

stopQuieting();

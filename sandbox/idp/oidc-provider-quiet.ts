// Imported for its effect, by oidc-provider.ts only, right before the package: from here until stopQuieting()
// runs, oidc-provider's one known start-up warning is dropped (why, and when not: oidc-provider-runtime.ts).
import { quietRuntimeWarning } from './oidc-provider-runtime';

export const stopQuieting = quietRuntimeWarning();

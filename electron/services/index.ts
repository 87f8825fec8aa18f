// The services' public face for electron/main and electron/cli: the composition root and the pieces a
// transport needs (gateway, sender trust, port adapters). Lint forbids reaching deeper than this file.
export { createAirlock, type Airlock, type AirlockConfig, type AirlockPorts, type IdentityPorts } from './composition';
export { createGateway, APP_ORIGIN, isTrustedUrl, type CallerFrame, type Gateway, type TrustedOrigin } from './gateway';
export { createStderrLogger, silentLogger, systemClock, type Clock, type Logger } from './ports';
export { loadEnvironmentFile, type Environment } from './environments';
export { createKeytarKeychain, createMemoryKeychain, type Keychain } from './vault';
export type { BrowserOpener } from './auth';
export { readBundleFile, type BundleResponse } from './ui-bundle';
export { isAllowedExternalUrl, type LinkOpener } from './links';

// The services' public face for electron/main and electron/cli: the composition root and the pieces a
// transport needs (gateway, sender trust, port adapters). Lint forbids reaching deeper than this file.
export { createAirlock, type Airlock, type AirlockConfig, type AirlockPorts, type GuardPorts, type IdentityPorts } from './composition';
// No gateway factory here: hosts get their door from the composition root (airlock.gateway / airlock.inProcess),
// so every call they make passes the guard.
export { APP_ORIGIN, isTrustedUrl, type CallerFrame, type Gateway, type HandlerReplacements, type InProcessGateway, type TrustedOrigin } from './gateway';
export type { RequestContext } from './guard';
export type { AirlockEvent, EventSource } from './events';
export { createStderrLogger, silentLogger, systemClock, type Clock, type Logger } from './ports';
export { createNodeHttpsPort, type HttpsEnvironment, type HttpsPort, type HttpsRequest, type HttpsResponse, type HttpsSend } from './ports';
export { loadEnvironmentFile, type Environment } from './environments';
export { createKeytarKeychain, createMemoryKeychain, type Keychain } from './vault';
export type { BrowserOpener } from './auth';
export { readBundleFile, type BundleResponse } from './ui-bundle';
export { isAllowedExternalUrl, type LinkOpener } from './links';

export { createAirlock, type Airlock, type AirlockConfig, type AirlockPorts, type GuardPorts, type IdentityPorts } from './create-airlock';

export { createAirlock, type Airlock, type AirlockConfig, type AirlockPorts, type IdentityPorts } from './create-airlock';

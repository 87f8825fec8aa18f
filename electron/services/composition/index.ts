export { createAirlock, type Airlock, type AirlockConfig, type AirlockPorts } from './create-airlock';

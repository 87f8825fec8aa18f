// The events service's face: the hub createAirlock builds, services emit to and hosts subscribe to.
export { createEventHub, type AirlockEvent, type EventHub, type EventListener, type EventSource } from './event-hub';

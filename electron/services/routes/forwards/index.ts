// Local forwards' face: 127.0.0.1 ports that carry the user's own tools to a private host:port over a route.
export { createLocalForwards, type LocalForwardsOptions } from './local-forwards';
export { FORWARD_PORTS_FILE } from './forward-ports-store';
export { LOOPBACK } from './loopback-listener';
export type { ForwardChange, ForwardChangeListener, ForwardError, ForwardTarget, ForwardView, LocalForwards, OpenForwardOptions } from './forward-types';

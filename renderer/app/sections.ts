// The top-level sections of the navigation rail, in order.
export const SECTIONS = [
  { id: 'workspaces', label: 'Workspaces' },
  { id: 'endpoints', label: 'Endpoints' },
  { id: 'connections', label: 'Connections' },
  { id: 'audit', label: 'Audit' },
  { id: 'settings', label: 'Settings' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

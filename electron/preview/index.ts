// The Chromium host's face, for `npm run preview` and the UI tests: Airlock's renderer in Debian's Chromium,
// bound to the same services as the Electron host, with a stand-in system browser for sign-in and links.
export { launchChromiumHost, HOST_ORIGIN, HOST_URL, type ChromiumHost, type ChromiumHostOptions } from './chromium-host';
export { composeHostAirlock, type HostAirlockOptions } from './host-airlock';
export { findChromium } from './chromium-binary';
export type { StandInBrowser } from './stand-in-browser';

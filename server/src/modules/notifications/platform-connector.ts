import type { PlatformConnector, SuperAppConnector } from '@hrlink/connectors';

/** ConnectorsService hands out SuperAppConnector; createConnector builds full PlatformConnectors (cards + callbacks). */
export function asPlatformConnector(c: SuperAppConnector): PlatformConnector {
  const p = c as PlatformConnector;
  if (typeof p.sendCard !== 'function' || typeof p.handleCallback !== 'function') throw new Error('connector lacks messaging support');
  return p;
}

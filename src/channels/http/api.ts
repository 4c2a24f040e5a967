import type { Server } from 'restify';
import type { Services } from '../../app';
import { registerLookup } from './lookup';
import { registerTerritories } from './territories';

/** The public read-only REST API: place lookup and territory lists. No Bot Framework here. */
export function registerApi(server: Server, services: Services): void {
  registerLookup(server, services);
  registerTerritories(server, services);
}

import type { Server } from 'restify';
import { registerLookup, type LookupRouteDeps } from './lookup';
import { registerTerritories, type TerritoryRouteDeps } from './territories';

export type ApiDeps = LookupRouteDeps & TerritoryRouteDeps;

/** The public read-only REST API: place lookup and territory lists. No Bot Framework here. */
export function registerApi(server: Server, deps: ApiDeps): void {
  registerLookup(server, deps);
  registerTerritories(server, deps);
}

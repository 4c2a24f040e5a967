import type { Resolver } from './domain/resolution/resolver';

/**
 * Pays the first-call costs at start-up instead of on a user's turn: the recognizers' French
 * models take over a second on their first two calls, and the resolver's code paths are cold.
 */
export function warmUp(resolver: Resolver): void {
  for (const q of ['Oyonnax', 'oyonax', '01100', 'notre usine est à Saint-Martin']) resolver.lookup(q);
}

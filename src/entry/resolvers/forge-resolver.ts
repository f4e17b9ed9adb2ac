// The Forge function behind every `invoke` from the UIs: the typed resolver over whatever adapters it is given
// (compose.ts passes the Forge ones; tests pass local ones).
import { makeResolver } from '@forge/resolver';
import type { ResolverDefs } from '../../contracts/api';
import { defineResolvers, type ResolverDeps } from './define-resolvers';

/** Registers a handler for every contract key; `makeResolver` checks them against ResolverDefs. */
export function makeForgeResolver(deps: ResolverDeps) {
  return makeResolver<ResolverDefs>(defineResolvers(deps));
}

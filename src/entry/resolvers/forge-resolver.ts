// The Forge function behind every `invoke` from the UIs: the typed resolver over the Forge adapters.
import { makeResolver } from '@forge/resolver';
import { forgeDeps } from '../../adapters/forge/compose';
import type { ResolverDefs } from '../../contracts/api';
import { defineResolvers, type ResolverDeps } from './define-resolvers';

/** Registers a handler for every contract key; `makeResolver` checks them against ResolverDefs. */
export function makeForgeResolver(deps: ResolverDeps) {
  return makeResolver<ResolverDefs>(defineResolvers(deps));
}

/** manifest.yml: function `resolver`, handler `index.resolver`. */
export const handler = makeForgeResolver(forgeDeps());

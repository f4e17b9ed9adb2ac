// Which actor ids stored with records are Atlassian accounts (personal data to report) and which are the app itself.

/** What a closed account's id is replaced with wherever the app stored it. */
export const ANONYMOUS_ACCOUNT = 'deleted-user';

/** The actor of an import job: `import:<job id>`. */
export const IMPORT_ACTOR_PREFIX = 'import:';
/** Actors the app writes as itself: import and undo jobs, the local runner's users. */
export const APP_ACTOR_PREFIXES = [IMPORT_ACTOR_PREFIX, 'undo:', 'local-'] as const;
/** Whole actor ids that are the app, not a person. */
export const APP_ACTORS = ['auto-match', ANONYMOUS_ACCOUNT] as const;

/** True for an id that stands for a person's Atlassian account, which the personal-data reporting API must hear about. */
export function isPersonAccount(actor: string): boolean {
  if (actor === '' || (APP_ACTORS as readonly string[]).includes(actor)) return false;
  return !APP_ACTOR_PREFIXES.some((prefix) => actor.startsWith(prefix));
}

/** The tombstone an erased record's audit entries keep instead of its values: when, and by whom. */
export function erasureTombstone(at: string, byAccountId: string): Record<'erased', [null, string]> {
  return { erased: [null, `${at} by ${byAccountId}`] };
}

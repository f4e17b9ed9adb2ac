// Forge entry: re-exports the functions named in manifest.yml, nothing else.
export { handler as resolver } from './entry/resolvers/forge-resolver';
export { runMigrations } from './adapters/forge/migrations';
export { importConsumer as processImportQueue } from './adapters/forge/compose';
export { propertySyncConsumer as syncIssueProperties } from './adapters/forge/compose';
export { pruneAuditTrigger as pruneAudit, personalDataTrigger as reportPersonalData } from './adapters/forge/compose';
export { onIssueCreated, processBackfill } from './adapters/forge/compose';

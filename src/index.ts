// Forge entry: re-exports the functions named in manifest.yml, nothing else.
export { resolver } from './adapters/forge/compose';
export { onAppInstalled, processSchemaMigrations, migrateHourly as runMigrations } from './adapters/forge/compose';
export { importConsumer as processImportQueue } from './adapters/forge/compose';
export { propertySyncConsumer as syncIssueProperties } from './adapters/forge/compose';
export { pruneAuditTrigger as pruneAudit, personalDataTrigger as reportPersonalData } from './adapters/forge/compose';
export { onIssueCreated, processBackfill } from './adapters/forge/compose';

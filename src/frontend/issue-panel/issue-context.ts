// Reads the issue the panel is shown on from Forge's product context, and builds links to the directory's profiles.
import { z } from 'zod';
import type { LinkedRecordRef } from '../../contracts/links';

export type PanelIssue = { id: string; key: string };

/** A link to a record's profile on the global page; null until the page's address is known. */
export type ProfileUrl = (recordType: LinkedRecordRef['recordType'], id: string) => string | null;

/** manifest.yml: the global page that shows profiles. */
export const GLOBAL_PAGE_MODULE_KEY = 'customer-directory-page';

const contextSchema = z.object({
  extension: z.object({ issue: z.object({ id: z.union([z.string(), z.number()]).transform(String), key: z.string().min(1) }) }),
});

/** The issue in a jira:issuePanel context; null while the context loads or outside an issue. */
export function issueFromContext(context: unknown): PanelIssue | null {
  const parsed = contextSchema.safeParse(context);
  return parsed.success ? parsed.data.extension.issue : null;
}

/** Profiles open on the global page at `<page>/contacts/<id>` and `<page>/companies/<id>` (the page's own routes). */
export function profileUrlsUnder(globalPageUrl: string | null): ProfileUrl {
  const base = globalPageUrl?.replace(/\/+$/, '') ?? null;
  return (recordType, id) => (base === null ? null : `${base}/${recordType === 'contact' ? 'contacts' : 'companies'}/${encodeURIComponent(id)}`);
}

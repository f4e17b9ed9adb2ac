// The issue property that lets JQL find issues by customer: company names and opaque ids only, never people's data.
import type { Company, Id } from './records';

/** The property key on Jira issues; manifest.yml indexes its fields under the aliases below. */
export const ISSUE_PROPERTY_KEY = 'customer-directory';

/**
 * Jira keeps an issue property under 32 KB. 50 company names of up to 255 characters with their ids and 100 contact
 * ids stay near 20 KB; past these counts the property lists the first ones by name (companies) or id (contacts).
 */
export const MAX_PROPERTY_COMPANIES = 50;
export const MAX_PROPERTY_CONTACTS = 100;

/**
 * Everyone who can see the issue can read its properties, so the value holds company names and record ids, never a
 * contact's name or email. companyIds and companyNames run in the same order.
 */
export type IssueDirectoryProperty = { companyIds: Id[]; companyNames: string[]; contactIds: Id[] };

/** The property for an issue linked to these companies and contacts; null when nothing is linked (delete it). */
export function issuePropertyFor(companies: readonly Pick<Company, 'id' | 'name'>[], contactIds: readonly Id[]): IssueDirectoryProperty | null {
  const byName = [...new Map(companies.map((c) => [c.id, c])).values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const kept = byName.slice(0, MAX_PROPERTY_COMPANIES);
  const contacts = [...new Set(contactIds)].sort().slice(0, MAX_PROPERTY_CONTACTS);
  if (kept.length === 0 && contacts.length === 0) return null;
  return { companyIds: kept.map((c) => c.id), companyNames: kept.map((c) => c.name), contactIds: contacts };
}

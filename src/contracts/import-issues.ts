// The import report's full list of problems: rejected rows and warnings, paged and filtered by kind.
import { z } from 'zod';

export const IMPORT_ISSUES_PAGE_SIZE = 50;

export const importIssuesApi = {
  'import/issues': {
    input: z.object({
      jobId: z.string().trim().min(1, 'Say which import').max(64, 'An import job id is at most 64 characters'),
      severity: z.enum(['error', 'warning']).optional(),
      after: z.string().regex(/^\d{1,9}:\d{1,9}$/, 'The page cursor is not valid; start again from the first page').nullish(),
      limit: z.number().int('A page size is a whole number').min(1, 'Ask for at least 1 problem').max(200, 'Ask for at most 200 problems per page').default(IMPORT_ISSUES_PAGE_SIZE),
    }),
    action: 'admin',
  },
} as const;

export type ImportIssueView = { row: number; line: number; severity: 'error' | 'warning'; column: string; message: string };
export type ImportIssuePage = { items: ImportIssueView[]; next: string | null };

export type ImportIssuesResults = { 'import/issues': ImportIssuePage };

// Sample Jira issues for the local runner: the data a fake Jira REST port serves when linking records to work offline.

export type SampleIssueStatus = { name: string; category: 'new' | 'indeterminate' | 'done' };

export type SampleIssue = {
  id: string; // Jira's numeric issue id, as a string like the REST API returns it
  key: string;
  summary: string;
  status: SampleIssueStatus;
  issueType: 'Bug' | 'Task' | 'Story' | 'Service request' | 'Incident';
  projectKey: string;
  reporterEmail: string; // matches a demo contact where the issue came from a customer
  created: string; // ISO-8601 UTC
  updated: string;
};

/** `projectTypeKey` as Jira names it: 'service_desk' for Jira Service Management, 'software' for Jira Software. */
export type SampleProject = { id: string; key: string; name: string; projectTypeKey: 'service_desk' | 'software' };

const TO_DO: SampleIssueStatus = { name: 'To Do', category: 'new' };
const IN_PROGRESS: SampleIssueStatus = { name: 'In Progress', category: 'indeterminate' };
const WAITING: SampleIssueStatus = { name: 'Waiting for customer', category: 'indeterminate' };
const DONE: SampleIssueStatus = { name: 'Done', category: 'done' };

export const SAMPLE_PROJECTS: readonly SampleProject[] = [
  { id: '10000', key: 'SUP', name: 'Customer Support', projectTypeKey: 'service_desk' },
  { id: '10001', key: 'ENG', name: 'Engineering', projectTypeKey: 'software' },
];

export const SAMPLE_ISSUES: readonly SampleIssue[] = [
  issue('10100', 'SUP-1', 'Invoices for March show the wrong VAT number', WAITING, 'Service request', 'ada.lovelace@northwind.example'),
  issue('10101', 'SUP-2', 'SSO login loops back to the sign-in page', IN_PROGRESS, 'Incident', 'grace.hopper@northwind-labs.example'),
  issue('10102', 'SUP-3', 'Add two seats to the annual plan', DONE, 'Service request', 'alan.turing@contoso.example'),
  issue('10103', 'SUP-4', 'Export of the audit log times out', TO_DO, 'Incident', 'katherine.johnson@fabrikam.example'),
  issue('10104', 'SUP-5', 'Change billing contact to finance team', DONE, 'Service request', 'edsger.dijkstra@northwind.example'),
  issue('10105', 'SUP-6', 'Dashboard widgets load slowly in the EU region', IN_PROGRESS, 'Incident', 'barbara.liskov@contoso.example'),
  issue('10106', 'SUP-7', 'Request for a data processing agreement', WAITING, 'Service request', 'margaret.hamilton@fabrikam.example'),
  issue('10107', 'SUP-8', 'Webhook deliveries fail with HTTP 410', TO_DO, 'Incident', 'linus.t@gmail.com'),
  issue('10200', 'ENG-12', 'Retry webhook deliveries with exponential back-off', IN_PROGRESS, 'Story', ''),
  issue('10201', 'ENG-13', 'VAT number missing from PDF invoice template', TO_DO, 'Bug', ''),
  issue('10202', 'ENG-14', 'Paginate the audit log export', TO_DO, 'Task', ''),
  issue('10203', 'ENG-15', 'Cache dashboard queries per region', DONE, 'Story', ''),
];

function issue(id: string, key: string, summary: string, status: SampleIssueStatus, issueType: SampleIssue['issueType'], reporterEmail: string): SampleIssue {
  // Stable timestamps keep screenshots and tests repeatable; the number in the key spaces them a day apart.
  const day = Number(key.split('-')[1]);
  const created = new Date(Date.UTC(2025, 0, day, 9, 30)).toISOString();
  const updated = new Date(Date.UTC(2025, 0, day + 2, 16, 5)).toISOString();
  return { id, key, summary, status, issueType, projectKey: key.split('-')[0]!, reporterEmail, created, updated };
}

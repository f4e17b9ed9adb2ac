// One line in settings when Jira recently gave the app no requester emails: matching then cannot suggest by email.
import SectionMessage from '@atlaskit/section-message';
import { call } from '../../bridge';
import { useLoader } from '../../hooks/use-loader';

const WHY = {
  'not-approved': 'Jira says the app is not approved for its email API',
  refused: 'Jira refused the app’s request for emails',
  disabled: 'Jira’s email API is switched off',
} as const;

export function EmailAccessNotice() {
  const notices = useLoader(() => call('matches/notices', {}), []);
  const problem = notices.data?.emailAccess ?? null;
  if (problem === null) return null;
  return (
    <SectionMessage appearance="warning" testId="email-access-notice">
      Requester emails are unavailable ({WHY[problem.reason]}, HTTP {problem.httpStatus}, last seen {new Date(problem.seenAt).toLocaleString()}): new
      requests are not matched to contacts by email until it is resolved.
    </SectionMessage>
  );
}

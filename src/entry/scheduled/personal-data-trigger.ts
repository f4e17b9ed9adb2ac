// The weekly scheduled trigger that reports stored account ids to Atlassian and anonymises closed accounts.
import { reportPersonalData, type PersonalDataDeps } from '../../application/privacy/report-personal-data';
import { runScheduled, type TriggerResponse } from './trigger-response';

export function makePersonalDataTrigger(deps: () => PersonalDataDeps): () => Promise<TriggerResponse> {
  return () => runScheduled('personal-data-reported', () => reportPersonalData(deps()));
}

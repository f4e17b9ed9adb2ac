// Seeds a small demo directory on the local runner's first start, through the same use cases the resolvers call.
import { addNote } from '../../application/add-note';
import { createCompany } from '../../application/create-company';
import { createContact } from '../../application/create-contact';
import type { Actor, Atomically, Deps } from '../../application/deps';
import { createField } from '../../application/manage-custom-fields';
import { setMembership } from '../../application/set-membership';
import { customFieldInputSchema } from '../../domain/custom-fields';
import { companyInputSchema, contactInputSchema, noteInputSchema } from '../../domain/schemas';

/** Set once the demo data was written, so deleting every contact later does not bring the demo back. */
export const DEMO_SEEDED_SETTING = 'local.demoSeeded';

const ADMIN: Actor = { accountId: 'local-admin', role: 'admin' };
const AGENT: Actor = { accountId: 'local-agent', role: 'editor' };

type DemoContact = {
  firstName: string;
  lastName: string;
  email: string;
  jobTitle: string;
  phone: string;
  language?: string;
  companies: { company: string; role: string; primary?: boolean }[];
};

const COMPANIES = [
  { key: 'group', name: 'Northwind Group', domains: ['northwind.example'], parent: null, renewal: '2026-03-31' },
  { key: 'labs', name: 'Northwind Labs', domains: ['northwind-labs.example'], parent: 'group', renewal: '' },
  { key: 'retail', name: 'Northwind Retail', domains: ['northwind-retail.example'], parent: 'group', renewal: '' },
  { key: 'contoso', name: 'Contoso Ltd', domains: ['contoso.example', 'contoso-cloud.example'], parent: null, renewal: '2025-11-30' },
  { key: 'fabrikam', name: 'Fabrikam, Inc.', domains: ['fabrikam.example'], parent: null, renewal: '2026-06-30' },
] as const;

type CompanyKey = (typeof COMPANIES)[number]['key'];

const CONTACTS: (DemoContact & { companies: { company: CompanyKey; role: string; primary?: boolean }[] })[] = [
  {
    firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lovelace@northwind.example', jobTitle: 'Chief Technology Officer', phone: '+44 20 7946 0101', language: 'English',
    companies: [{ company: 'group', role: 'Executive sponsor', primary: true }, { company: 'labs', role: 'Advisory board' }],
  },
  {
    firstName: 'Grace', lastName: 'Hopper', email: 'grace.hopper@northwind-labs.example', jobTitle: 'Head of Engineering', phone: '+1 202 555 0142', language: 'English',
    companies: [{ company: 'labs', role: 'Technical lead', primary: true }, { company: 'contoso', role: 'External consultant' }],
  },
  { firstName: 'Edsger', lastName: 'Dijkstra', email: 'edsger.dijkstra@northwind.example', jobTitle: 'Finance Manager', phone: '+31 20 555 0199', language: 'German', companies: [{ company: 'group', role: 'Billing contact' }] },
  { firstName: 'Tim', lastName: 'Berners-Lee', email: 'tim.bl@northwind-retail.example', jobTitle: 'Store Systems Manager', phone: '+44 161 555 0123', companies: [{ company: 'retail', role: 'Primary support contact' }] },
  { firstName: 'Radia', lastName: 'Perlman', email: 'radia.perlman@northwind-retail.example', jobTitle: 'Network Architect', phone: '', language: 'English', companies: [{ company: 'retail', role: 'Technical contact' }] },
  { firstName: 'Alan', lastName: 'Turing', email: 'alan.turing@contoso.example', jobTitle: 'VP Operations', phone: '+44 1223 555 014', language: 'English', companies: [{ company: 'contoso', role: 'Decision maker' }] },
  { firstName: 'Barbara', lastName: 'Liskov', email: 'barbara.liskov@contoso.example', jobTitle: 'IT Administrator', phone: '+1 617 555 0175', companies: [{ company: 'contoso', role: 'Administrator' }] },
  { firstName: 'Katherine', lastName: 'Johnson', email: 'katherine.johnson@fabrikam.example', jobTitle: 'Operations Manager', phone: '+1 757 555 0110', language: 'French', companies: [{ company: 'fabrikam', role: 'Primary support contact' }] },
  { firstName: 'Margaret', lastName: 'Hamilton', email: 'margaret.hamilton@fabrikam.example', jobTitle: 'General Counsel', phone: '', language: 'English', companies: [{ company: 'fabrikam', role: 'Legal and compliance' }] },
  { firstName: 'Linus', lastName: 'Torvalds', email: 'linus.t@gmail.com', jobTitle: 'Independent developer', phone: '', companies: [] },
];

/** Set when seeding starts: a seed that died partway is finished on the next start, even though records exist. */
export const DEMO_SEEDING_SETTING = 'local.demoSeeding';

/**
 * Seeds the demo when the directory has never been seeded and is empty, or finishes a seed that died partway; true
 * when it wrote anything. Every step looks for what an earlier run already wrote (fields by name, companies by domain,
 * contacts by email, memberships, notes by text), and each step is one unit of work where the store allows it.
 */
export async function seedDemoData(deps: Deps, atomically?: Atomically): Promise<boolean> {
  if ((await deps.settings.get<boolean>(DEMO_SEEDED_SETTING)) === true) return false;
  const resuming = (await deps.settings.get<boolean>(DEMO_SEEDING_SETTING)) === true;
  if (!resuming && ((await deps.store.contacts.count({})) > 0 || (await deps.store.companies.count({})) > 0)) return false;
  await deps.settings.set(DEMO_SEEDING_SETTING, true);
  const step = <T>(work: (d: Deps) => Promise<T>): Promise<T> => (atomically ? atomically((ports) => work({ ...deps, ...ports })) : work(deps));

  const fields = await deps.store.fields.list();
  const field = async (input: { entity: 'contact' | 'company'; name: string; type: string; options?: string[] }) =>
    fields.find((f) => f.entity === input.entity && f.name === input.name) ?? (await step((d) => createField(d, ADMIN, customFieldInputSchema.parse(input))));
  const language = await field({ entity: 'contact', name: 'Preferred language', type: 'select', options: ['English', 'French', 'German', 'Spanish'] });
  const renewal = await field({ entity: 'company', name: 'Renewal date', type: 'date' });

  const companyIds = new Map<CompanyKey, string>();
  for (const company of COMPANIES) {
    const parentId = company.parent === null ? null : (companyIds.get(company.parent) ?? null);
    const custom = company.renewal ? { [renewal.id]: company.renewal } : {};
    const [existing] = await deps.store.companies.findByDomains([company.domains[0]]);
    const id = existing?.id ?? (await step((d) => createCompany(d, ADMIN, companyInputSchema.parse({ name: company.name, domains: [...company.domains], parentId, custom })))).id;
    companyIds.set(company.key, id);
  }

  const contactIds = new Map<string, string>();
  for (const { companies, language: preferred, ...fields } of CONTACTS) {
    const custom = preferred ? { [language.id]: preferred } : {};
    const [existing] = await deps.store.contacts.findByEmails([fields.email]);
    const contactId = existing?.id ?? (await step((d) => createContact(d, ADMIN, contactInputSchema.parse({ ...fields, custom })))).id;
    contactIds.set(fields.email, contactId);
    const memberOf = new Set((await deps.store.memberships.forContacts([contactId])).map((m) => m.companyId));
    for (const membership of companies) {
      const companyId = companyIds.get(membership.company)!;
      if (memberOf.has(companyId)) continue;
      await step((d) => setMembership(d, ADMIN, { contactId, companyId, role: membership.role, isPrimary: membership.primary ?? false }));
    }
  }

  const note = async (actor: Actor, recordType: 'contact' | 'company', recordId: string, body: string) => {
    if ((await deps.store.notes.forRecord(recordType, recordId)).some((n) => n.body === body)) return;
    await step((d) => addNote(d, actor, noteInputSchema.parse({ recordType, recordId, body })));
  };
  await note(ADMIN, 'contact', contactIds.get('ada.lovelace@northwind.example')!, 'Prefers a short call over long email threads. Quarterly business review booked for the first week of March.');
  await note(AGENT, 'contact', contactIds.get('ada.lovelace@northwind.example')!, 'Asked for the SSO roadmap; sent the public page and promised an update when SAML lands.');
  await note(AGENT, 'contact', contactIds.get('grace.hopper@northwind-labs.example')!, 'Reports issues with full reproduction steps. Loop her in early on anything touching the API.');
  await note(ADMIN, 'company', companyIds.get('contoso')!, 'Renewal at risk: they are evaluating two competitors. Alan Turing signs off; Barbara Liskov runs the technical evaluation.');
  await note(AGENT, 'company', companyIds.get('group')!, 'Invoices go to the group; subsidiaries raise their own support requests.');

  await deps.settings.set(DEMO_SEEDED_SETTING, true);
  await deps.settings.delete(DEMO_SEEDING_SETTING);
  return true;
}

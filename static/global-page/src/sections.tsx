// The page's sections, one tab each. Add a section here (import, settings, export) to give it a tab.
import { useState, type ReactNode } from 'react';
import { AuditTrailSection } from './components/admin/AuditTrailSection';
import { CompanyList } from './components/CompanyList';
import { DuplicatesSection } from './components/DuplicatesSection';
import { ContactList } from './components/ContactList';
import { ImportHistory } from './components/import/ImportHistory';
import { ImportSection } from './components/import/ImportSection';
import { RecordBrowser } from './components/RecordBrowser';
import { SettingsSection } from './components/settings/SettingsSection';
import { useRouter } from './router';
import type { SectionId } from './routing';
import type { Session } from './session';

export type Section = {
  id: SectionId;
  label: string;
  /** Hides the tab from users who cannot use it; the backend still checks every call. */
  isVisible?: (session: Session) => boolean;
  render: () => ReactNode;
};

export const SECTIONS: readonly Section[] = [
  {
    id: 'contacts',
    label: 'Contacts',
    render: () => <RecordBrowser section="contacts" rootLabel="Contacts" list={(props) => <ContactList {...props} />} />,
  },
  {
    id: 'companies',
    label: 'Companies',
    render: () => <RecordBrowser section="companies" rootLabel="Companies" list={(props) => <CompanyList {...props} />} />,
  },
  { id: 'duplicates', label: 'Duplicates', isVisible: (session) => session.canWrite, render: () => <OnceShown id="duplicates"><DuplicatesSection /></OnceShown> },
  { id: 'import', label: 'Import', isVisible: (session) => session.canAdmin, render: () => <ImportSection /> },
  { id: 'import-history', label: 'Import history', isVisible: (session) => session.canAdmin, render: () => <ImportHistory /> },
  { id: 'audit', label: 'Audit trail', isVisible: (session) => session.canAdmin, render: () => <OnceShown id="audit"><AuditTrailSection /></OnceShown> },
  { id: 'settings', label: 'Settings', isVisible: (session) => session.canAdmin, render: () => <SettingsSection /> },
];

/** Renders a section (and so loads its data) only once it has been shown: the scan behind Duplicates is not free. */
function OnceShown({ id, children }: { id: SectionId; children: ReactNode }) {
  const { route } = useRouter();
  const [shown, setShown] = useState(false);
  if (!shown && route.section === id) setShown(true);
  return shown ? <>{children}</> : null;
}

// The page's sections, one tab each. Add a section here (import, settings, export) to give it a tab.
import type { ReactNode } from 'react';
import { CompanyList } from './components/CompanyList';
import { ContactList } from './components/ContactList';
import { RecordBrowser } from './components/RecordBrowser';
import type { Session } from './session';

export type Section = {
  id: string;
  label: string;
  /** Hides the tab from users who cannot use it; the backend still checks every call. */
  isVisible?: (session: Session) => boolean;
  render: () => ReactNode;
};

export const SECTIONS: readonly Section[] = [
  {
    id: 'contacts',
    label: 'Contacts',
    render: () => <RecordBrowser rootLabel="Contacts" list={(props) => <ContactList {...props} />} />,
  },
  {
    id: 'companies',
    label: 'Companies',
    render: () => <RecordBrowser rootLabel="Companies" list={(props) => <CompanyList {...props} />} />,
  },
];

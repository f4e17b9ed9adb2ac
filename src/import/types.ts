// The shapes that flow through the import pipeline: mapped columns, validated rows, and problems as data.
import type { DateOrder, NewFieldType } from '../domain/custom-fields';
import type { RecordType } from '../domain/records';

/** Where a column's cells go. Custom fields are addressed by their id. */
export type FieldTarget =
  | { kind: 'contact'; field: 'email' | 'firstName' | 'lastName' | 'fullName' | 'phone' | 'jobTitle' }
  | { kind: 'company'; field: 'name' | 'domain' | 'parent' }
  | { kind: 'membership'; field: 'role' | 'primary' }
  | { kind: 'custom'; entity: RecordType; fieldId: string; fieldName: string }
  | { kind: 'newCustom'; entity: RecordType; fieldName: string; fieldType?: NewFieldType } // created when the import runs (--create-fields), text unless typed
  | { kind: 'ignore' };

/** `dateOrder`: how the column writes numeric dates (31/12/2026 or 12/31/2026), chosen once for the column. */
export type ColumnMapping = { index: number; header: string; target: FieldTarget; dateOrder?: DateOrder };

export type Severity = 'error' | 'warning';

/** A problem found in the file; row is the 1-based data row (header excluded), line the physical file line. */
export type RowIssue = {
  row: number;
  line?: number;
  column?: string;
  message: string;
  severity: Severity;
};

/** A cell that was left blank is absent (undefined): blank never erases stored values. */
export type ImportContact = {
  email: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  jobTitle?: string;
  custom: Record<string, string>; // field id (or "new:<name>" for fields created by the import) -> value
};

export type ImportCompany = {
  name?: string;
  nameKey?: string; // present when name is
  domains: string[];
  parent?: string; // the parent's name or domain as written
  /** The External ID column's value (also in `custom`), when the file maps one: it identifies the company after its domains. */
  externalId?: string;
  custom: Record<string, string>;
};

export type ImportMembership = { role?: string; isPrimary?: boolean };

export type ImportRow = {
  row: number;
  line?: number;
  contact: ImportContact | null;
  company: ImportCompany | null;
  membership: ImportMembership | null; // only when both contact and company are present
};

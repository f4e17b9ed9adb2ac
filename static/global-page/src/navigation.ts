// Navigation inside a section: the records opened from its list, most recent last.
import type { RecordType } from './api-types';

export type RecordRef = { type: RecordType; id: string; label: string };
export type OpenRecord = (target: RecordRef) => void;

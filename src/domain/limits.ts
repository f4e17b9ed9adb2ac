// Size limits on what users and imports can store, shared by the schemas, the import and the UI.

/** RFC 5321 caps a forward path at 320 characters (64 local + @ + 255 domain). */
export const MAX_EMAIL_LENGTH = 320;
/** First name, last name and job title: long enough for real names, short enough to index and display. */
export const MAX_NAME_LENGTH = 200;
/** A display name may hold a full name with titles, so it gets room for two name fields. */
export const MAX_DISPLAY_NAME_LENGTH = 400;
/** Phone numbers are kept as typed, with extensions and punctuation. */
export const MAX_PHONE_LENGTH = 64;
/** Matches a VARCHAR(255) column, the usual bound for an indexed name. */
export const MAX_COMPANY_NAME_LENGTH = 255;
/** Enough for a group of brands; more than this is usually a free-mail or reseller list pasted by mistake. */
export const MAX_DOMAINS_PER_COMPANY = 20;
/** A membership role is a short label ("Billing contact"), not a note. */
export const MAX_ROLE_LENGTH = 100;
/** A note is prose; this keeps a single row well under Forge SQL and KVS value limits. */
export const MAX_NOTE_LENGTH = 20000;
/** Keeps a record's custom values small enough to load with every read. */
export const MAX_CUSTOM_FIELDS_PER_ENTITY = 100;
/** A custom value is one cell of data; longer text belongs in a note. */
export const MAX_CUSTOM_VALUE_LENGTH = 2000;
/** A select field beyond this is a lookup table, and the picker stops being usable. */
export const MAX_SELECT_OPTIONS = 200;
/** Bounds the work and response size of one list call. */
export const MAX_PAGE_SIZE = 100;
/** A search box query; longer input only adds cost, not precision. */
export const MAX_SEARCH_LENGTH = 200;
/** A field name is a column header, and select options are labels of the same kind. */
export const MAX_FIELD_NAME_LENGTH = 100;
/** Company parent chains deeper than this are treated as broken data (a cycle) rather than walked further. */
export const MAX_HIERARCHY_DEPTH = 1000;
/** The text of a CSV row that could not be read, kept for the error file; a longer one is cut there. */
export const MAX_RAW_ROW_LENGTH = 10_000;

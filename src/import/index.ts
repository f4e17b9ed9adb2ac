// The CSV import pipeline's public API: decode -> parse -> map headers -> validate rows, plus the error file.
export { decodeChunks, NOT_UTF8_WARNING, sniffEncoding, SNIFF_BYTES, UnusableFileError } from './decode';
export type { SniffedEncoding, TextEncodingName } from './decode';
export { DETECTED_DELIMITERS, detectDelimiter, isParsedError, MAX_RECORD_LENGTH, parseCsv } from './parse';
export type { ParsedCells, ParsedError, ParsedRow, ParseOptions } from './parse';
export { BUILT_IN_TARGET_NAMES, columnLetter, mapHeaders, mappingTargetName, parseMappingTarget } from './headers';
export type { BuiltInTargetName, HeaderMapping, HeaderMappingInput } from './headers';
export { validateRow } from './validate-row';
export type { RowToValidate, ValidatedRow } from './validate-row';
export { csvLine, ERROR_COLUMN, errorFileHeader, errorFileLine, neutraliseFormula, restoreNeutralised } from './error-csv';
export type { CsvLineOptions } from './error-csv';
export type * from './types';

// Record types the page renders, derived from the resolver contract so the page depends on nothing else in src/.
import type { ApiInput, ApiResult } from '../../../src/contracts/api';

export type { ApiInput, ApiResult, CompanyMemberView, CompanyProfile, CompanyRef, CompanyView, ContactProfile, ContactView, Me, MembershipView, NoteView, SearchPage } from '../../../src/contracts/api';

export type CustomField = ApiResult<'fields/list'>[number];
export type RecordType = ApiInput<'notes/add'>['recordType'];
export type Role = ApiResult<'me'>['role'];

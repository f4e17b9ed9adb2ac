// The visibility part of the resolver API: which projects show the panel, and the lowest role that reads each field.
import { visibilitySettingsPatchSchema, type VisibilitySettings } from '../domain/visibility';
import { z } from 'zod';

export type { FieldVisibility, PanelScope, VisibilitySettings } from '../domain/visibility';

export const visibilityApi = {
  'visibility/get': { input: z.object({}), action: 'admin' },
  'visibility/update': { input: visibilitySettingsPatchSchema, action: 'admin' },
} as const;

export type VisibilityResults = {
  'visibility/get': VisibilitySettings;
  'visibility/update': VisibilitySettings;
};

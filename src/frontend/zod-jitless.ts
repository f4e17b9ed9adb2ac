// Zod builds fast object parsers with `new Function` unless told not to; the issue panel's UI Kit bundle runs in
// Forge's sandboxed iframe under a Content Security Policy without 'unsafe-eval'. Imported first by the panel's entry.
import { z } from 'zod';

z.config({ jitless: true });

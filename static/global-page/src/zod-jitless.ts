// Zod builds fast object parsers with `new Function` unless told not to, and Custom UI pages run under a Content
// Security Policy without 'unsafe-eval'. Imported first by every entry of the page (the page and its import worker),
// so zod is configured before any schema exists.
import { z } from 'zod';

z.config({ jitless: true });

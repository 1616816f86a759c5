// Imported first by each app's main.tsx, before any contract schema is built: zod compiles its
// object parsers with `new Function` where it can, and probing for that under our
// Content-Security-Policy (script-src 'self', no 'unsafe-eval') is reported as a violation even
// though zod catches it. Without the compiler the parsers are interpreted — plenty for forms.
import { z } from 'zod';

z.config({ jitless: true });

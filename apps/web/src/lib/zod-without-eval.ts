import { z } from 'zod';

// The Content-Security-Policy allows no eval. zod would probe `new Function` to compile faster
// parsers, and the browser reports every probe as a policy violation; the plain parsers do the same.
z.config({ jitless: true });

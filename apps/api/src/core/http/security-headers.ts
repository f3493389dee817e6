import type { HelmetOptions } from 'helmet';
import type { AppConfig } from '../../config/app-config';

/**
 * The Content-Security-Policy of every page Touchpoint serves (web app, /demo, API docs). Only our
 * own origin: 'self' also covers same-origin websockets. Styles need 'unsafe-inline': an email's
 * HTML is shown in an `<iframe srcdoc>`, which inherits this policy, and emails style inline; the
 * chat widget and the demo page bring their stylesheet in a `<style>` element. docker/ serves the
 * same values for the web app (security-headers.conf; a test keeps the two equal).
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

/** helmet's headers with our policy; HSTS only when configured (see AppConfig.http.hstsMaxAgeSeconds). */
export function helmetOptions(config: AppConfig): HelmetOptions {
  const https = config.http.publicUrl.startsWith('https:');
  const directives: Record<string, string[] | null> = Object.fromEntries(
    Object.entries(CONTENT_SECURITY_POLICY).map(([name, sources]) => [name, [...sources]]),
  );
  if (https) directives['upgrade-insecure-requests'] = [];
  const maxAge = config.http.hstsMaxAgeSeconds;
  return {
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: maxAge > 0 ? { maxAge, includeSubDomains: false } : false,
  };
}

import type { Request, Response } from 'express';
import { FORM_PAGE_CSP, pickLocale, renderThankYou } from './form-page.renderer';

/** A browser posted the form (urlencoded, wants a page) rather than a script (JSON). */
function isBrowserPost(req: Request): boolean {
  return (
    Boolean(req.is('application/x-www-form-urlencoded')) && req.accepts(['html', 'json']) === 'html'
  );
}

/**
 * The one answer to an accepted submission, also given to a bot that filled the honeypot so it learns
 * nothing: 202 `{ ok: true }` for scripts; a thank-you page (or an allowed redirect) for browsers.
 */
export function respondAccepted(req: Request, res: Response, redirect?: string): void {
  if (!isBrowserPost(req)) {
    res.status(202).json({ ok: true });
    return;
  }
  if (redirect) {
    res.redirect(303, redirect);
    return;
  }
  const body = req.body as { lang?: unknown } | undefined;
  const locale = pickLocale(
    typeof body?.lang === 'string' ? body.lang : undefined,
    req.headers['accept-language'],
  );
  setFormPageHeaders(res);
  res.status(202).type('html').send(renderThankYou(locale));
}

/** Replaces the app-wide CSP and frame headers: these pages live in the customer's iframe. */
export function setFormPageHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', FORM_PAGE_CSP);
  res.removeHeader('X-Frame-Options');
}

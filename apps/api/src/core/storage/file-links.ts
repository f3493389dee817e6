import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';

/**
 * Links to stored files (served at `/api/attachments/:id`) that work in `<img src>`, downloads and
 * provider media fetches without a bearer header: the URL carries an expiry and an HMAC. Whoever
 * hands one out decides who may see the file (staff of the conversation, the visitor it was sent to).
 */
@Injectable()
export class FileLinks {
  private static readonly TTL_SECONDS = 12 * 3600;

  constructor(private readonly config: AppConfig) {}

  url(attachmentId: string, now = Date.now()): string {
    const exp = Math.floor(now / 1000) + FileLinks.TTL_SECONDS;
    return `/api/attachments/${attachmentId}?exp=${exp}&sig=${this.sign(attachmentId, exp)}`;
  }

  /** The same link, absolute under PUBLIC_URL: for providers and website visitors on other origins. */
  absoluteUrl(attachmentId: string, now = Date.now()): string {
    return `${this.config.http.publicUrl.replace(/\/+$/, '')}${this.url(attachmentId, now)}`;
  }

  verify(attachmentId: string, exp: number, sig: string, now = Date.now()): boolean {
    if (!Number.isFinite(exp) || exp * 1000 < now) return false;
    const expected = Buffer.from(this.sign(attachmentId, exp));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private sign(id: string, exp: number): string {
    return createHmac('sha256', this.config.auth.jwtSecret)
      .update(`attachment:${id}:${exp}`)
      .digest('base64url');
  }
}

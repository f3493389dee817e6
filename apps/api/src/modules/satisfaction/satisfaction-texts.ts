import type { ChannelKind } from '@touchpoint/shared';

export type SurveyLanguage = 'de' | 'en';

/** German for contacts whose language is German, English for everyone else. */
export function surveyLanguage(contactLanguage: string | null | undefined): SurveyLanguage {
  return contactLanguage?.toLowerCase().startsWith('de') ? 'de' : 'en';
}

/**
 * Messaging channels, where a customer answers with a short reply: the survey asks for a digit (the
 * link is there for a comment). Email, forms and custom sources get the link; the chat widget shows
 * its own rating prompt instead (the link stays in the text for a reply that goes out by email).
 */
export const DIGIT_REPLY_KINDS: readonly ChannelKind[] = [
  'twilio',
  'whatsapp',
  'telegram',
  'messenger',
  'instagram',
];

/** The survey's text for the channel kind, with the link to the rating page. */
export function surveyText(kind: ChannelKind, language: SurveyLanguage, link: string): string {
  const digits = DIGIT_REPLY_KINDS.includes(kind);
  if (language === 'de')
    return digits
      ? `Wie zufrieden waren Sie mit unserer Hilfe? Antworten Sie mit einer Zahl von 1 (gar nicht) bis 5 (sehr zufrieden). Mit Kommentar: ${link}`
      : `Wie zufrieden waren Sie mit unserer Hilfe? Ihre Bewertung mit einem Klick, gern mit einem Kommentar:\n\n${link}\n\nVielen Dank!`;
  return digits
    ? `How satisfied were you with our help? Reply with a number from 1 (not at all) to 5 (very). With a comment: ${link}`
    : `How satisfied were you with our help? Rate us in one click, with a comment if you like:\n\n${link}\n\nThank you!`;
}

/** A reply that is only a rating: one digit 1–5, perhaps with spaces or a full stop. */
export function ratingOfReply(text: string | null | undefined): number | null {
  const match = /^\s*([1-5])\s*[.!]?\s*$/.exec(text ?? '');
  return match ? Number(match[1]) : null;
}

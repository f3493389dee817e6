export type Lang = 'de' | 'en';

const de = {
  open: 'Chat öffnen',
  close: 'Chat schließen',
  title: 'Chat',
  online: 'Wir sind online',
  offline: 'Gerade ist niemand online',
  messages: 'Nachrichten',
  input: 'Nachricht',
  placeholder: 'Nachricht schreiben …',
  send: 'Senden',
  pending: 'Wird gesendet …',
  failed: 'Nicht gesendet',
  retry: 'Erneut senden',
  you: 'Sie',
  typing: (name: string | null) => (name ? `${name} schreibt …` : 'Jemand schreibt …'),
  unread: (n: number) => (n === 1 ? '1 neue Nachricht' : `${n} neue Nachrichten`),
  emailPrompt: 'Hinterlassen Sie Ihre E-Mail-Adresse, dann antworten wir per E-Mail.',
  emailLabel: 'Ihre E-Mail-Adresse',
  emailSubmit: 'Speichern',
  emailSaved: (email: string) => `Wir antworten an ${email}, falls Sie nicht mehr hier sind.`,
  emailInvalid: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
  connecting: 'Verbinde …',
  reconnecting: 'Verbindung unterbrochen, wir versuchen es weiter …',
  unavailable: 'Der Chat ist gerade nicht verfügbar.',
  rateLimited: 'Zu viele Nachrichten auf einmal, wir senden gleich weiter.',
  tooLong: 'Die Nachricht ist zu lang.',
  download: (name: string) => `${name} herunterladen`,
  surveyQuestion: 'Wie zufrieden waren Sie mit unserer Hilfe?',
  surveyRating: (n: number) =>
    n === 1 ? '1 von 5: gar nicht zufrieden' : n === 5 ? '5 von 5: sehr zufrieden' : `${n} von 5`,
  surveyScale: '1 = gar nicht, 5 = sehr zufrieden',
  surveyComment: 'Kommentar (optional)',
  surveySubmit: 'Bewertung senden',
  surveyChange: 'Bewertung ändern',
  surveyPick: 'Bitte wählen Sie eine Bewertung von 1 bis 5.',
  surveyThanks: 'Vielen Dank für Ihre Bewertung!',
  surveyClosed: 'Diese Umfrage ist beendet.',
  surveyFailed: 'Die Bewertung wurde nicht gesendet. Bitte versuchen Sie es noch einmal.',
};

export type Texts = typeof de;

const en: Texts = {
  open: 'Open chat',
  close: 'Close chat',
  title: 'Chat',
  online: 'We are online',
  offline: 'Nobody is online right now',
  messages: 'Messages',
  input: 'Message',
  placeholder: 'Write a message …',
  send: 'Send',
  pending: 'Sending …',
  failed: 'Not sent',
  retry: 'Send again',
  you: 'You',
  typing: (name) => (name ? `${name} is typing …` : 'Someone is typing …'),
  unread: (n) => (n === 1 ? '1 new message' : `${n} new messages`),
  emailPrompt: 'Leave your email address and we will answer by email.',
  emailLabel: 'Your email address',
  emailSubmit: 'Save',
  emailSaved: (email) => `We will answer to ${email} if you are gone by then.`,
  emailInvalid: 'Please enter a valid email address.',
  connecting: 'Connecting …',
  reconnecting: 'Connection lost, trying again …',
  unavailable: 'The chat is not available right now.',
  rateLimited: 'Too many messages at once, sending the rest shortly.',
  tooLong: 'The message is too long.',
  download: (name: string) => `Download ${name}`,
  surveyQuestion: 'How satisfied were you with our help?',
  surveyRating: (n) =>
    n === 1 ? '1 of 5: not at all satisfied' : n === 5 ? '5 of 5: very satisfied' : `${n} of 5`,
  surveyScale: '1 = not at all, 5 = very satisfied',
  surveyComment: 'Comment (optional)',
  surveySubmit: 'Send rating',
  surveyChange: 'Change rating',
  surveyPick: 'Please choose a rating from 1 to 5.',
  surveyThanks: 'Thank you for your rating!',
  surveyClosed: 'This survey has closed.',
  surveyFailed: 'The rating was not sent. Please try again.',
};

/** `data-lang` if it names a language we have, else the browser's first German or English preference. */
export function pickLang(requested: string | null | undefined, preferred: readonly string[]): Lang {
  const wanted = requested?.trim().toLowerCase().slice(0, 2);
  if (wanted === 'de' || wanted === 'en') return wanted;
  for (const tag of preferred) {
    const base = tag.toLowerCase().slice(0, 2);
    if (base === 'de' || base === 'en') return base;
  }
  return 'en';
}

export function textsFor(lang: Lang): Texts {
  return lang === 'de' ? de : en;
}

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

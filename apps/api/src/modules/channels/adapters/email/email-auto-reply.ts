/** Reads one header of the message (unfolded, trimmed), undefined when absent. */
export type HeaderReader = (name: string) => string | undefined;

const AUTO_SUBJECT =
  /^(automatic reply|auto(matische)? ?(antwort|reply|response)|out of (the )?office|abwesenheit(snotiz)?|réponse automatique|respuesta automática)\b/i;

/**
 * Why a message was sent by a machine (vacation notice, auto-responder, list robot), or undefined for
 * a person's message. These never open a conversation nor get a reply (RFC 3834 and the headers real
 * auto-responders set). `nullSender` is true when the SMTP envelope came with `MAIL FROM:<>`.
 */
export function automaticMessageReason(
  header: HeaderReader,
  subject: string,
  nullSender: boolean,
): string | undefined {
  const autoSubmitted = header('auto-submitted')?.split(';')[0].trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return `Auto-Submitted: ${autoSubmitted}`;

  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence && /^(bulk|junk|list|auto_reply)$/.test(precedence))
    return `Precedence: ${precedence}`;

  for (const name of [
    'x-autoreply',
    'x-autorespond',
    'x-autoresponder',
    'x-autoreply-from',
    'x-mail-autoreply',
    'x-auto-reply',
  ]) {
    const value = header(name);
    if (value !== undefined && !/^(no|false|0)$/i.test(value)) return `${name}: ${value}`;
  }

  // Exchange marks its out-of-office replies with this header, but ordinary messages sometimes carry
  // it too: it counts only with a second sign of an automatic reply.
  const suppress = header('x-auto-response-suppress');
  if (
    suppress &&
    /\b(all|oof)\b/i.test(suppress) &&
    (header('x-ms-exchange-inbox-rules-loop') !== undefined || AUTO_SUBJECT.test(subject.trim()))
  ) {
    return `X-Auto-Response-Suppress: ${suppress}`;
  }

  if (nullSender) return 'empty return path (automatic message)';
  return undefined;
}

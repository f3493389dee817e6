import type { TypingSignal } from '../../../api/socket';
import {
  nextTyping,
  TYPING_REPEAT_MS,
  type TypingInput,
  type TypingSession,
} from './typing-throttle';

const A = 'c0000000-0000-4000-8000-000000000001';
const B = 'c0000000-0000-4000-8000-000000000002';

/** Runs inputs through the throttle and collects every signal it sends. */
function run(inputs: TypingInput[], start: TypingSession | null = null) {
  let session = start;
  const sent: TypingSignal[] = [];
  for (const input of inputs) {
    const step = nextTyping(session, input);
    session = step.session;
    sent.push(...step.signals);
  }
  return { session, sent };
}

const input = (now: number, kind: TypingSignal['kind'] = 'reply', conversationId = A) =>
  ({ type: 'input', conversationId, kind, now }) as const;

describe('typing throttle', () => {
  it('announces the first keystroke and repeats it at most every 3 seconds', () => {
    const { sent } = run([
      input(0),
      input(400),
      input(2999),
      input(TYPING_REPEAT_MS),
      input(TYPING_REPEAT_MS + 100),
      input(2 * TYPING_REPEAT_MS + 50),
    ]);
    expect(sent).toEqual([
      { conversationId: A, kind: 'reply', typing: true },
      { conversationId: A, kind: 'reply', typing: true },
      { conversationId: A, kind: 'reply', typing: true },
    ]);
  });

  it('ends what it announced once on stop, and says nothing when nothing was announced', () => {
    expect(run([{ type: 'stop' }]).sent).toEqual([]);
    const { sent, session } = run([input(0, 'note'), { type: 'stop' }, { type: 'stop' }]);
    expect(sent).toEqual([
      { conversationId: A, kind: 'note', typing: true },
      { conversationId: A, kind: 'note', typing: false },
    ]);
    expect(session).toBeNull();
  });

  it('starts afresh after a stop, without waiting for the repeat interval', () => {
    const { sent } = run([input(0), { type: 'stop' }, input(100)]);
    expect(sent.map((signal) => signal.typing)).toEqual([true, false, true]);
  });

  it('ends the previous conversation or kind of message before announcing the new one', () => {
    const { sent } = run([input(0, 'reply'), input(100, 'note'), input(200, 'note', B)]);
    expect(sent).toEqual([
      { conversationId: A, kind: 'reply', typing: true },
      { conversationId: A, kind: 'reply', typing: false },
      { conversationId: A, kind: 'note', typing: true },
      { conversationId: A, kind: 'note', typing: false },
      { conversationId: B, kind: 'note', typing: true },
    ]);
  });
});

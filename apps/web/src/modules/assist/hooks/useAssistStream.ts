import { useEffect, useRef, useState } from 'react';
import { assistApi, type AssistStreamRequest } from '../../../api/assist.api';
import { readEventStream } from '../format/read-event-stream';

/**
 * One streamed assist call at a time: `start` hands the text so far to `onText` as it arrives and
 * resolves with the whole of it (or null when stopped or failed); `stop` ends it, and so does
 * leaving (the server then stops the model too).
 */
export function useAssistStream(conversationId: string) {
  const controller = useRef<AbortController | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Leaving the dialog or conversation must not leave a model writing for nobody.
  useEffect(() => () => controller.current?.abort(), []);

  const start = async (
    request: AssistStreamRequest,
    onText: (textSoFar: string) => void,
  ): Promise<string | null> => {
    controller.current?.abort();
    const mine = new AbortController();
    controller.current = mine;
    setRunning(true);
    setError(null);
    let text = '';
    try {
      const response = await assistApi.stream(conversationId, request, mine.signal);
      for await (const piece of readEventStream(response)) {
        if (mine.signal.aborted) return null;
        text += piece;
        onText(text);
      }
      return mine.signal.aborted ? null : text;
    } catch (err) {
      if (!mine.signal.aborted) setError(err);
      return null;
    } finally {
      if (controller.current === mine) {
        controller.current = null;
        setRunning(false);
      }
    }
  };

  const stop = () => {
    controller.current?.abort();
    controller.current = null;
    setRunning(false);
  };

  return { start, stop, running, error };
}

import { HttpStatus, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { OutboundClient } from '../../core/net/outbound.client';
import { OutboundRefusedError } from '../../core/net/outbound.errors';
import { AssistNotConfiguredException, AssistProviderException } from './assist.exception';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** Largest event stream accepted from the model server. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

/**
 * The one provider interface: OpenAI-compatible chat completions (`POST {AI_BASE_URL}/chat/completions`,
 * bearer key, `stream: true`), which OpenAI, Azure OpenAI, Mistral, Ollama and vLLM all speak.
 * Goes out through the guarded client; every failure becomes an AssistProviderException.
 */
@Injectable()
export class AssistProviderClient {
  constructor(
    private readonly config: AppConfig,
    private readonly outbound: OutboundClient,
  ) {}

  get configured(): boolean {
    return this.config.ai !== null;
  }

  get model(): string | null {
    return this.config.ai?.model ?? null;
  }

  /**
   * Opens a completion and resolves once the server has accepted it (so a refusal is an error of
   * the request, not of the stream); yields the text as it arrives. `signal` stops it.
   */
  async complete(
    messages: ChatMessage[],
    opts: { signal: AbortSignal; maxTokens?: number },
  ): Promise<AsyncGenerator<string>> {
    const ai = this.config.ai;
    if (!ai) throw new AssistNotConfiguredException();
    const seconds = Math.round(ai.timeoutMs / 1000);
    let answer;
    try {
      answer = await this.outbound.stream(`${ai.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ai.apiKey}`,
          'content-type': 'application/json',
          accept: 'text/event-stream',
        },
        body: JSON.stringify({
          model: ai.model,
          messages,
          stream: true,
          temperature: 0.3,
          ...(opts.maxTokens && { max_tokens: opts.maxTokens }),
        }),
        timeoutMs: ai.timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
        signal: opts.signal,
      });
    } catch (err) {
      throw failureOf(err, seconds, opts.signal);
    }
    if (!answer.ok) {
      answer.body.destroy();
      throw refusalOf(answer.status);
    }
    return pieces(answer.body, seconds, opts.signal);
  }
}

async function* pieces(
  body: AsyncIterable<Buffer>,
  seconds: number,
  signal: AbortSignal,
): AsyncGenerator<string> {
  let buffer = '';
  try {
    for await (const chunk of body) {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (!line.startsWith('data:')) continue;
        const data = line.slice(5).trim();
        if (data === '[DONE]') return;
        const text = deltaOf(data);
        if (text) yield text;
      }
    }
  } catch (err) {
    if (err instanceof AssistProviderException) throw err;
    throw failureOf(err, seconds, signal);
  }
}

/** `choices[0].delta.content` of one event; a provider's `error` event fails the call. */
function deltaOf(data: string): string | undefined {
  let event: {
    choices?: { delta?: { content?: unknown } }[];
    error?: unknown;
  };
  try {
    event = JSON.parse(data) as typeof event;
  } catch {
    throw new AssistProviderException(
      HttpStatus.BAD_GATEWAY,
      'The AI provider sent an answer that is not an OpenAI-compatible event stream',
      'provider_error',
    );
  }
  if (event.error)
    throw new AssistProviderException(
      HttpStatus.BAD_GATEWAY,
      'The AI provider stopped with an error: try again later',
      'provider_error',
    );
  const content = event.choices?.[0]?.delta?.content;
  return typeof content === 'string' ? content : undefined;
}

/** A non-2xx answer, by what the admin or the user can do about it. */
function refusalOf(status: number): AssistProviderException {
  if (status === 401 || status === 403)
    return new AssistProviderException(
      HttpStatus.BAD_GATEWAY,
      `The AI provider refused the API key (HTTP ${status}): check AI_API_KEY`,
      'provider_error',
    );
  if (status === 404)
    return new AssistProviderException(
      HttpStatus.BAD_GATEWAY,
      'The AI provider does not know this model or address (HTTP 404): check AI_MODEL and AI_BASE_URL',
      'provider_error',
    );
  if (status === 429)
    return new AssistProviderException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'The AI provider is busy (HTTP 429): try again in a moment',
      'provider_error',
    );
  return new AssistProviderException(
    HttpStatus.BAD_GATEWAY,
    `The AI provider failed (HTTP ${status}): try again later`,
    'provider_error',
  );
}

function failureOf(err: unknown, seconds: number, signal: AbortSignal): Error {
  if (signal.aborted) return err as Error;
  if (err instanceof OutboundRefusedError)
    return new AssistProviderException(
      HttpStatus.SERVICE_UNAVAILABLE,
      `The AI provider's address is internal: allow ${err.host} with OUTBOUND_ALLOW_HOSTS`,
      'unreachable',
    );
  const message = (err as Error).message ?? '';
  if (/^no answer within/.test(message))
    return new AssistProviderException(
      HttpStatus.GATEWAY_TIMEOUT,
      `The AI provider did not answer within ${seconds} s: try again, or raise AI_TIMEOUT_MS`,
      'timeout',
    );
  return new AssistProviderException(
    HttpStatus.SERVICE_UNAVAILABLE,
    'The AI provider cannot be reached: check AI_BASE_URL',
    'unreachable',
  );
}

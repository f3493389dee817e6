import { HttpStatus, Injectable } from '@nestjs/common';
import type {
  AssistFeature,
  AssistOutcome,
  AssistReplyDraftRequest,
  AssistTeamSuggestionDto,
  AssistTranslateRequest,
} from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { ConversationAccess } from '../conversations/conversation-access.service';
import { AssistCallsService } from './assist-calls.service';
import { AssistContextQuery } from './assist-context.query';
import {
  CHANNEL_LIMITS,
  handoffSummaryPrompt,
  languageName,
  parseTeamSuggestion,
  replyDraftPrompt,
  sizeOf,
  summaryPrompt,
  teamSuggestionPrompt,
  translateDraftPrompt,
  translateMessagePrompt,
} from './assist-prompts';
import { AssistProviderClient, type ChatMessage } from './assist-provider.client';
import { AssistSettingsService } from './assist-settings.service';
import {
  AssistMessageNotFoundException,
  AssistNoTeamsException,
  AssistProviderException,
} from './assist.exception';

/** Longest handoff note the handoff accepts. */
const HANDOFF_NOTE_MAX = 2000;

/**
 * AI assistance on one conversation. Each call: the caller may see the conversation, the feature is
 * on, only this conversation goes to the model (notes only into staff-facing text), and the call is
 * audited with its sizes and outcome. Streaming features resolve once the model server accepted the
 * call, so its refusal is an error answer, not a broken stream.
 */
@Injectable()
export class AssistService {
  constructor(
    private readonly access: ConversationAccess,
    private readonly settings: AssistSettingsService,
    private readonly context: AssistContextQuery,
    private readonly provider: AssistProviderClient,
    private readonly calls: AssistCallsService,
  ) {}

  async handoffSummary(
    user: AuthUser,
    conversationId: string,
    signal: AbortSignal,
  ): Promise<AsyncGenerator<string>> {
    await this.allow(user, conversationId, 'handoff_summary');
    const ctx = await this.context.load(conversationId, { withNotes: true });
    const prompt = handoffSummaryPrompt(ctx, await this.agentLanguage(user));
    return this.open(user, conversationId, 'handoff_summary', prompt, signal, HANDOFF_NOTE_MAX);
  }

  async summary(
    user: AuthUser,
    conversationId: string,
    signal: AbortSignal,
  ): Promise<AsyncGenerator<string>> {
    await this.allow(user, conversationId, 'summary');
    const ctx = await this.context.load(conversationId, { withNotes: true });
    const prompt = summaryPrompt(ctx, await this.agentLanguage(user));
    return this.open(user, conversationId, 'summary', prompt, signal);
  }

  async replyDraft(
    user: AuthUser,
    conversationId: string,
    body: AssistReplyDraftRequest,
    signal: AbortSignal,
  ): Promise<AsyncGenerator<string>> {
    await this.allow(user, conversationId, 'reply_draft');
    // Internal notes stay out of everything the customer may read.
    const ctx = await this.context.load(conversationId, { withNotes: false });
    const kind =
      (body.channelId && (await this.context.channelKind(body.channelId))) ||
      ctx.lastInboundChannelKind ||
      'email';
    const language = ctx.contact.language ? languageName(ctx.contact.language) : null;
    const prompt = replyDraftPrompt(ctx, kind, language, body.hint);
    return this.open(
      user,
      conversationId,
      'reply_draft',
      prompt,
      signal,
      CHANNEL_LIMITS[kind].maxChars,
    );
  }

  /** A message into the caller's language, or a draft (`text`) into the customer's. */
  async translate(
    user: AuthUser,
    conversationId: string,
    body: AssistTranslateRequest,
    signal: AbortSignal,
  ): Promise<AsyncGenerator<string>> {
    await this.allow(user, conversationId, 'translate');
    let prompt: ChatMessage[];
    if (body.messageId) {
      const message = await this.context.message(conversationId, body.messageId);
      if (!message) throw new AssistMessageNotFoundException(body.messageId);
      prompt = translateMessagePrompt(message.text, await this.agentLanguage(user));
    } else {
      const ctx = await this.context.load(conversationId, { withNotes: false });
      const sample = ctx.entries.find((e) => e.type === 'inbound' && e.text.trim())?.text ?? '';
      const language = ctx.contact.language ? languageName(ctx.contact.language) : null;
      prompt = translateDraftPrompt(body.text ?? '', language, sample);
    }
    return this.open(user, conversationId, 'translate', prompt, signal);
  }

  async teamSuggestion(
    user: AuthUser,
    conversationId: string,
    signal: AbortSignal,
  ): Promise<AssistTeamSuggestionDto> {
    await this.allow(user, conversationId, 'team_suggestion');
    const ctx = await this.context.load(conversationId, { withNotes: true });
    const teams = await this.context.teams(ctx.teamId);
    if (!teams.length) throw new AssistNoTeamsException();
    const prompt = teamSuggestionPrompt(ctx, teams, await this.agentLanguage(user));
    let answer = '';
    for await (const piece of await this.open(
      user,
      conversationId,
      'team_suggestion',
      prompt,
      signal,
      2000,
    ))
      answer += piece;
    const suggestion = parseTeamSuggestion(answer, teams);
    if (!suggestion)
      throw new AssistProviderException(
        HttpStatus.BAD_GATEWAY,
        'The AI provider named no team of this workspace: try again, or choose yourself',
        'provider_error',
      );
    return {
      team: { id: suggestion.team.id, name: suggestion.team.name },
      reason: suggestion.reason,
    };
  }

  private async allow(user: AuthUser, conversationId: string, feature: AssistFeature) {
    await this.access.assertCanSee(user, conversationId);
    await this.settings.assertUsable(feature);
  }

  private async agentLanguage(user: AuthUser): Promise<string> {
    return languageName(await this.context.localeOf(user.id));
  }

  private async open(
    user: AuthUser,
    conversationId: string,
    feature: AssistFeature,
    prompt: ChatMessage[],
    signal: AbortSignal,
    maxChars?: number,
  ): Promise<AsyncGenerator<string>> {
    const started = Date.now();
    const audit = (outcome: AssistOutcome, outputChars: number) =>
      this.calls.record({
        userId: user.id,
        conversationId,
        feature,
        inputChars: sizeOf(prompt),
        outputChars,
        durationMs: Date.now() - started,
        outcome,
      });
    let pieces: AsyncGenerator<string>;
    try {
      pieces = await this.provider.complete(prompt, { signal });
    } catch (err) {
      await audit(outcomeOf(err, signal), 0);
      throw err;
    }
    return relay(pieces, signal, audit, maxChars);
  }
}

/** Passes the model's text on, at most `maxChars`, and audits how the call ended. */
async function* relay(
  pieces: AsyncGenerator<string>,
  signal: AbortSignal,
  audit: (outcome: AssistOutcome, outputChars: number) => Promise<void>,
  maxChars = Number.POSITIVE_INFINITY,
): AsyncGenerator<string> {
  let size = 0;
  let outcome: AssistOutcome = 'cancelled';
  try {
    for await (const piece of pieces) {
      const text = piece.slice(0, maxChars - size);
      size += text.length;
      if (text) yield text;
      if (size >= maxChars) break;
    }
    outcome = 'completed';
  } catch (err) {
    outcome = outcomeOf(err, signal);
    throw err;
  } finally {
    await audit(outcome, size);
  }
}

function outcomeOf(err: unknown, signal: AbortSignal): AssistOutcome {
  if (signal.aborted) return 'cancelled';
  return err instanceof AssistProviderException ? err.outcome : 'provider_error';
}

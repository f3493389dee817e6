import { Injectable, Module } from '@nestjs/common';
import type { WidgetSurveyDto } from '@touchpoint/shared';

/** Rates the survey a chat message asks, for the visitor the survey went to. */
export type WidgetSurveyRater = (
  visitor: { channelId: string; visitorId: string },
  messageId: string,
  rating: number,
  comment: string | null,
) => Promise<WidgetSurveyDto>;

/**
 * Where the chat's rating buttons land: the satisfaction module registers its rater here, so the
 * website chat takes ratings without importing the module that sends surveys through the channels.
 */
@Injectable()
export class WidgetSurveyRatings {
  private rater: WidgetSurveyRater | null = null;

  handle(rater: WidgetSurveyRater): void {
    this.rater = rater;
  }

  rate(...args: Parameters<WidgetSurveyRater>): Promise<WidgetSurveyDto> {
    if (!this.rater) return Promise.reject(new Error('No satisfaction surveys in this process'));
    return this.rater(...args);
  }
}

@Module({ providers: [WidgetSurveyRatings], exports: [WidgetSurveyRatings] })
export class WidgetSurveyRatingsModule {}

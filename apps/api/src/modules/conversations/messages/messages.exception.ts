import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../../core/errors/app.exception';

export class ChannelUnavailableException extends AppException {
  constructor(message: string) {
    super('messages.channel_unavailable', HttpStatus.UNPROCESSABLE_ENTITY, message);
  }
}

/** The provider takes only a template now (WhatsApp: 24 hours after the customer last wrote). */
export class ReplyWindowClosedException extends AppException {
  constructor(reason: string) {
    super('messages.reply_window_closed', HttpStatus.UNPROCESSABLE_ENTITY, reason);
  }
}

/** A template names a channel whose provider has none: only WhatsApp sends templates. */
export class TemplatesUnsupportedException extends AppException {
  constructor(channel: { name: string; kind: string }) {
    super(
      'messages.templates_unsupported',
      HttpStatus.UNPROCESSABLE_ENTITY,
      `template cannot be sent through ${channel.name}: ${channel.kind} channels send no templates, write the reply as text`,
    );
  }
}

/** The channel has no approved template of this name (`template.name`) or language (`template.language`). */
export class UnknownTemplateException extends AppException {
  constructor(field: 'template.name' | 'template.language', reason: string) {
    super('messages.template_unknown', HttpStatus.UNPROCESSABLE_ENTITY, `${field} ${reason}`);
  }
}

/** The values do not fit the template's variables. */
export class TemplateVariablesException extends AppException {
  constructor(reason: string) {
    super(
      'messages.template_variables',
      HttpStatus.UNPROCESSABLE_ENTITY,
      `template.variables ${reason}`,
    );
  }
}

export class NotRetryableException extends AppException {
  constructor() {
    super('messages.not_retryable', HttpStatus.CONFLICT, 'Only a failed reply can be sent again');
  }
}

export class AttachmentLinkExpiredException extends AppException {
  constructor() {
    super(
      'messages.attachment_link_invalid',
      HttpStatus.FORBIDDEN,
      'This attachment link is invalid or has expired; reopen the conversation',
    );
  }
}

export class NotOwnerException extends AppException {
  constructor() {
    super(
      'messages.not_owner',
      HttpStatus.FORBIDDEN,
      'Only the owner answers the customer: write an internal note instead, or ask the owner to hand the conversation over',
    );
  }
}

export class SuggestionSentException extends AppException {
  constructor() {
    super(
      'messages.suggestion_sent',
      HttpStatus.CONFLICT,
      'This suggested reply has been sent already',
    );
  }
}

export class RepliedMeanwhileException extends AppException {
  constructor(name: string) {
    super(
      'messages.replied_meanwhile',
      HttpStatus.CONFLICT,
      `${name} replied to the customer while you were writing: read it, then send again to confirm`,
    );
  }
}

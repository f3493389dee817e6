/**
 * The part of the Telegram Bot API (https://core.telegram.org/bots/api) this channel reads. Fields
 * are optional where the API says so; anything else an update carries is kept in the raw event.
 */

export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface TelegramChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  first_name?: string;
  last_name?: string;
  username?: string;
  title?: string;
}

interface TelegramFileBase {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
}

export type TelegramPhotoSize = TelegramFileBase & { width: number; height: number };
export type TelegramAudio = TelegramFileBase & {
  duration: number;
  performer?: string;
  title?: string;
  file_name?: string;
  mime_type?: string;
};
export type TelegramVoice = TelegramFileBase & { duration: number; mime_type?: string };
export type TelegramVideo = TelegramFileBase & {
  duration: number;
  file_name?: string;
  mime_type?: string;
};
export type TelegramVideoNote = TelegramFileBase & { duration: number; length: number };
export type TelegramAnimation = TelegramVideo;
export type TelegramDocument = TelegramFileBase & { file_name?: string; mime_type?: string };
export type TelegramSticker = TelegramFileBase & {
  emoji?: string;
  set_name?: string;
  is_animated: boolean;
  is_video: boolean;
};

export interface TelegramLocation {
  latitude: number;
  longitude: number;
  live_period?: number;
}

export interface TelegramMessage {
  message_id: number;
  from?: TelegramUser;
  sender_chat?: TelegramChat;
  date: number;
  edit_date?: number;
  chat: TelegramChat;
  forward_origin?: {
    type: 'user' | 'hidden_user' | 'chat' | 'channel';
    sender_user?: TelegramUser;
    sender_user_name?: string;
    sender_chat?: TelegramChat;
    chat?: TelegramChat;
  };
  reply_to_message?: TelegramMessage;
  /** The part of the replied-to message the customer quoted. */
  quote?: { text: string };
  text?: string;
  caption?: string;
  photo?: TelegramPhotoSize[];
  audio?: TelegramAudio;
  voice?: TelegramVoice;
  video?: TelegramVideo;
  video_note?: TelegramVideoNote;
  animation?: TelegramAnimation;
  document?: TelegramDocument;
  sticker?: TelegramSticker;
  location?: TelegramLocation;
  venue?: { location: TelegramLocation; title: string; address: string };
  contact?: {
    phone_number: string;
    first_name: string;
    last_name?: string;
    user_id?: number;
  };
  poll?: { question: string; options: { text: string }[]; type?: 'regular' | 'quiz' };
  dice?: { emoji: string; value: number };
}

export type TelegramReactionType =
  | { type: 'emoji'; emoji: string }
  | { type: 'custom_emoji'; custom_emoji_id: string }
  | { type: 'paid' };

export interface TelegramMessageReaction {
  chat: TelegramChat;
  message_id: number;
  user?: TelegramUser;
  actor_chat?: TelegramChat;
  date: number;
  old_reaction: TelegramReactionType[];
  new_reaction: TelegramReactionType[];
}

export interface TelegramUpdate {
  update_id: number;
  message?: TelegramMessage;
  edited_message?: TelegramMessage;
  message_reaction?: TelegramMessageReaction;
  [other: string]: unknown;
}

/** A `getFile` answer: `file_path` is missing when Telegram cannot offer the file for download. */
export interface TelegramFile {
  file_id: string;
  file_size?: number;
  file_path?: string;
}

/** Every Bot API answer: `result` when ok, else `error_code`, `description` and maybe `retry_after`. */
export interface TelegramAnswer<T> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** The updates the product asks Telegram for when it registers the webhook. */
export const TELEGRAM_ALLOWED_UPDATES = ['message', 'edited_message', 'message_reaction'] as const;

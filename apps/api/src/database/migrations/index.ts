import { Foundation1763830000000 } from './1763830000000-Foundation';
import { ConversationCore1763840000000 } from './1763840000000-ConversationCore';

/** Every migration, oldest first. A landed migration is never edited: add a new one. */
export const migrations = [Foundation1763830000000, ConversationCore1763840000000];

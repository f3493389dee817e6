/**
 * The one writer of a conversation: its row and counters, its messages (with attachments and
 * delivery status), its timeline and its participants are written only through these functions,
 * each inside the caller's transaction, adding the domain events to the caller's batch. `seq` is
 * assigned in one place, `nextSeq` (a merge or split renumbers whole threads, see `writer/merge.ts`
 * and `writer/split.ts`). Other modules import from here, never from `writer/`.
 */
export * from './writer/calls';
export * from './writer/contact-move';
export * from './writer/conversation';
export * from './writer/erasure';
export * from './writer/journeys';
export * from './writer/labels';
export * from './writer/leads';
export * from './writer/merge';
export * from './writer/messages';
export * from './writer/participants';
export * from './writer/sla-clocks';
export * from './writer/split';
export * from './writer/thread-counters';
export * from './writer/timeline';

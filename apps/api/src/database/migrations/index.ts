import { Foundation1763830000000 } from './1763830000000-Foundation';
import { ConversationCore1763840000000 } from './1763840000000-ConversationCore';
import { Handoffs1763850000000 } from './1763850000000-Handoffs';
import { Notifications1763860000000 } from './1763860000000-Notifications';
import { AutoAssignment1763870000000 } from './1763870000000-AutoAssignment';
import { ParticipantAccessEnd1763880500000 } from './1763880500000-ParticipantAccessEnd';
import { SessionVersion1764900100000 } from './1764900100000-SessionVersion';
import { KeepOddCustomerText1764900200000 } from './1764900200000-KeepOddCustomerText';
import { SendLease1765000100000 } from './1765000100000-SendLease';
import { HandoffSlaSteps1765000200000 } from './1765000200000-HandoffSlaSteps';
import { OutboxEvents1765000400000 } from './1765000400000-OutboxEvents';
import { IntakeBatches1765000500000 } from './1765000500000-IntakeBatches';
import { DeliveryNews1765000600000 } from './1765000600000-DeliveryNews';
import { Calls1765000700000 } from './1765000700000-Calls';
import { ContactPreferredChannel1765000800000 } from './1765000800000-ContactPreferredChannel';
import { QueueTableVacuum1765000900000 } from './1765000900000-QueueTableVacuum';
import { UserTokens1765001000000 } from './1765001000000-UserTokens';
import { SlaPolicies1765001100000 } from './1765001100000-SlaPolicies';
import { ConversationWaitingSince1765001200000 } from './1765001200000-ConversationWaitingSince';
import { AgentCapacity1765001300000 } from './1765001300000-AgentCapacity';
import { SlaClocks1765001400000 } from './1765001400000-SlaClocks';
import { ReportFigures1765001500000 } from './1765001500000-ReportFigures';
import { ConsultTargets1765001600000 } from './1765001600000-ConsultTargets';
import { ScaleIndexes1765001700000 } from './1765001700000-ScaleIndexes';
import { DemoMailbox1765001800000 } from './1765001800000-DemoMailbox';
import { HandoffMoments1765001900000 } from './1765001900000-HandoffMoments';
import { SearchIndex1765002000000 } from './1765002000000-SearchIndex';
import { ContactProfile1765002100000 } from './1765002100000-ContactProfile';
import { ContactProfileSearch1765002110000 } from './1765002110000-ContactProfileSearch';
import { OutboxRelayAttempts1765002120000 } from './1765002120000-OutboxRelayAttempts';
import { Webhooks1765002200000 } from './1765002200000-Webhooks';
import { ApiTokens1765002210000 } from './1765002210000-ApiTokens';
import { Leads1765002500000 } from './1765002500000-Leads';
import { ConversationMerges1765002400000 } from './1765002400000-ConversationMerges';
import { MarketingHolds1765002300000 } from './1765002300000-MarketingHolds';
import { Privacy1765002510000 } from './1765002510000-Privacy';
import { AssistCalls1765002600000 } from './1765002600000-AssistCalls';
import { LabelsAndCannedResponses1765002700000 } from './1765002700000-LabelsAndCannedResponses';
import { ComposerUploads1765002800000 } from './1765002800000-ComposerUploads';
import { CsatSurveys1765002950000 } from './1765002950000-CsatSurveys';
import { SharedGoals1765003000000 } from './1765003000000-SharedGoals';
import { GoalCsatKind1765003010000 } from './1765003010000-GoalCsatKind';
import { TouchpointManagerRole1765003100000 } from './1765003100000-TouchpointManagerRole';
import { ConversationJourneyFigures1765003200000 } from './1765003200000-ConversationJourneyFigures';
import { CsatSurveyMessage1765003300000 } from './1765003300000-CsatSurveyMessage';
import { WeeklySummaries1765003400000 } from './1765003400000-WeeklySummaries';

/** Every migration, oldest first. A landed migration is never edited: add a new one. */
export const migrations = [
  Foundation1763830000000,
  ConversationCore1763840000000,
  Handoffs1763850000000,
  Notifications1763860000000,
  AutoAssignment1763870000000,
  ParticipantAccessEnd1763880500000,
  SessionVersion1764900100000,
  KeepOddCustomerText1764900200000,
  SendLease1765000100000,
  HandoffSlaSteps1765000200000,
  OutboxEvents1765000400000,
  IntakeBatches1765000500000,
  DeliveryNews1765000600000,
  Calls1765000700000,
  ContactPreferredChannel1765000800000,
  QueueTableVacuum1765000900000,
  UserTokens1765001000000,
  SlaPolicies1765001100000,
  ConversationWaitingSince1765001200000,
  AgentCapacity1765001300000,
  SlaClocks1765001400000,
  ReportFigures1765001500000,
  ConsultTargets1765001600000,
  ScaleIndexes1765001700000,
  DemoMailbox1765001800000,
  HandoffMoments1765001900000,
  SearchIndex1765002000000,
  ContactProfile1765002100000,
  ContactProfileSearch1765002110000,
  OutboxRelayAttempts1765002120000,
  Webhooks1765002200000,
  ApiTokens1765002210000,
  Leads1765002500000,
  ConversationMerges1765002400000,
  MarketingHolds1765002300000,
  Privacy1765002510000,
  AssistCalls1765002600000,
  LabelsAndCannedResponses1765002700000,
  ComposerUploads1765002800000,
  CsatSurveys1765002950000,
  SharedGoals1765003000000,
  GoalCsatKind1765003010000,
  TouchpointManagerRole1765003100000,
  ConversationJourneyFigures1765003200000,
  CsatSurveyMessage1765003300000,
  WeeklySummaries1765003400000,
];

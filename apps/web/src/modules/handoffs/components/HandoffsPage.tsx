import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { HandoffDto } from '@touchpoint/shared';
import type { HandoffListFilters, HandoffListView } from '../../../api/handoffs.api';
import { Alert } from '../../../ui/Alert';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { useMe } from '../../auth/hooks/useMe';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useHandoffList } from '../hooks/useHandoffList';
import type { HandoffStep } from './HandoffActions';
import { HandoffRow } from './HandoffRow';

const VIEWS: readonly HandoffListView[] = ['queue', 'mine', 'requested'];

function isView(value: string | null): value is HandoffListView {
  return (VIEWS as readonly (string | null)[]).includes(value);
}

interface Feedback {
  step: HandoffStep;
  handoff: HandoffDto;
}

/**
 * `/handoffs`: what waits for my teams or me (Queue), the consults I work on (Mine), and what I
 * asked of others (Requested); live through `handoff.*` events. The list is in the URL
 * (`?view=mine`), so it survives a reload and can be linked.
 */
export function HandoffsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const viewParam = params.get('view');
  const view: HandoffListView = isView(viewParam) ? viewParam : 'queue';
  const teamParam = params.get('team') ?? undefined;
  const teamId =
    view === 'queue' && me?.teams.some((team) => team.id === teamParam) ? teamParam : undefined;
  const filters: HandoffListFilters = teamId ? { view, teamId } : { view };
  const list = useHandoffList(filters);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  // Accepted here, they leave the queue: they stay in sight, linking to their conversation, until
  // the view changes, so nothing disappears under the pointer.
  const [acceptedHere, setAcceptedHere] = useState<HandoffDto[]>([]);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const baseId = useId();
  const teamSelectId = useId();
  if (!me) return null; // the shell renders only once the user is loaded

  const choose = (next: HandoffListView) => {
    setFeedback(null);
    setAcceptedHere([]);
    setParams(next === 'queue' ? {} : { view: next });
  };

  const moveBetweenTabs = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = VIEWS.indexOf(view);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = VIEWS[(index + step + VIEWS.length) % VIEWS.length] ?? 'queue';
    choose(next);
    tabs.current[VIEWS.indexOf(next)]?.focus();
  };

  const listed = list.data ?? [];
  const shown = [
    ...acceptedHere.filter((kept) => !listed.some((handoff) => handoff.id === kept.id)),
    ...listed,
  ];
  let content;
  if (list.isPending) {
    content = <Skeleton rows={4} variant="card" label={t('handoffs.page.loading')} />;
  } else if (list.isError) {
    content = (
      <RetryAlert
        title={t('handoffs.page.error')}
        retryLabel={t('inbox.list.retry')}
        onRetry={() => void list.refetch()}
      >
        {apiErrorMessage(list.error, t)}
      </RetryAlert>
    );
  } else if (shown.length === 0) {
    content = (
      <EmptyState
        icon="handoff"
        title={t(`handoffs.page.empty.${view}`)}
        data-testid="handoff-list-empty"
      />
    );
  } else {
    content = (
      <ul className="tp-handoff-list" data-testid="handoff-list">
        {shown.map((handoff) => (
          <HandoffRow
            key={handoff.id}
            handoff={handoff}
            me={me}
            onDone={(step, answer) => {
              setFeedback({ step, handoff: answer });
              if (step === 'accept')
                setAcceptedHere((kept) => [answer, ...kept.filter((h) => h.id !== answer.id)]);
            }}
          />
        ))}
      </ul>
    );
  }

  return (
    <section className="tp-handoffs" aria-labelledby="handoffs-title" data-testid="page-handoffs">
      <PageHeader
        titleId="handoffs-title"
        title={t('handoffs.title')}
        intro={t('handoffs.page.intro')}
      />
      <div className="tp-handoffs__bar">
        <div
          role="tablist"
          aria-label={t('handoffs.page.tabs')}
          className="tp-tabs"
          onKeyDown={moveBetweenTabs}
        >
          {VIEWS.map((option, index) => (
            <button
              key={option}
              ref={(element) => {
                tabs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${option}`}
              aria-selected={option === view}
              aria-controls={`${baseId}-panel`}
              tabIndex={option === view ? 0 : -1}
              className="tp-tabs__tab"
              onClick={() => choose(option)}
              data-testid={`handoffs-tab-${option}`}
            >
              {t(`handoffs.page.views.${option}`)}
              {option === view && list.isSuccess ? (
                <span className="tp-views__count">
                  <span aria-hidden="true"> {list.data.length}</span>
                  <span className="tp-visually-hidden">
                    , {t('handoffs.page.count', { count: list.data.length })}
                  </span>
                </span>
              ) : null}
            </button>
          ))}
        </div>
        {view === 'queue' && me.teams.length > 1 ? (
          <div className="tp-handoffs__team">
            <label htmlFor={teamSelectId}>{t('handoffs.page.team')}</label>
            <select
              id={teamSelectId}
              className="tp-select"
              value={teamId ?? ''}
              onChange={(event) =>
                setParams(event.target.value ? { team: event.target.value } : {})
              }
            >
              <option value="">{t('handoffs.page.allTeams')}</option>
              {me.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${view}`}
        className="tp-handoffs__panel"
      >
        {feedback ? (
          <Alert
            tone="success"
            data-testid="handoff-feedback"
            action={
              feedback.step === 'accept' ? (
                <Link
                  className="tp-button tp-button--secondary"
                  to={`/inbox/${feedback.handoff.conversationId}`}
                >
                  {t('handoffs.page.openConversation')}
                </Link>
              ) : undefined
            }
          >
            {feedback.step === 'accept' && feedback.handoff.kind === 'transfer'
              ? t('handoffs.page.done.acceptTransfer')
              : t(`handoffs.page.done.${feedback.step}`)}
          </Alert>
        ) : null}
        {content}
      </div>
    </section>
  );
}

import { useDeferredValue, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { ContactListItemDto } from '@touchpoint/shared';
import { EmptyState } from '../../../ui/EmptyState';
import { Icon } from '../../../ui/Icon';
import { LoadMoreButton } from '../../../ui/LoadMoreButton';
import { PageHeader } from '../../../ui/PageHeader';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { RelativeTime } from '../../inbox/components/RelativeTime';
import { contactName } from '../contact-name';
import { useContactList } from '../hooks/useContactList';
import { IdentityKindIcon } from './IdentityKindIcon';
import './contacts.css';

/**
 * `/contacts`: every customer the user may see, searchable by name, email, phone, company or any
 * address; the search is in the URL (`?q=`), so it survives a reload and can be linked.
 */
export function ContactListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const query = useDeferredValue(q.trim());
  const list = useContactList(query);
  const searchId = useId();

  let content;
  if (list.isPending) {
    content = <Skeleton rows={6} label={t('contacts.list.loading')} />;
  } else if (list.isError) {
    content = (
      <RetryAlert
        title={t('contacts.list.error')}
        retryLabel={t('inbox.list.retry')}
        onRetry={() => void list.refetch()}
      >
        {apiErrorMessage(list.error, t)}
      </RetryAlert>
    );
  } else if (list.data.length === 0) {
    content = query ? (
      <EmptyState
        icon="search"
        title={t('contacts.list.noMatch', { q: query })}
        hint={t('contacts.list.noMatchHint')}
        data-testid="contact-list-empty"
      />
    ) : (
      <EmptyState
        icon="contacts"
        title={t('contacts.list.empty')}
        hint={t('contacts.list.emptyHint')}
        data-testid="contact-list-empty"
      />
    );
  } else {
    content = (
      <>
        <ContactTable contacts={list.data} />
        <LoadMoreButton query={list} testId="contact-list-more" />
      </>
    );
  }

  return (
    <section className="tp-contacts" aria-labelledby="contacts-title" data-testid="page-contacts">
      <PageHeader
        titleId="contacts-title"
        title={t('contacts.title')}
        intro={t('contacts.intro')}
      />
      <form
        role="search"
        className="tp-contacts__search"
        onSubmit={(event) => event.preventDefault()}
      >
        <label htmlFor={searchId} className="tp-visually-hidden">
          {t('contacts.list.search')}
        </label>
        <Icon name="search" size={16} className="tp-contacts__search-icon" />
        <input
          id={searchId}
          type="search"
          className="tp-field__input"
          placeholder={t('contacts.list.searchPlaceholder')}
          value={q}
          onChange={(event) =>
            setParams(event.target.value ? { q: event.target.value } : {}, { replace: true })
          }
          data-testid="contact-search"
        />
      </form>
      <div aria-busy={list.isFetching || undefined}>{content}</div>
    </section>
  );
}

function ContactTable({ contacts }: { contacts: readonly ContactListItemDto[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="tp-contacts__scroll">
      <table className="tp-contacts__table" data-testid="contact-list">
        <caption className="tp-visually-hidden">{t('contacts.list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('contacts.list.columns.contact')}</th>
            <th scope="col">{t('contacts.list.columns.reach')}</th>
            <th scope="col">{t('contacts.list.columns.channels')}</th>
            <th scope="col">{t('contacts.list.columns.open')}</th>
            <th scope="col">{t('contacts.list.columns.lastActivity')}</th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => (
            <tr
              key={contact.id}
              className="tp-contacts__row"
              data-testid="contact-row"
              onClick={(event) => {
                // The name is the link; a click anywhere else on the row goes there too.
                if (!(event.target instanceof Element) || !event.target.closest('a'))
                  navigate(`/contacts/${contact.id}`);
              }}
            >
              <th scope="row" className="tp-contacts__who">
                <Link to={`/contacts/${contact.id}`} className="tp-contacts__name">
                  {contactName(contact.name, t)}
                </Link>
                {contact.company ? (
                  <span className="tp-contacts__company">{contact.company}</span>
                ) : null}
              </th>
              <td className="tp-contacts__reach">
                {contact.email ? <span>{contact.email}</span> : null}
                {contact.phone ? <span>{contact.phone}</span> : null}
              </td>
              <td>
                <span className="tp-contacts__kinds">
                  {contact.identityKinds.map((kind) => (
                    <IdentityKindIcon key={kind} kind={kind} />
                  ))}
                </span>
              </td>
              <td>
                {contact.openConversations > 0 ? (
                  <span className="tp-contacts__open" data-testid="contact-open">
                    {t('contacts.list.openCount', { count: contact.openConversations })}
                  </span>
                ) : (
                  <span className="tp-contacts__muted">{t('contacts.list.noneOpen')}</span>
                )}
              </td>
              <td className="tp-contacts__muted">
                {contact.lastActivityAt ? (
                  <RelativeTime at={contact.lastActivityAt} />
                ) : (
                  t('contacts.list.never')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

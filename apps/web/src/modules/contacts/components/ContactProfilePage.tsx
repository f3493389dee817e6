import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ContactDto, ContactMergeDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { ContactPrivacyActions } from '../../privacy/components/ContactPrivacyActions';
import { contactName } from '../contact-name';
import { useContact } from '../hooks/useContact';
import { AddIdentityForm } from './AddIdentityForm';
import { ContactAttributesEditor } from './ContactAttributesEditor';
import { ContactConsents } from './ContactConsents';
import { ContactHistory } from './ContactHistory';
import { ContactMerges } from './ContactMerges';
import { ContactNotes } from './ContactNotes';
import { ContactProfileHeader } from './ContactProfileHeader';
import { ContactStory } from './ContactStory';
import { IdentityList } from './IdentityList';
import { MergeSuggestions } from './MergeSuggestions';
import { ProfileSection } from './ProfileSection';
import { RecordConsentDialog } from './RecordConsentDialog';
import './contacts.css';
import { useReadOnly } from '../../auth/hooks/useReadOnly';

/**
 * `/contacts/:contactId`: the 360 view of one customer: who they are and how to reach them, their
 * addresses on every channel, the story of every conversation with its consults and transfers,
 * consent, attributes, notes, merges and what changed when.
 */
export function ContactProfilePage({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const contact = useContact(contactId);
  const navigate = useNavigate();
  const [merged, setMerged] = useState<ContactMergeDto | null>(null);

  const onMerged = (merge: ContactMergeDto) => {
    setMerged(merge);
    if (merge.contactId !== contactId) navigate(`/contacts/${merge.contactId}`);
  };

  let body;
  if (contact.isPending) {
    body = <Skeleton rows={6} variant="card" label={t('contacts.profile.loading')} />;
  } else if (contact.isError) {
    const missing = contact.error.status === 404 || contact.error.status === 403;
    const mergedInto =
      contact.error.code === 'contacts.merged' ? contact.error.related['contactId'] : undefined;
    body = mergedInto ? (
      <Alert
        tone="info"
        title={t('contacts.profile.merged')}
        data-testid="contact-merged"
        action={
          <Link className="tp-button tp-button--secondary" to={`/contacts/${mergedInto}`}>
            {t('contacts.profile.openMerged')}
          </Link>
        }
      >
        {t('contacts.profile.mergedHint')}
      </Alert>
    ) : missing ? (
      <Alert tone="error" title={t('contacts.profile.notFound')} data-testid="contact-missing">
        {t('contacts.profile.notFoundHint')}
      </Alert>
    ) : (
      <RetryAlert
        title={t('contacts.profile.error')}
        retryLabel={t('inbox.list.retry')}
        onRetry={() => void contact.refetch()}
      >
        {apiErrorMessage(contact.error, t)}
      </RetryAlert>
    );
  } else {
    body = (
      <ContactProfile
        key={contact.data.id}
        contact={contact.data}
        onMerged={onMerged}
        feedback={
          merged && merged.contactId === contact.data.id ? (
            <Alert tone="success" data-testid="merge-feedback">
              {t('contacts.merge.done', {
                merged: contactName(merged.mergedContactName, t),
                kept: contactName(contact.data.name, t),
              })}
            </Alert>
          ) : null
        }
      />
    );
  }

  return (
    <section
      className="tp-profile"
      aria-labelledby={contact.data ? 'contact-profile-title' : undefined}
      aria-label={contact.data ? undefined : t('contacts.profile.loading')}
      data-testid="page-contact"
    >
      <Link to="/contacts" className="tp-profile__back">
        <Icon name="back" size={16} />
        {t('contacts.profile.back')}
      </Link>
      {body}
    </section>
  );
}

function ContactProfile({
  contact,
  onMerged,
  feedback,
}: {
  contact: ContactDto;
  onMerged: (merge: ContactMergeDto) => void;
  feedback: ReactNode;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [recording, setRecording] = useState(false);
  const readOnly = useReadOnly();
  return (
    <>
      <ContactProfileHeader contact={contact} onMerged={onMerged} />
      {feedback}
      <MergeSuggestions contact={contact} onMerged={onMerged} />
      <div className="tp-profile__grid">
        <div className="tp-profile__main">
          <ProfileSection
            title={t('contacts.story.title', { count: contact.conversations.length })}
            data-testid="profile-story"
          >
            <ContactStory conversations={contact.conversations} />
          </ProfileSection>
          <ProfileSection title={t('contacts.notes.title')} data-testid="profile-notes">
            <ContactNotes contactId={contact.id} />
          </ProfileSection>
          <ProfileSection title={t('contacts.history.title')} data-testid="profile-history">
            <ContactHistory contactId={contact.id} />
          </ProfileSection>
        </div>
        <div className="tp-profile__side">
          <ProfileSection
            title={t('contact.identities')}
            data-testid="profile-identities"
            actions={
              adding || readOnly ? null : (
                <Button variant="ghost" onClick={() => setAdding(true)} data-testid="identity-add">
                  {t('contacts.identities.add')}
                </Button>
              )
            }
          >
            <IdentityList contact={contact} removable={!readOnly} />
            {adding ? (
              <AddIdentityForm
                contact={contact}
                onDone={() => setAdding(false)}
                onMerged={(merge) => {
                  setAdding(false);
                  onMerged(merge);
                }}
              />
            ) : null}
          </ProfileSection>
          <ProfileSection
            title={t('contacts.consents.title')}
            data-testid="profile-consents"
            actions={
              readOnly ? null : (
                <Button
                  variant="ghost"
                  onClick={() => setRecording(true)}
                  data-testid="consent-record"
                >
                  {t('contacts.consents.record')}
                </Button>
              )
            }
          >
            <ContactConsents consents={contact.consents} />
          </ProfileSection>
          <ProfileSection title={t('contacts.attributes.title')} data-testid="profile-attributes">
            <ContactAttributesEditor contact={contact} />
          </ProfileSection>
          <ProfileSection title={t('contacts.merges.title')} data-testid="profile-merges">
            <ContactMerges merges={contact.merges} contactName={contactName(contact.name, t)} />
          </ProfileSection>
          {/* Export and erase (supervisors and admins; nothing for agents). */}
          <div className="tp-profile__privacy">
            <ContactPrivacyActions contact={contact} />
          </div>
        </div>
      </div>
      {recording ? (
        <RecordConsentDialog contactId={contact.id} onClose={() => setRecording(false)} />
      ) : null}
    </>
  );
}

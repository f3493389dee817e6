import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OVERSEEING_ROLES, type ContactNoteDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useMe } from '../../auth/hooks/useMe';
import { RelativeTime } from '../../inbox/components/RelativeTime';
import { useContactNotes } from '../hooks/useContactNotes';
import {
  useAddContactNote,
  useDeleteContactNote,
  useUpdateContactNote,
} from '../hooks/useContactNoteChanges';
import { useReadOnly } from '../../auth/hooks/useReadOnly';

const NOTE_MAX = 10_000;

/** What staff keep in mind about the customer, newest first: add, edit, delete. */
export function ContactNotes({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const notes = useContactNotes(contactId);
  const add = useAddContactNote(contactId);
  const readOnly = useReadOnly();

  let list;
  if (notes.isPending) list = <Skeleton rows={2} label={t('contacts.notes.loading')} />;
  else if (notes.isError)
    list = (
      <RetryAlert
        title={t('contacts.notes.error')}
        retryLabel={t('inbox.list.retry')}
        onRetry={() => void notes.refetch()}
      >
        {apiErrorMessage(notes.error, t)}
      </RetryAlert>
    );
  else if (notes.data.length === 0)
    list = <p className="tp-empty__hint">{t('contacts.notes.empty')}</p>;
  else
    list = (
      <ul className="tp-contact-notes" data-testid="contact-notes">
        {notes.data.map((note) => (
          <ContactNoteItem key={note.id} contactId={contactId} note={note} />
        ))}
      </ul>
    );

  return (
    <div className="tp-contact-notes__wrap">
      {readOnly ? null : (
        <NoteForm
          label={t('contacts.notes.new')}
          submitLabel={t('contacts.notes.add')}
          busy={add.isPending}
          error={add.isError ? apiErrorMessage(add.error, t) : undefined}
          onSubmit={(body, done) => add.mutate(body, { onSuccess: done })}
          testId="note-new"
        />
      )}
      {list}
    </div>
  );
}

function ContactNoteItem({ contactId, note }: { contactId: string; note: ContactNoteDto }) {
  const { t } = useTranslation();
  const update = useUpdateContactNote(contactId);
  const remove = useDeleteContactNote(contactId);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { data: me } = useMe();
  const readOnly = useReadOnly();
  const edited = note.updatedAt !== note.createdAt;
  // The API lets a note's author, supervisors and admins change it.
  const mayChange =
    me !== undefined &&
    !readOnly &&
    (note.author?.id === me.id || OVERSEEING_ROLES.includes(me.role));
  return (
    <li className="tp-contact-note" data-testid="contact-note">
      <p className="tp-contact-note__meta">
        <span className="tp-contact-note__author">{note.author?.name ?? t('contacts.system')}</span>
        <RelativeTime at={note.createdAt} />
        {edited ? <span>{t('contacts.notes.edited')}</span> : null}
      </p>
      {editing ? (
        <NoteForm
          label={t('contacts.notes.editLabel')}
          submitLabel={t('contacts.notes.save')}
          initial={note.body}
          busy={update.isPending}
          error={update.isError ? apiErrorMessage(update.error, t) : undefined}
          onSubmit={(body, done) =>
            update.mutate(
              { noteId: note.id, body },
              {
                onSuccess: () => {
                  done();
                  setEditing(false);
                },
              },
            )
          }
          onCancel={() => setEditing(false)}
          testId="note-edit"
        />
      ) : (
        <p className="tp-contact-note__body">{note.body}</p>
      )}
      {editing || !mayChange ? null : (
        <div className="tp-contact-note__actions">
          {confirming ? (
            <>
              <span>{t('contacts.notes.confirmDelete')}</span>
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                {t('contacts.dialog.cancel')}
              </Button>
              <Button
                variant="secondary"
                busy={remove.isPending}
                onClick={() => remove.mutate(note.id)}
                data-testid="note-delete-confirm"
              >
                {t('contacts.notes.delete')}
              </Button>
            </>
          ) : (
            <>
              <Button variant="ghost" onClick={() => setEditing(true)} data-testid="note-edit">
                {t('contacts.notes.edit')}
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(true)} data-testid="note-delete">
                {t('contacts.notes.delete')}
              </Button>
            </>
          )}
        </div>
      )}
      {remove.isError ? <Alert tone="error">{apiErrorMessage(remove.error, t)}</Alert> : null}
    </li>
  );
}

function NoteForm({
  label,
  submitLabel,
  initial = '',
  busy,
  error,
  onSubmit,
  onCancel,
  testId,
}: {
  label: string;
  submitLabel: string;
  initial?: string;
  busy: boolean;
  error?: string;
  onSubmit: (body: string, done: () => void) => void;
  onCancel?: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState(initial);
  const [empty, setEmpty] = useState(false);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    onSubmit(body.trim(), () => setBody(''));
  };
  return (
    <form className="tp-note-form" onSubmit={submit} noValidate data-testid={`${testId}-form`}>
      <div className={`tp-field${empty ? ' tp-field--invalid' : ''}`}>
        <label className="tp-field__label" htmlFor={id}>
          {label}
        </label>
        <textarea
          id={id}
          className="tp-field__input tp-contact-form__textarea"
          rows={initial ? 4 : 2}
          value={body}
          maxLength={NOTE_MAX}
          aria-invalid={empty ? true : undefined}
          onChange={(event) => setBody(event.target.value)}
          data-testid={`${testId}-body`}
        />
        {empty ? <p className="tp-field__error">{t('contacts.notes.required')}</p> : null}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="tp-contact-form__buttons">
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            {t('contacts.dialog.cancel')}
          </Button>
        ) : null}
        <Button type="submit" variant="secondary" busy={busy} data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

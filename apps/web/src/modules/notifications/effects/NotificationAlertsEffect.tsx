import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useStore } from '../../../lib/store';
import { contactName } from '../../contacts/contact-name';
import { ALERT_KINDS, playChime, showDesktopAlert } from '../alerts/desktop-alerts';
import { notificationExcerpt, notificationSentence } from '../format/notification-text';
import { useNotifications } from '../hooks/useNotifications';
import {
  alertPreferencesStore,
  loadAlertPreferences,
  type AlertPreferences,
} from '../states/alert-preferences.store';

const whole = (preferences: AlertPreferences) => preferences;

/**
 * Alerts beside the bell, as the user switched them on in their account: a desktop notification
 * and a chime for a conversation given to them, a mention, and a suggested reply waiting for them.
 * Only what arrives while the app is open alerts; what was there at sign-in does not.
 */
export function NotificationAlertsEffect() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const preferences = useStore(alertPreferencesStore, whole);
  const notifications = useNotifications();
  const known = useRef<Set<string> | null>(null);

  // The choice lives in this browser's storage, outside React.
  useEffect(loadAlertPreferences, []);

  // New notifications reach the cache from the socket; the browser's alerts live outside React.
  useEffect(() => {
    const items = notifications.data?.items;
    if (!items) return;
    if (known.current === null) {
      known.current = new Set(items.map((item) => item.id));
      return;
    }
    const seen = known.current;
    const fresh = items.filter((item) => !seen.has(item.id));
    fresh.forEach((item) => seen.add(item.id));
    const alerting = fresh.filter((item) => !item.readAt && ALERT_KINDS.includes(item.kind));
    if (alerting.length === 0) return;
    if (preferences.sound) playChime();
    if (!preferences.desktop) return;
    for (const item of alerting) {
      const excerpt = notificationExcerpt(item.text);
      const who = item.conversationId ? contactName(item.contactName, t) : '';
      showDesktopAlert(
        {
          id: item.id,
          title: notificationSentence(item, t),
          body: [who, excerpt].filter(Boolean).join(' · '),
        },
        () => {
          if (item.conversationId) navigate(`/inbox/${item.conversationId}`);
        },
      );
    }
  }, [notifications.data, preferences, t, navigate]);

  return null;
}

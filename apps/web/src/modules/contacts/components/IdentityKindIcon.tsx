import { useTranslation } from 'react-i18next';
import type { IdentityKind } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';
import { IDENTITY_ICONS } from '../../inbox/format/channels';

/** An identity kind's icon; its name is the tooltip and what screen readers hear. */
export function IdentityKindIcon({ kind, size = 16 }: { kind: IdentityKind; size?: number }) {
  const { t } = useTranslation();
  const label = t(`contact.identityKinds.${kind}`);
  return (
    <span className="tp-identity__kind" title={label} data-testid="identity-kind" data-kind={kind}>
      <Icon name={IDENTITY_ICONS[kind]} size={size} />
      <span className="tp-visually-hidden">{label}</span>
    </span>
  );
}

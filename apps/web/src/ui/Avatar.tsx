/** "Anna Agent" → "AA"; one name → its first letter. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part) => (part ?? '').charAt(0).toUpperCase()).join('') || '?';
}

export interface AvatarProps {
  name: string;
  size?: 'small' | 'medium';
  /** Shown on hover and read by screen readers; without it the avatar is decorative. */
  label?: string;
}

/** A person's initials in a circle. */
export function Avatar({ name, size = 'medium', label }: AvatarProps) {
  return (
    <span
      className={`tp-avatar tp-avatar--${size}`}
      title={label}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      {initials(name)}
    </span>
  );
}

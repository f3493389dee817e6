/** A message typed but not yet acknowledged by the server; sent again (same id) until it is. */
export interface OutboxEntry {
  clientMessageId: string;
  text: string;
  createdAt: string;
}

interface Stored {
  sessionToken?: string;
  email?: string;
  outbox?: OutboxEntry[];
}

/**
 * What the widget keeps in the site's localStorage, per channel: the session token (who the visitor
 * is), the email address it left, and unsent messages (so a reload does not lose them). Storage can be
 * unavailable (privacy modes, blocked third-party storage): then everything lives for this page only.
 */
export class VisitorStorage {
  private readonly key: string;
  private memory: Stored = {};

  constructor(
    channelId: string,
    private readonly storage: Storage | null = safeLocalStorage(),
  ) {
    this.key = `touchpoint-chat:${channelId}`;
    this.memory = this.read();
  }

  get sessionToken(): string | undefined {
    return this.memory.sessionToken;
  }

  set sessionToken(token: string | undefined) {
    this.update({ sessionToken: token });
  }

  get email(): string | undefined {
    return this.memory.email;
  }

  set email(email: string | undefined) {
    this.update({ email });
  }

  get outbox(): OutboxEntry[] {
    return this.memory.outbox ?? [];
  }

  set outbox(outbox: OutboxEntry[]) {
    this.update({ outbox });
  }

  private read(): Stored {
    try {
      const raw = this.storage?.getItem(this.key);
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      return parsed && typeof parsed === 'object' ? (parsed as Stored) : {};
    } catch {
      return {};
    }
  }

  private update(patch: Partial<Stored>): void {
    // Another tab may have written meanwhile: start from what is stored now.
    this.memory = { ...this.memory, ...this.read(), ...patch };
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.memory));
    } catch {
      // Quota or privacy mode: the in-memory copy still serves this page.
    }
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

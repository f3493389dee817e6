import type {
  CreateWebhookRequest,
  UpdateWebhookRequest,
  WebhookDeliveryDto,
  WebhookDto,
  WebhookWithSecretDto,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** `/api/webhooks` (admins only): webhooks, their signing secrets (shown once) and delivery logs. */
export interface WebhooksApi {
  list(signal?: AbortSignal): Promise<WebhookDto[]>;
  /** The answer carries the signing secret, which is never shown again. */
  create(body: CreateWebhookRequest): Promise<WebhookWithSecretDto>;
  update(id: string, body: UpdateWebhookRequest): Promise<WebhookDto>;
  /** A new signing secret, in this answer only; the old one stops at once. */
  rotateSecret(id: string): Promise<WebhookWithSecretDto>;
  remove(id: string): Promise<void>;
  /** The latest deliveries of a webhook, newest first. */
  deliveries(id: string, signal?: AbortSignal): Promise<WebhookDeliveryDto[]>;
  /** Sends a delivery again now, with the same id and body. */
  redeliver(deliveryId: string): Promise<WebhookDeliveryDto>;
}

const webhookPath = (id: string) => `/api/webhooks/${encodeURIComponent(id)}`;

export function createWebhooksApi(client: HttpClient): WebhooksApi {
  return {
    list: (signal) => client.get<WebhookDto[]>('/api/webhooks', { signal }),
    create: (body) => client.post<WebhookWithSecretDto>('/api/webhooks', body),
    update: (id, body) => client.request<WebhookDto>(webhookPath(id), { method: 'PATCH', body }),
    rotateSecret: (id) => client.post<WebhookWithSecretDto>(`${webhookPath(id)}/rotate-secret`),
    remove: (id) => client.request<void>(webhookPath(id), { method: 'DELETE' }),
    deliveries: (id, signal) =>
      client.get<WebhookDeliveryDto[]>(`${webhookPath(id)}/deliveries`, { signal }),
    redeliver: (deliveryId) =>
      client.post<WebhookDeliveryDto>(
        `/api/webhooks/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
      ),
  };
}

export const webhooksApi: WebhooksApi = createWebhooksApi(http);

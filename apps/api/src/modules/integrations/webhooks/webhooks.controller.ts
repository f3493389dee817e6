import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createWebhookSchema,
  updateWebhookSchema,
  type WebhookDeliveryDto,
  type WebhookDto,
  type WebhookWithSecretDto,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../../core/auth/auth-user';
import { CurrentUser, RequireScopes, Roles } from '../../../core/auth/auth.decorators';
import { IdParamDto } from '../../../core/http/id-param.dto';
import { WebhooksService } from './webhooks.service';

class CreateWebhookDto extends createZodDto(createWebhookSchema) {}
class UpdateWebhookDto extends createZodDto(updateWebhookSchema) {}

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('api/webhooks')
@Roles('admin')
@RequireScopes('webhooks:manage')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: 'Webhooks (their signing secrets are never shown again)' })
  list(): Promise<WebhookDto[]> {
    return this.webhooks.list();
  }

  @Post()
  @ApiOperation({
    summary:
      'Add a webhook: url, description, events (types or *), includeNotes, active; the signing secret is in this answer only',
  })
  create(
    @Body() body: CreateWebhookDto,
    @CurrentUser() user: AuthUser,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(user, body);
  }

  @Get(':id')
  get(@Param() { id }: IdParamDto): Promise<WebhookDto> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  update(@Param() { id }: IdParamDto, @Body() body: UpdateWebhookDto): Promise<WebhookDto> {
    return this.webhooks.update(id, body);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, in this answer only; the old one stops at once' })
  rotateSecret(@Param() { id }: IdParamDto): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.webhooks.remove(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The latest deliveries of a webhook, newest first' })
  deliveries(@Param() { id }: IdParamDto): Promise<WebhookDeliveryDto[]> {
    return this.webhooks.deliveries(id);
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a delivery again now, with the same webhook-id and body',
  })
  redeliver(@Param() { id }: IdParamDto): Promise<WebhookDeliveryDto> {
    return this.webhooks.redeliver(id);
  }
}

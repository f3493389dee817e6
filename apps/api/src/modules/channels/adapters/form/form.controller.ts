import {
  Body,
  Controller,
  Get,
  Headers,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConsumes,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { Public } from '../../../../core/auth/auth.decorators';
import { allowedRedirect } from './form.config';
import { FormHoneypotInterceptor } from './form-honeypot.interceptor';
import { pickLocale, renderEmbedForm } from './form-page.renderer';
import { respondAccepted, setFormPageHeaders } from './form-response';
import { FormSubmissionDto } from './form-submission.dto';
import { FormSubmissionService } from './form-submission.service';
import { FORM_RATE_LIMIT, FORM_RATE_WINDOW_MS, FormThrottlerGuard } from './form-throttler.guard';

/** The public contact form: anyone may post (rate-limited per address, honeypot against bots). */
@ApiTags('forms')
@Controller('forms')
export class FormController {
  constructor(private readonly forms: FormSubmissionService) {}

  @Post(':channelId')
  @Public()
  @UseGuards(FormThrottlerGuard)
  @Throttle({ default: { limit: FORM_RATE_LIMIT, ttl: FORM_RATE_WINDOW_MS } })
  @UseInterceptors(FormHoneypotInterceptor)
  @ApiOperation({ summary: 'Submit the contact form (JSON or a browser form post)' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiAcceptedResponse({ description: 'Stored: `{ ok: true }`, or a thank-you page for browsers' })
  @ApiTooManyRequestsResponse({ description: 'Too many posts from this address' })
  async submit(
    @Param('channelId') channelId: string,
    @Body() body: FormSubmissionDto,
    @Req() req: Request,
    @Res() res: Response,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<void> {
    const channel = await this.forms.findForm(channelId);
    await this.forms.submit(channel, body, {
      ip: req.ip,
      userAgent: req.headers['user-agent'],
      idempotencyKey,
    });
    respondAccepted(req, res, allowedRedirect(channel, body.redirect));
  }

  @Get(':channelId/embed')
  @Public()
  @ApiOperation({ summary: 'The contact form as an embeddable HTML page (German or English)' })
  @ApiProduces('text/html')
  async embed(
    @Param('channelId') channelId: string,
    @Res() res: Response,
    @Query('lang') lang?: string,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<void> {
    const channel = await this.forms.findForm(channelId);
    setFormPageHeaders(res);
    res.type('html').send(
      renderEmbedForm({
        action: `/forms/${channel.id}`,
        channelName: channel.name,
        locale: pickLocale(lang, acceptLanguage),
      }),
    );
  }
}

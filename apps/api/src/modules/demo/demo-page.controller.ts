import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import {
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiSeeOtherResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { uuidSchema } from '@touchpoint/shared';
import { AppConfig } from '../../config/app-config';
import { Public } from '../../core/auth/auth.decorators';
import { DemoMailboxOffException, DemoMailboxService } from './demo-mailbox.service';
import { DemoPageService } from './demo-page.service';
import { DEMO_ANSWER_MAX_CHARS, renderDemoPage } from './demo-page.renderer';

class DemoMailParamDto extends createZodDto(z.object({ id: uuidSchema })) {}

class DemoAnswerDto extends createZodDto(
  z
    .object({
      text: z
        .string()
        .trim()
        .min(1, { message: 'must not be empty' })
        .max(DEMO_ANSWER_MAX_CHARS, {
          message: `must be at most ${DEMO_ANSWER_MAX_CHARS} characters`,
        }),
      replyKey: uuidSchema,
    })
    .strict(),
) {}

/** `GET /demo`: the demo company's website, to play the customer (404 without the demo channels). */
@ApiTags('demo')
@Controller('demo')
export class DemoPageController {
  constructor(
    private readonly demo: DemoPageService,
    private readonly mailbox: DemoMailboxService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      "The demo company website with the chat widget, the contact form and the customers' mailbox",
  })
  @ApiProduces('text/html')
  @ApiNotFoundResponse({ description: 'The workspace has no demo website chat' })
  async page(@Res() res: Response): Promise<void> {
    const channels = await this.demo.channels();
    const mailbox = this.config.demoMailbox ? await this.mailbox.newest() : undefined;
    res
      .type('html')
      .send(renderDemoPage({ ...channels, mailbox, replyKey: DemoMailboxService.replyKey }));
  }

  @Post('mailbox/:id/answer')
  @Public()
  @HttpCode(HttpStatus.SEE_OTHER)
  @ApiOperation({ summary: 'A demo customer answers a mail from the mailbox on /demo' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiSeeOtherResponse({ description: 'Taken in; back to the mailbox on /demo' })
  @ApiNotFoundResponse({ description: 'No such mail, or the mailbox is off' })
  async answer(
    @Param() { id }: DemoMailParamDto,
    @Body() body: DemoAnswerDto,
    @Res() res: Response,
  ): Promise<void> {
    if (!this.config.demoMailbox) throw new DemoMailboxOffException();
    await this.mailbox.answer(id, body.text, body.replyKey);
    res.redirect(HttpStatus.SEE_OTHER, '/demo#mailbox');
  }
}

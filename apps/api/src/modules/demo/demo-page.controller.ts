import { Controller, Get, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../core/auth/auth.decorators';
import { DemoPageService } from './demo-page.service';
import { renderDemoPage } from './demo-page.renderer';

/** `GET /demo`: the demo company's website, to play the customer (404 without the demo channels). */
@ApiTags('demo')
@Controller('demo')
export class DemoPageController {
  constructor(private readonly demo: DemoPageService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The demo company website with the chat widget and the contact form' })
  @ApiProduces('text/html')
  @ApiNotFoundResponse({ description: 'The workspace has no demo website chat' })
  async page(@Res() res: Response): Promise<void> {
    const channels = await this.demo.channels();
    res.type('html').send(renderDemoPage(channels));
  }
}

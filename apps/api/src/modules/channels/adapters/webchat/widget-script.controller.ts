import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '../../../../config/app-config';
import { Public } from '../../../../core/auth/auth.decorators';
import { AppException } from '../../../../core/errors/app.exception';

/** Browsers revalidate after this long (the file name is not versioned; ETag makes it cheap). */
const MAX_AGE_SECONDS = 300;

export class WidgetNotBuiltException extends AppException {
  constructor() {
    super(
      'webchat.widget_not_built',
      HttpStatus.NOT_FOUND,
      'The chat widget is not built on this server: run `npx nx run widget:build`',
    );
  }
}

/** The embeddable chat script, built next to the web app (`dist/apps/widget/widget.js`). */
@ApiTags('webchat')
@Controller()
export class WidgetScriptController {
  private readonly file: string;

  constructor(config: AppConfig) {
    this.file = resolve(config.http.webDist, '..', 'widget', 'widget.js');
  }

  @Get('widget.js')
  @Public()
  @ApiOperation({
    summary: "The website chat script sites embed (see a webchat channel's endpoints)",
  })
  script(@Res() res: Response): void {
    if (!existsSync(this.file)) throw new WidgetNotBuiltException();
    // Loaded by other sites' pages: the global same-origin resource policy must not block it.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.sendFile(this.file, {
      maxAge: MAX_AGE_SECONDS * 1000,
      headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
    });
  }
}

import { Body, Controller, Get, HttpStatus, Ip, Param, Post, Res } from '@nestjs/common';
import {
  ApiConsumes,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { csatRatingSchema } from '@touchpoint/shared';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Public } from '../../core/auth/auth.decorators';
import { SatisfactionRatingService } from './satisfaction-rating.service';
import { SurveyClosedException, SurveyNotFoundException } from './satisfaction.exception';
import { renderSurveyGone, renderSurveyPage } from './satisfaction-page.renderer';

class SurveyTokenDto extends createZodDto(z.object({ token: z.string().max(64) })) {}
class SurveyRatingDto extends createZodDto(csatRatingSchema) {}

/**
 * The customer's survey page behind the link a survey carries: public, rate-limited per client
 * address, server-rendered without script. A form post answers the page again, a JSON post JSON.
 */
@ApiTags('satisfaction')
@Controller('csat')
export class SatisfactionController {
  constructor(private readonly ratings: SatisfactionRatingService) {}

  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'The survey page: five rating buttons and an optional comment' })
  @ApiProduces('text/html')
  @ApiNotFoundResponse({ description: 'Unknown link' })
  @ApiGoneResponse({ description: 'The survey closed (7 days after it was sent)' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
  async page(
    @Param() { token }: SurveyTokenDto,
    @Ip() address: string,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const view = await this.ratings.view(token, address);
      res.type('html').send(renderSurveyPage(token, view));
    } catch (err) {
      if (!this.gone(err, res)) throw err;
    }
  }

  @Post(':token')
  @Public()
  @ApiOperation({ summary: 'Rates (or re-rates within 7 days) with an optional comment' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiNotFoundResponse({ description: 'Unknown link' })
  @ApiGoneResponse({ description: 'The survey closed (7 days after it was sent)' })
  @ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
  async rate(
    @Param() { token }: SurveyTokenDto,
    @Body() body: SurveyRatingDto,
    @Ip() address: string,
    @Res() res: Response,
  ): Promise<void> {
    const asJson = res.req.is('application/json') === 'application/json';
    try {
      const view = await this.ratings.rate(token, address, body.rating, body.comment ?? null);
      if (asJson) res.status(HttpStatus.OK).json({ rating: view.rating, comment: view.comment });
      else
        res
          .status(HttpStatus.OK)
          .type('html')
          .send(renderSurveyPage(token, view, true));
    } catch (err) {
      if (asJson || !this.gone(err, res)) throw err;
    }
  }

  /** Renders a page for a link that does not work; answers whether `err` was one. */
  private gone(err: unknown, res: Response): boolean {
    if (err instanceof SurveyNotFoundException)
      res.status(HttpStatus.NOT_FOUND).type('html').send(renderSurveyGone('unknown'));
    else if (err instanceof SurveyClosedException)
      res.status(HttpStatus.GONE).type('html').send(renderSurveyGone('closed'));
    else return false;
    return true;
  }
}

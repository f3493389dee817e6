import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SearchResultDto } from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser } from '../../core/auth/auth.decorators';
import { SearchQueryDto } from './search.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({
    summary:
      'Words in every message, note, subject and contact of the conversations the user may see, newest match first',
  })
  search(@Query() query: SearchQueryDto, @CurrentUser() user: AuthUser): Promise<SearchResultDto> {
    return this.searchService.search(user, query);
  }
}

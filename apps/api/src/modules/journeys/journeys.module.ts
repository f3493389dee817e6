import { Module } from '@nestjs/common';
import { JourneysController } from './journeys.controller';
import { JourneysQuery } from './journeys.query';

/** What the touchpoint manager follows: customers' journeys between teams. Reads only; owns no table. */
@Module({
  controllers: [JourneysController],
  providers: [JourneysQuery],
  exports: [JourneysQuery],
})
export class JourneysModule {}

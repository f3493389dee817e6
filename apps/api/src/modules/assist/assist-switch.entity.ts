import type { AssistFeature } from '@touchpoint/shared';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** An admin's switch for one AI feature; a feature without a row is on (once configured). */
@Entity('assist_switches')
export class AssistSwitch {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  feature: AssistFeature;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { AutoAssignmentListener } from './auto-assignment.listener';
import { AutoAssignmentService } from './auto-assignment.service';

/** Automatic round-robin assignment per team: the listener in every process. */
@Module({
  imports: [NotificationsModule],
  providers: [AutoAssignmentService, AutoAssignmentListener],
  exports: [AutoAssignmentService],
})
export class AssignmentModule {}

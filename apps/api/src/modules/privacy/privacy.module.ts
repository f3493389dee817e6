import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLog } from './audit-log.service';
import { ContactErasureService } from './contact-erasure.service';
import { ContactExportService } from './contact-export.service';
import { FileRemovals } from './file-removals.listener';
import { PrivacyController } from './privacy.controller';

/**
 * Data protection: a contact's data exported (access) or erased (erasure), and the audit log of
 * both. Owns `audit_log` and `file_removals`; what it does to other tables is declared in the
 * privacy catalogue, the conversation's content is erased by the conversation writer. Other
 * modules record in the audit log through `AuditLog`.
 */
@Module({
  controllers: [PrivacyController, AuditLogController],
  providers: [AuditLog, ContactExportService, ContactErasureService, FileRemovals],
  exports: [AuditLog],
})
export class PrivacyModule {}

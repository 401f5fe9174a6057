import { Global, Module } from '@nestjs/common';
import { AdminApprovalsController } from './admin-approvals.controller';
import { APPROVAL_ACTIONS, ApprovalEventBus } from './approval-events';
import { ApprovalReminders } from './approval-reminders';
import { ApprovalRoutesService } from './approval-routes.service';
import { ApprovalTypes } from './approval-types';
import { ApprovalsController } from './approvals.controller';
import { ApprovalsQueries } from './approvals.queries';
import { ApprovalsService } from './approvals.service';
import { GeneralRequestsService } from './general-requests.service';

/**
 * The approval engine. Global, so that delivery (notifications), callbacks and business modules can inject
 * ApprovalEventBus (listen: bus.on(...) in onModuleInit), APPROVAL_ACTIONS (actOnTask), ApprovalTypes (registerType)
 * and ApprovalsService (submit) without importing this module — and there is exactly ONE bus instance.
 */
@Global()
@Module({
  controllers: [ApprovalsController, AdminApprovalsController],
  providers: [
    ApprovalEventBus, ApprovalTypes, ApprovalRoutesService, ApprovalsService, ApprovalsQueries, GeneralRequestsService, ApprovalReminders,
    { provide: APPROVAL_ACTIONS, useExisting: ApprovalsService },
  ],
  exports: [ApprovalEventBus, ApprovalTypes, ApprovalsService, APPROVAL_ACTIONS],
})
export class ApprovalsModule {}

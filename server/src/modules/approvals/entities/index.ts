import { ApprovalInstance } from './approval-instance.entity';
import { ApprovalRoute } from './approval-route.entity';
import { ApprovalTask } from './approval-task.entity';
import { ApprovalTimeline } from './approval-timeline.entity';
import { GeneralRequest } from './general-request.entity';

export { ApprovalInstance, ApprovalRoute, ApprovalTask, ApprovalTimeline, GeneralRequest };
export type { InstanceStep } from './approval-instance.entity';

export const APPROVAL_ENTITIES = [ApprovalRoute, ApprovalInstance, ApprovalTask, ApprovalTimeline, GeneralRequest];

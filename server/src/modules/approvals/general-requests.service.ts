import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApprovalFormField, ApprovalInstanceDetail, BusinessType } from '@hrlink/shared';
import type { SessionUser } from '../../common/auth/auth.types';
import { newId } from '../../common/ids';
import { Transactions } from '../../database/transactions';
import { ApprovalTypes } from './approval-types';
import { ApprovalsQueries } from './approvals.queries';
import { ApprovalsService } from './approvals.service';
import { CreateGeneralRequestDto } from './dto/approvals.dto';
import { GeneralRequest } from './entities';

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** 通用审批: the built-in business type (title, details, optional amount and attachments). */
@Injectable()
export class GeneralRequestsService implements OnModuleInit {
  constructor(
    private readonly types: ApprovalTypes,
    private readonly engine: ApprovalsService,
    private readonly queries: ApprovalsQueries,
    private readonly tx: Transactions,
  ) {}

  onModuleInit(): void {
    this.types.registerType({ type: BusinessType.General, name: '通用审批' });
  }

  async create(user: SessionUser, dto: CreateGeneralRequestDto): Promise<ApprovalInstanceDetail> {
    const applicantId = await this.engine.actorEmployeeId(user);
    const title = dto.title.trim();
    const details = dto.details.trim();
    const amountFen = dto.amountFen ?? null;
    const attachments = dto.attachments ?? [];
    const form: ApprovalFormField[] = [
      { label: '标题', value: title },
      { label: '详情', value: details },
      ...(amountFen !== null ? [{ label: '金额', value: yuan(amountFen) }] : []),
      ...(attachments.length ? [{ label: '附件', value: `${attachments.length} 个` }] : []),
    ];
    const inst = await this.tx.run(async (m) => {
      const now = new Date();
      const row = m.create(GeneralRequest, { id: newId(), tenantId: user.tenantId, applicantId, title, details, amountFen, attachments, createdAt: now, updatedAt: now });
      await m.insert(GeneralRequest, row);
      return this.engine.submit(user.tenantId, applicantId, BusinessType.General, {
        title, form, data: { title, amountFen, attachments }, businessId: row.id, platform: user.platform,
      }, m);
    });
    return this.queries.toDetail(user.tenantId, inst, applicantId);
  }
}

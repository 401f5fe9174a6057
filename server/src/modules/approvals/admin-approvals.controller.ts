import { Body, Controller, Get, Param, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApprovalInstanceDetail, ApprovalInstanceSummary, ApprovalRouteView, Page, Role } from '@hrlink/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { ApprovalRoutesService } from './approval-routes.service';
import { ApprovalsQueries } from './approvals.queries';
import { AdminApprovalListQueryDto, UpsertApprovalRouteDto } from './dto/approvals.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** HR web admin: routes per business type, every instance of the tenant, export. */
@ApiTags('admin approvals')
@ApiBearerAuth()
@Roles(Role.Hr, Role.Admin)
@Controller('admin')
export class AdminApprovalsController {
  constructor(
    private readonly routes: ApprovalRoutesService,
    private readonly queries: ApprovalsQueries,
  ) {}

  @Get('approval-routes')
  listRoutes(@CurrentUser() user: SessionUser): Promise<ApprovalRouteView[]> {
    return this.routes.list(user);
  }

  @Put('approval-routes/:businessType')
  saveRoute(@CurrentUser() user: SessionUser, @Param('businessType') type: string, @Body() dto: UpsertApprovalRouteDto): Promise<ApprovalRouteView> {
    return this.routes.upsert(user, type, dto);
  }

  @Get('approval-instances')
  list(@CurrentUser() user: SessionUser, @Query() q: AdminApprovalListQueryDto): Promise<Page<ApprovalInstanceSummary>> {
    return this.queries.adminList(user, q);
  }

  /** Same filters as the list (paging ignored) → .xlsx. */
  @Get('approval-instances/export')
  async export(@CurrentUser() user: SessionUser, @Query() q: AdminApprovalListQueryDto): Promise<StreamableFile> {
    const file = await this.queries.export(user, q);
    const name = `审批记录-${new Date().toISOString().slice(0, 10)}.xlsx`;
    return new StreamableFile(file, {
      type: XLSX, length: file.length, disposition: `attachment; filename="approvals.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  }

  @Get('approval-instances/:id')
  instance(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<ApprovalInstanceDetail> {
    return this.queries.adminDetail(user, id);
  }
}

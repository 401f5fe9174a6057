import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ApprovalCounts, ApprovalInstanceDetail, ApprovalInstanceSummary, EmployeeRef, Page } from '@hrlink/shared';
import { CurrentUser } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { ApprovalsQueries } from './approvals.queries';
import { ApprovalsService } from './approvals.service';
import { ApprovalActDto, ApprovalListQueryDto, CreateGeneralRequestDto, PeopleQueryDto } from './dto/approvals.dto';
import { GeneralRequestsService } from './general-requests.service';

/** The employee's approvals (mini-program): lists, counts, detail, decisions, withdraw, 通用审批. */
@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approvals')
export class ApprovalsController {
  constructor(
    private readonly engine: ApprovalsService,
    private readonly queries: ApprovalsQueries,
    private readonly general: GeneralRequestsService,
  ) {}

  @Get('todo')
  todo(@CurrentUser() user: SessionUser, @Query() q: ApprovalListQueryDto): Promise<Page<ApprovalInstanceSummary>> {
    return this.queries.list(user, 'todo', q);
  }

  @Get('mine')
  mine(@CurrentUser() user: SessionUser, @Query() q: ApprovalListQueryDto): Promise<Page<ApprovalInstanceSummary>> {
    return this.queries.list(user, 'mine', q);
  }

  @Get('done')
  done(@CurrentUser() user: SessionUser, @Query() q: ApprovalListQueryDto): Promise<Page<ApprovalInstanceSummary>> {
    return this.queries.list(user, 'done', q);
  }

  @Get('counts')
  counts(@CurrentUser() user: SessionUser): Promise<ApprovalCounts> {
    return this.queries.counts(user);
  }

  @Get('people')
  people(@CurrentUser() user: SessionUser, @Query() q: PeopleQueryDto): Promise<Page<EmployeeRef>> {
    return this.queries.people(user, q);
  }

  @Get('instances/:id')
  instance(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<ApprovalInstanceDetail> {
    return this.queries.detail(user, id);
  }

  /** Approve / reject (reason) / transfer / comment → the updated detail. */
  @Post('instances/:id/actions')
  @HttpCode(200)
  async act(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: ApprovalActDto): Promise<ApprovalInstanceDetail> {
    if (dto.action === 'comment') await this.engine.comment(user, id, dto.comment);
    else await this.engine.act(user, id, { action: dto.action, comment: dto.comment, transferToEmployeeId: dto.transferToEmployeeId });
    return this.queries.detail(user, id);
  }

  @Post('instances/:id/withdraw')
  @HttpCode(200)
  async withdraw(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<ApprovalInstanceDetail> {
    await this.engine.withdraw(user, id);
    return this.queries.detail(user, id);
  }

  @Post('general')
  @HttpCode(201)
  createGeneral(@CurrentUser() user: SessionUser, @Body() dto: CreateGeneralRequestDto): Promise<ApprovalInstanceDetail> {
    return this.general.create(user, dto);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileUploadInterceptor } from '../../common/http/file-upload.interceptor';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  AdminBalanceRow, AnnualGrantResult, CalendarYearView, ImportPreview, LeavePolicyView, LeaveRequestView, LeaveTypeView, LedgerEntryView, OvertimeRequestView, Page, Role,
} from '@hrlink/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { AdminLeaveService, UploadedXlsx } from './admin-leave.service';
import {
  AdjustmentDto, AdminBalanceQueryDto, AdminLedgerQueryDto, AdminLeaveRequestQueryDto, AdminOvertimeQueryDto, AnnualGrantDto, CalendarOverrideDto,
  LeavePolicyDto, UpsertLeaveTypeDto, YearQueryDto,
} from './dto/leave.dto';
import { LeaveService } from './leave.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const file = (buf: Buffer, ascii: string, name: string) =>
  new StreamableFile(buf, { type: XLSX, length: buf.length, disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}` });
const stamp = () => new Date().toISOString().slice(0, 10);

/** HR web admin: leave types, calendar, policy, annual grant, balances, requests, overtime. */
@ApiTags('admin leave')
@ApiBearerAuth()
@Roles(Role.Hr, Role.Admin)
@Controller('admin')
export class AdminLeaveController {
  constructor(private readonly admin: AdminLeaveService, private readonly leave: LeaveService) {}

  @Get('leave/types')
  types(@CurrentUser() user: SessionUser): Promise<LeaveTypeView[]> {
    return this.admin.listTypes(user);
  }

  @Post('leave/types')
  createType(@CurrentUser() user: SessionUser, @Body() dto: UpsertLeaveTypeDto): Promise<LeaveTypeView> {
    return this.admin.createType(user, dto);
  }

  @Put('leave/types/:id')
  updateType(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: UpsertLeaveTypeDto): Promise<LeaveTypeView> {
    return this.admin.updateType(user, id, dto);
  }

  @Delete('leave/types/:id') @HttpCode(204)
  deleteType(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<void> {
    return this.admin.deleteType(user, id);
  }

  @Get('leave/calendar')
  calendar(@CurrentUser() user: SessionUser, @Query() q: YearQueryDto): Promise<CalendarYearView> {
    return this.admin.calendar(user, q.year);
  }

  @Put('leave/calendar/overrides')
  putOverride(@CurrentUser() user: SessionUser, @Body() dto: CalendarOverrideDto): Promise<CalendarYearView> {
    return this.admin.putOverride(user, dto);
  }

  @Delete('leave/calendar/overrides/:date')
  deleteOverride(@CurrentUser() user: SessionUser, @Param('date') date: string): Promise<CalendarYearView> {
    return this.admin.deleteOverride(user, date);
  }

  @Get('leave/policy')
  policy(@CurrentUser() user: SessionUser): Promise<LeavePolicyView> {
    return this.admin.getPolicy(user);
  }

  @Put('leave/policy')
  putPolicy(@CurrentUser() user: SessionUser, @Body() dto: LeavePolicyDto): Promise<LeavePolicyView> {
    return this.admin.putPolicy(user, dto);
  }

  @Post('leave/annual-grant') @HttpCode(200)
  annualGrant(@CurrentUser() user: SessionUser, @Body() dto: AnnualGrantDto): Promise<AnnualGrantResult> {
    return this.admin.annualGrant(user, dto.year, dto.dryRun);
  }

  @Get('leave/balances')
  balances(@CurrentUser() user: SessionUser, @Query() q: AdminBalanceQueryDto): Promise<Page<AdminBalanceRow>> {
    return this.admin.balances(user, q);
  }

  @Get('leave/balances/export')
  async exportBalances(@CurrentUser() user: SessionUser, @Query() q: AdminBalanceQueryDto): Promise<StreamableFile> {
    return file(await this.admin.exportBalances(user, q), 'leave-balances.xlsx', `假期余额-${stamp()}.xlsx`);
  }

  @Get('leave/balances/import-template')
  async template(): Promise<StreamableFile> {
    return file(await this.admin.importTemplate(), 'leave-balance-import.xlsx', '期初余额导入模板.xlsx');
  }

  @Post('leave/balances/import') @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileUploadInterceptor('file', () => ({ fileSize: 5 * 1024 * 1024 })))
  importPreview(@CurrentUser() user: SessionUser, @UploadedFile() upload: UploadedXlsx | undefined): Promise<ImportPreview> {
    return this.admin.importPreview(user, upload);
  }

  @Post('leave/balances/import/:token/commit') @HttpCode(200)
  importCommit(@CurrentUser() user: SessionUser, @Param('token') token: string): Promise<{ imported: number }> {
    return this.admin.importCommit(user, token);
  }

  @Post('leave/adjustments')
  adjust(@CurrentUser() user: SessionUser, @Body() dto: AdjustmentDto): Promise<LedgerEntryView> {
    return this.admin.adjust(user, dto);
  }

  @Get('leave/ledger')
  ledger(@CurrentUser() user: SessionUser, @Query() q: AdminLedgerQueryDto): Promise<Page<LedgerEntryView>> {
    return this.leave.ledgerOf(user.tenantId, q.employeeId, q);
  }

  @Get('leave/requests')
  requests(@CurrentUser() user: SessionUser, @Query() q: AdminLeaveRequestQueryDto): Promise<Page<LeaveRequestView>> {
    return this.admin.requests(user, q);
  }

  @Get('leave/requests/export')
  async exportRequests(@CurrentUser() user: SessionUser, @Query() q: AdminLeaveRequestQueryDto): Promise<StreamableFile> {
    return file(await this.admin.exportRequests(user, q), 'leave-requests.xlsx', `请假记录-${stamp()}.xlsx`);
  }

  @Get('overtime/requests')
  overtime(@CurrentUser() user: SessionUser, @Query() q: AdminOvertimeQueryDto): Promise<Page<OvertimeRequestView>> {
    return this.admin.overtimeList(user, q);
  }

  @Get('overtime/requests/export')
  async exportOvertime(@CurrentUser() user: SessionUser, @Query() q: AdminOvertimeQueryDto): Promise<StreamableFile> {
    return file(await this.admin.exportOvertime(user, q), 'overtime.xlsx', `加班记录-${stamp()}.xlsx`);
  }
}

import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AttendanceGroupView, DailyResultView, MonthlyReportRow, Page, RecomputeGroupResult, Role, SiteView } from '@hrlink/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { AdminAttendanceService } from './admin-attendance.service';
import { AdminDailyQueryDto, RecomputeGroupDto, ReportQueryDto, UpsertGroupDto, UpsertSiteDto } from './dto/attendance.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** HR web admin: attendance groups, sites, daily results, anomalies, monthly report. */
@ApiTags('admin attendance')
@ApiBearerAuth()
@Roles(Role.Hr, Role.Admin)
@Controller('admin/attendance')
export class AdminAttendanceController {
  constructor(private readonly admin: AdminAttendanceService) {}

  @Get('groups')
  groups(@CurrentUser() user: SessionUser): Promise<AttendanceGroupView[]> {
    return this.admin.groups(user);
  }

  @Post('groups')
  createGroup(@CurrentUser() user: SessionUser, @Body() dto: UpsertGroupDto): Promise<AttendanceGroupView> {
    return this.admin.createGroup(user, dto);
  }

  @Get('groups/:id')
  group(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<AttendanceGroupView> {
    return this.admin.group(user, id);
  }

  @Put('groups/:id')
  updateGroup(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: UpsertGroupDto): Promise<AttendanceGroupView> {
    return this.admin.updateGroup(user, id, dto);
  }

  @Delete('groups/:id') @HttpCode(204)
  deleteGroup(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<void> {
    return this.admin.deleteGroup(user, id);
  }

  /** 重新计算: clears the group's stored results of the range; reads recompute them with the current rules. */
  @Post('groups/:id/recompute') @HttpCode(200)
  recompute(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: RecomputeGroupDto): Promise<RecomputeGroupResult> {
    return this.admin.recompute(user, id, dto);
  }

  @Get('groups/:id/sites')
  sites(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<SiteView[]> {
    return this.admin.sites(user, id);
  }

  @Post('groups/:id/sites')
  createSite(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: UpsertSiteDto): Promise<SiteView> {
    return this.admin.createSite(user, id, dto);
  }

  @Put('groups/:id/sites/:siteId')
  updateSite(@CurrentUser() user: SessionUser, @Param('id') id: string, @Param('siteId') siteId: string, @Body() dto: UpsertSiteDto): Promise<SiteView> {
    return this.admin.updateSite(user, id, siteId, dto);
  }

  @Delete('groups/:id/sites/:siteId') @HttpCode(204)
  deleteSite(@CurrentUser() user: SessionUser, @Param('id') id: string, @Param('siteId') siteId: string): Promise<void> {
    return this.admin.deleteSite(user, id, siteId);
  }

  @Get('daily')
  daily(@CurrentUser() user: SessionUser, @Query() q: AdminDailyQueryDto): Promise<Page<DailyResultView>> {
    return this.admin.daily(user, q);
  }

  @Get('anomalies')
  anomalies(@CurrentUser() user: SessionUser, @Query() q: AdminDailyQueryDto): Promise<Page<DailyResultView>> {
    return this.admin.daily(user, q, true);
  }

  @Get('report')
  report(@CurrentUser() user: SessionUser, @Query() q: ReportQueryDto): Promise<MonthlyReportRow[]> {
    return this.admin.report(user, q.month, q.departmentId);
  }

  @Get('report/export')
  async exportReport(@CurrentUser() user: SessionUser, @Query() q: ReportQueryDto): Promise<StreamableFile> {
    const buf = await this.admin.exportReport(user, q.month, q.departmentId);
    const name = `考勤月报-${q.month}.xlsx`;
    return new StreamableFile(buf, { type: XLSX, length: buf.length, disposition: `attachment; filename="attendance-${q.month}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}` });
  }
}

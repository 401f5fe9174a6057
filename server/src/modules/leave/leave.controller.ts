import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CalendarYearView, LeaveBalanceView, LeavePreview, LeaveRequestView, LeaveTypeView, LedgerEntryView, OvertimeRequestView, Page, TeamLeaveEntry } from '@hrlink/shared';
import { CurrentUser } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { PageQueryDto } from '../../common/pagination';
import {
  CancelLeaveDto, LeaveListQueryDto, LeavePreviewDto, LeaveRequestDto, LedgerQueryDto, OvertimeRequestDto, RangeQueryDto, YearQueryDto,
} from './dto/leave.dto';
import { LeaveService } from './leave.service';
import { OvertimeService } from './overtime.service';

/** The employee's leave (mini-program). */
@ApiTags('leave')
@ApiBearerAuth()
@Controller('leave')
export class LeaveController {
  constructor(private readonly leave: LeaveService) {}

  @Get('types')
  types(@CurrentUser() user: SessionUser): Promise<LeaveTypeView[]> {
    return this.leave.listTypes(user);
  }

  @Post('preview') @HttpCode(200)
  preview(@CurrentUser() user: SessionUser, @Body() dto: LeavePreviewDto): Promise<LeavePreview> {
    return this.leave.preview(user, { ...dto, reason: dto.reason ?? '' });
  }

  @Post('requests')
  submit(@CurrentUser() user: SessionUser, @Body() dto: LeaveRequestDto): Promise<LeaveRequestView> {
    return this.leave.submit(user, dto);
  }

  @Get('requests')
  mine(@CurrentUser() user: SessionUser, @Query() q: LeaveListQueryDto): Promise<Page<LeaveRequestView>> {
    return this.leave.mine(user, q);
  }

  @Get('requests/:id')
  detail(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<LeaveRequestView> {
    return this.leave.detail(user, id);
  }

  @Post('requests/:id/withdraw') @HttpCode(200)
  withdraw(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<LeaveRequestView> {
    return this.leave.withdraw(user, id);
  }

  @Post('requests/:id/cancel') @HttpCode(200)
  cancel(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: CancelLeaveDto): Promise<LeaveRequestView> {
    return this.leave.cancel(user, id, dto.reason);
  }

  @Get('balances')
  balances(@CurrentUser() user: SessionUser): Promise<LeaveBalanceView[]> {
    return this.leave.balances(user);
  }

  @Get('ledger')
  ledger(@CurrentUser() user: SessionUser, @Query() q: LedgerQueryDto): Promise<Page<LedgerEntryView>> {
    return this.leave.ledger(user, q);
  }

  @Get('team')
  team(@CurrentUser() user: SessionUser, @Query() q: RangeQueryDto): Promise<TeamLeaveEntry[]> {
    return this.leave.team(user, q.from, q.to);
  }

  @Get('calendar')
  calendar(@CurrentUser() user: SessionUser, @Query() q: YearQueryDto): Promise<CalendarYearView> {
    return this.leave.calendar(user, q.year);
  }
}

/** The employee's overtime (mini-program). */
@ApiTags('overtime')
@ApiBearerAuth()
@Controller('overtime')
export class OvertimeController {
  constructor(private readonly overtime: OvertimeService) {}

  @Post('requests')
  submit(@CurrentUser() user: SessionUser, @Body() dto: OvertimeRequestDto): Promise<OvertimeRequestView> {
    return this.overtime.submit(user, dto);
  }

  @Get('requests')
  mine(@CurrentUser() user: SessionUser, @Query() q: PageQueryDto): Promise<Page<OvertimeRequestView>> {
    return this.overtime.mine(user, q);
  }

  @Get('requests/:id')
  detail(@CurrentUser() user: SessionUser, @Param('id') id: string): Promise<OvertimeRequestView> {
    return this.overtime.detail(user, id);
  }
}

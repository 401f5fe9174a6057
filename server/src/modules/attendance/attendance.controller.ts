import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CorrectionQuota, CorrectionView, LocationCheck, MonthView, Page, PunchResult, TeamTodayRow, TodayView } from '@hrlink/shared';
import { CurrentUser } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { PageQueryDto } from '../../common/pagination';
import { CorrectionsService } from './corrections.service';
import { CorrectionRequestDto, DeviceLocationDto, MonthQueryDto, PunchRequestDto, TodayQueryDto } from './dto/attendance.dto';
import { PunchesService } from './punches.service';
import { AttendanceViewsService } from './views.service';

/** The employee's attendance (mini-program). */
@ApiTags('attendance')
@ApiBearerAuth()
@Controller('attendance')
export class AttendanceController {
  constructor(
    private readonly punches: PunchesService,
    private readonly corrections: CorrectionsService,
    private readonly views: AttendanceViewsService,
  ) {}

  @Get('today')
  today(@CurrentUser() user: SessionUser, @Query() q: TodayQueryDto): Promise<TodayView> {
    const loc = q.latitude !== undefined && q.longitude !== undefined
      ? { latitude: q.latitude, longitude: q.longitude, accuracy: q.accuracy ?? 1, isMock: q.isMock === 'true' || q.isMock === '1',
        wifi: q.bssid ? { ssid: q.ssid ?? '', bssid: q.bssid } : null }
      : null;
    return this.punches.today(user, loc);
  }

  @Post('check') @HttpCode(200)
  check(@CurrentUser() user: SessionUser, @Body() dto: DeviceLocationDto): Promise<LocationCheck> {
    return this.punches.checkLocation(user, dto);
  }

  @Post('punches')
  punch(@CurrentUser() user: SessionUser, @Body() dto: PunchRequestDto): Promise<PunchResult> {
    return this.punches.punch(user, dto);
  }

  @Get('month')
  month(@CurrentUser() user: SessionUser, @Query() q: MonthQueryDto): Promise<MonthView> {
    return this.views.month(user, q.month);
  }

  @Get('corrections/quota')
  quota(@CurrentUser() user: SessionUser, @Query() q: MonthQueryDto): Promise<CorrectionQuota> {
    return this.corrections.quota(user, q.month);
  }

  @Post('corrections')
  correct(@CurrentUser() user: SessionUser, @Body() dto: CorrectionRequestDto): Promise<CorrectionView> {
    return this.corrections.submit(user, dto);
  }

  @Get('corrections')
  myCorrections(@CurrentUser() user: SessionUser, @Query() q: PageQueryDto): Promise<Page<CorrectionView>> {
    return this.corrections.mine(user, q);
  }

  @Get('team/today')
  teamToday(@CurrentUser() user: SessionUser): Promise<TeamTodayRow[]> {
    return this.views.teamToday(user);
  }
}

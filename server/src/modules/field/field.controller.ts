import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FieldCheckinView, Page } from '@hrlink/shared';
import { CurrentUser, Roles } from '../../common/auth/decorators';
import type { SessionUser } from '../../common/auth/auth.types';
import { PageQueryDto } from '../../common/pagination';
import { AdminFieldQueryDto, FieldCheckinDto, TeamFieldQueryDto } from './dto/field.dto';
import { FieldService } from './field.service';

/** 外勤签到 for employees and their managers (mini-program). */
@ApiTags('attendance')
@ApiBearerAuth()
@Controller('attendance')
export class FieldController {
  constructor(private readonly field: FieldService) {}

  @Post('field-checkins')
  create(@CurrentUser() user: SessionUser, @Body() dto: FieldCheckinDto): Promise<FieldCheckinView> {
    return this.field.create(user, dto);
  }

  @Get('field-checkins')
  mine(@CurrentUser() user: SessionUser, @Query() q: PageQueryDto): Promise<Page<FieldCheckinView>> {
    return this.field.mine(user, q);
  }

  @Get('team/field-checkins')
  team(@CurrentUser() user: SessionUser, @Query() q: TeamFieldQueryDto): Promise<FieldCheckinView[]> {
    return this.field.team(user, q.date);
  }
}

/** HR: every field check-in, filtered and paged, with photos (original bytes). */
@ApiTags('admin-attendance')
@ApiBearerAuth()
@Roles('hr', 'admin')
@Controller('admin/attendance')
export class AdminFieldController {
  constructor(private readonly field: FieldService) {}

  @Get('field-checkins')
  list(@CurrentUser() user: SessionUser, @Query() q: AdminFieldQueryDto): Promise<Page<FieldCheckinView>> {
    return this.field.adminList(user, q);
  }
}
